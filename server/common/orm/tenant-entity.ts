import { randomUUID } from 'node:crypto';
import { BeforeInsert, PrimaryColumn } from 'typeorm';
import { CreatedAt, TenantIdColumn, UpdatedAt } from './columns';

/**
 * Base of every plugin table: a UUID primary key generated in code (portable across the three
 * databases) and the tenant id that every query and every unique index starts with.
 */
export abstract class TenantEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @TenantIdColumn()
  tenantId: string;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;

  @BeforeInsert()
  protected assignId(): void {
    if (!this.id) this.id = randomUUID();
  }
}

export const newId = (): string => randomUUID();
