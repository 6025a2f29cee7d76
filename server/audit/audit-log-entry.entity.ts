import { Entity, Index } from 'typeorm';
import { IdColumn, JsonColumn, ShortTextColumn } from '../common/orm/columns';
import { TenantEntity } from '../common/orm/tenant-entity';

/** Who did what, when. `details` never holds a secret. */
@Entity('pax8_audit_log')
@Index('IX_pax8_audit_log_tenant_created', ['tenantId', 'createdAt'])
export class AuditLogEntry extends TenantEntity {
  /** Host user id, or 'system' for the scheduler and automatic mapping. */
  @IdColumn()
  actorId: string;

  @ShortTextColumn(255, { nullable: true })
  actorName: string | null;

  /** e.g. connection.connected, connection.credentials_changed, connection.disconnected, mapping.auto_linked */
  @ShortTextColumn(64)
  action: string;

  @ShortTextColumn(64, { nullable: true })
  targetType: string | null;

  @IdColumn({ nullable: true })
  targetId: string | null;

  @JsonColumn({ nullable: true })
  details: Record<string, unknown> | null;
}
