import { Entity, Index } from 'typeorm';
import { IdColumn, ShortTextColumn } from '../common/orm/columns';
import { TenantEntity } from '../common/orm/tenant-entity';

export type MappingSource = 'manual' | 'auto';

/** Links a Pax8 company (by its Pax8 id, so the link survives re-syncs) to a host client. */
@Entity('pax8_company_mappings')
@Index('UQ_pax8_company_mappings_tenant_company', ['tenantId', 'pax8CompanyId'], { unique: true })
@Index('IX_pax8_company_mappings_tenant_client', ['tenantId', 'clientId'])
@Index('UQ_pax8_company_mappings_tenant_claim', ['tenantId', 'clientClaim'], { unique: true })
export class CompanyMapping extends TenantEntity {
  @IdColumn()
  pax8CompanyId: string;

  /** The host's client id (validated through the host's client directory). */
  @IdColumn()
  clientId: string;

  /**
   * The client id again while one client may take only one company (`allowMultipleCompaniesPerClient`
   * off), else null. Its unique index makes the database refuse a second company for the client even
   * when two requests race (NULLs never collide on PostgreSQL, MySQL/MariaDB or SQLite).
   */
  @IdColumn({ nullable: true })
  clientClaim: string | null;

  @ShortTextColumn(16)
  source: MappingSource;

  /** For automatic links: accountNumber | name | domain. */
  @ShortTextColumn(32, { nullable: true })
  rule: string | null;

  @IdColumn({ nullable: true })
  mappedBy: string | null;
}
