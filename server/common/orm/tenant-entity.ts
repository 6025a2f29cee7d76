import { v7 as uuidv7 } from 'uuid';
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
    if (!this.id) this.id = newId();
  }
}

/**
 * Row ids are time-ordered UUIDs (version 7): new rows go at the end of the primary-key index instead of
 * a random place in it, which makes bulk inserts cheaper on every database (InnoDB clusters rows by it).
 */
export const newId = (): string => uuidv7();
