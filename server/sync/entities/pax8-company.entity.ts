import { Entity, Index } from 'typeorm';
import { BoolColumn, DateTimeColumn, IdColumn, JsonColumn, ShortTextColumn } from '../../common/orm/columns';
import { TenantEntity } from '../../common/orm/tenant-entity';

/** A Pax8 company as last pulled by the sync. Rows are never deleted by a sync, only marked removed. */
@Entity('pax8_companies')
@Index('UQ_pax8_companies_tenant_pax8', ['tenantId', 'pax8Id'], { unique: true })
@Index('IX_pax8_companies_tenant_name', ['tenantId', 'name'])
export class Pax8Company extends TenantEntity {
  @IdColumn()
  pax8Id: string;

  /** 512: Pax8 names are free text; still indexable with the tenant id on MySQL (utf8mb4). */
  @ShortTextColumn(512)
  name: string;

  /** Pax8's `externalId`: often the PSA account number, the strongest auto-map key. */
  @ShortTextColumn(128, { nullable: true })
  externalId: string | null;

  @ShortTextColumn(2048, { nullable: true })
  website: string | null;

  @ShortTextColumn(64, { nullable: true })
  phone: string | null;

  /** Active | Inactive | Deleted, or an unknown value kept as Pax8 sent it. */
  @ShortTextColumn(32, { nullable: true })
  status: string | null;

  @ShortTextColumn(255, { nullable: true })
  street: string | null;

  @ShortTextColumn(128, { nullable: true })
  city: string | null;

  @ShortTextColumn(128, { nullable: true })
  stateOrProvince: string | null;

  @ShortTextColumn(32, { nullable: true })
  postalCode: string | null;

  @ShortTextColumn(8, { nullable: true })
  country: string | null;

  @BoolColumn({ nullable: true })
  billOnBehalfOfEnabled: boolean | null;

  @BoolColumn({ nullable: true })
  selfServiceAllowed: boolean | null;

  @BoolColumn({ nullable: true })
  orderApprovalRequired: boolean | null;

  @DateTimeColumn({ nullable: true })
  pax8UpdatedAt: Date | null;

  /** Set when the company vanished from Pax8 or turned Deleted; the row, its mapping and billing stay. */
  @DateTimeColumn({ nullable: true })
  removedAt: Date | null;

  /** Fields Pax8 sent that the columns could not hold, raw (see records/column-fit.ts); null when none. */
  @JsonColumn({ nullable: true })
  oddValues: Record<string, { raw: unknown; reason: string }> | null;

  /** Hash of the synced fields: a re-sync compares it and writes nothing when it is unchanged. */
  @ShortTextColumn(64)
  contentHash: string;
}
