import { Entity, Index } from 'typeorm';
import { DateTimeColumn, IdColumn, LongTextColumn, ShortTextColumn } from '../common/orm/columns';
import { TenantEntity } from '../common/orm/tenant-entity';

/** pending → done (refreshed) or ignored (nothing to refresh, e.g. an unknown topic). */
export type WebhookEventStatus = 'pending' | 'done' | 'ignored';

/**
 * The inbox: one row per distinct delivery and tenant, written before the receiver answers Pax8 and
 * worked through later. The unique dedupe key drops repeated deliveries (Pax8 retries up to 3 times).
 */
@Entity('pax8_webhook_events')
@Index('UQ_pax8_webhook_events_tenant_key', ['tenantId', 'dedupeKey'], { unique: true })
@Index('IX_pax8_webhook_events_tenant_status', ['tenantId', 'status'])
export class WebhookEvent extends TenantEntity {
  /** sha256 of the delivery body without `sentAt` (a retry's only difference). */
  @IdColumn()
  dedupeKey: string;

  @ShortTextColumn(64)
  topic: string;

  /** Completed-line-item type or action, e.g. Change, Cancel, New (for the record; the refresh re-reads state). */
  @ShortTextColumn(64, { nullable: true })
  eventType: string | null;

  @IdColumn({ nullable: true })
  pax8CompanyId: string | null;

  @IdColumn({ nullable: true })
  pax8SubscriptionId: string | null;

  @ShortTextColumn(16, { default: 'pending' })
  status: WebhookEventStatus;

  @DateTimeColumn()
  receivedAt: Date;

  @DateTimeColumn({ nullable: true })
  processedAt: Date | null;

  @LongTextColumn({ nullable: true })
  note: string | null;
}
