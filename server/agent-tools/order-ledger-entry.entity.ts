import { Entity, Index } from 'typeorm';
import { DateTimeColumn, IdColumn, JsonColumn, ShortTextColumn } from '../common/orm/columns';
import { TenantEntity } from '../common/orm/tenant-entity';

/**
 * sending: written before the call; placed / not-placed: known outcome; unknown: the answer was lost
 * (never sent again, reconciled from Pax8's orders and subscriptions); needs-human: reconciliation
 * could not decide.
 */
export type LedgerStatus = 'sending' | 'placed' | 'not-placed' | 'unknown' | 'needs-human';

/** One approved write sent to Pax8. The unique approval id makes a second send impossible. */
@Entity('pax8_order_ledger')
@Index('UQ_pax8_order_ledger_tenant_approval', ['tenantId', 'approvalRequestId'], { unique: true })
@Index('IX_pax8_order_ledger_tenant_status', ['tenantId', 'status'])
export class OrderLedgerEntry extends TenantEntity {
  @IdColumn()
  approvalRequestId: string;

  /** order: POST /orders; quantity: PUT /subscriptions/{id}. */
  @ShortTextColumn(16)
  kind: 'order' | 'quantity';

  @ShortTextColumn(16)
  status: LedgerStatus;

  @IdColumn()
  pax8CompanyId: string;

  @IdColumn({ nullable: true })
  pax8SubscriptionId: string | null;

  /** The exact body sent to Pax8. */
  @JsonColumn()
  request: Record<string, unknown>;

  @DateTimeColumn()
  sentAt: Date;

  @IdColumn({ nullable: true })
  pax8OrderId: string | null;

  /** What Pax8 answered, or what reconciliation found. */
  @JsonColumn({ nullable: true })
  outcome: Record<string, unknown> | null;

  @DateTimeColumn({ nullable: true })
  reconciledAt: Date | null;
}
