import { Entity, Index } from 'typeorm';
import { IdColumn, ShortTextColumn } from '../common/orm/columns';
import { TenantEntity } from '../common/orm/tenant-entity';

export type MappingSource = 'manual' | 'auto';

/** Links a Pax8 company (by its Pax8 id, so the link survives re-syncs) to a host client. */
@Entity('pax8_company_mappings')
@Index('UQ_pax8_company_mappings_tenant_company', ['tenantId', 'pax8CompanyId'], { unique: true })
@Index('IX_pax8_company_mappings_tenant_client', ['tenantId', 'clientId'])
export class CompanyMapping extends TenantEntity {
  @IdColumn()
  pax8CompanyId: string;

  /** The host's client id (validated through the host's client directory). */
  @IdColumn()
  clientId: string;

  @ShortTextColumn(16)
  source: MappingSource;

  /** For automatic links: accountNumber | name | domain. */
  @ShortTextColumn(32, { nullable: true })
  rule: string | null;

  @IdColumn({ nullable: true })
  mappedBy: string | null;
}
