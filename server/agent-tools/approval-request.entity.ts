import { Entity, Index } from 'typeorm';
import { DateTimeColumn, IdColumn, JsonColumn, LongTextColumn, ShortTextColumn } from '../common/orm/columns';
import { TenantEntity } from '../common/orm/tenant-entity';

export type ApprovalStatus = 'pending' | 'approved' | 'rejected' | 'executing' | 'executed' | 'failed' | 'expired';

/** A write the agent asked for (order, quantity change) waiting for a person's decision. */
@Entity('pax8_approval_requests')
@Index('IX_pax8_approval_requests_tenant_status', ['tenantId', 'status'])
@Index('UQ_pax8_approval_requests_tenant_key', ['tenantId', 'idempotencyKey'], { unique: true })
export class ApprovalRequest extends TenantEntity {
  @ShortTextColumn(64)
  toolName: string;

  @JsonColumn()
  arguments: Record<string, unknown>;

  @ShortTextColumn(16)
  status: ApprovalStatus;

  /** One key per request so an approved write runs at most once, even when retried. */
  @ShortTextColumn(64)
  idempotencyKey: string;

  @IdColumn()
  requestedBy: string;

  @IdColumn({ nullable: true })
  decidedBy: string | null;

  @DateTimeColumn({ nullable: true })
  decidedAt: Date | null;

  @JsonColumn({ nullable: true })
  result: Record<string, unknown> | null;

  @LongTextColumn({ nullable: true })
  error: string | null;
}
