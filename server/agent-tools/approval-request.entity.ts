import { Entity, Index } from 'typeorm';
import { BoolColumn, DateTimeColumn, IdColumn, JsonColumn, LongTextColumn, ShortTextColumn } from '../common/orm/columns';
import { TenantEntity } from '../common/orm/tenant-entity';

/**
 * pending -> executing (one approver won the conditional update) -> executed | failed | needs-human;
 * pending -> rejected | expired. Only the conditional update out of `pending` starts a write.
 */
export type ApprovalStatus = 'pending' | 'executing' | 'executed' | 'failed' | 'needs-human' | 'rejected' | 'expired';

/** A write the agent asked for (order, quantity change), with Pax8's dry-run verdict and a plain summary. */
@Entity('pax8_approval_requests')
@Index('IX_pax8_approval_requests_tenant_status', ['tenantId', 'status'])
export class ApprovalRequest extends TenantEntity {
  @ShortTextColumn(64)
  toolName: string;

  /** The validated input; approval executes exactly this, never input supplied later. */
  @JsonColumn()
  arguments: Record<string, unknown>;

  /** SHA-256 of the canonical input, checked again before the write. */
  @ShortTextColumn(64)
  inputHash: string;

  @ShortTextColumn(16)
  status: ApprovalStatus;

  /** What changes, quantities and Pax8 cost per month before and after, the client's price change. */
  @JsonColumn()
  summary: Record<string, unknown>;

  /** Pax8's answer to the isMock order (accepted, or its exact rejection), or the local checks for a PUT. */
  @JsonColumn()
  dryRun: Record<string, unknown>;

  @IdColumn()
  requestedBy: string;

  @IdColumn({ nullable: true })
  decidedBy: string | null;

  @DateTimeColumn({ nullable: true })
  decidedAt: Date | null;

  /** Approved under the tenant's auto-approval thresholds rather than by a person. */
  @BoolColumn({ default: false })
  autoApproved: boolean;

  @DateTimeColumn()
  expiresAt: Date;

  /** Set when the request came from a scheduled NCE change. */
  @IdColumn({ nullable: true })
  scheduledChangeId: string | null;

  @JsonColumn({ nullable: true })
  result: Record<string, unknown> | null;

  @LongTextColumn({ nullable: true })
  error: string | null;
}
