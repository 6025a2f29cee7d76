import { Column, Entity, Index } from 'typeorm';
import { DateTimeColumn, IdColumn, LongTextColumn, ShortTextColumn } from '../common/orm/columns';
import { TenantEntity } from '../common/orm/tenant-entity';

/** scheduled -> submitted (handed to the tool's policy on its date) | cancelled | failed. */
export type ScheduledChangeStatus = 'scheduled' | 'submitted' | 'cancelled' | 'failed';

/**
 * A change an NCE commitment forbids today (a quantity decrease, a billing-term change), kept for the
 * commitment's end date. Pax8 has no future-dated updates (pax8-api.md §4), so the plugin runs it.
 */
@Entity('pax8_scheduled_changes')
@Index('IX_pax8_scheduled_changes_tenant_status_due', ['tenantId', 'status', 'effectiveAt'])
export class ScheduledChange extends TenantEntity {
  @IdColumn()
  pax8SubscriptionId: string;

  @IdColumn()
  pax8CompanyId: string;

  @Column({ type: 'int', nullable: true })
  quantity: number | null;

  @ShortTextColumn(32, { nullable: true })
  billingTerm: string | null;

  /** The commitment end date: the first day the change is allowed. */
  @DateTimeColumn()
  effectiveAt: Date;

  @ShortTextColumn(16)
  status: ScheduledChangeStatus;

  @DateTimeColumn({ nullable: true })
  remindedAt: Date | null;

  @IdColumn()
  createdBy: string;

  /** The approval request (or direct write) the scheduler made on the date. */
  @IdColumn({ nullable: true })
  approvalRequestId: string | null;

  @LongTextColumn({ nullable: true })
  error: string | null;
}
