import { Column, Entity, Index } from 'typeorm';
import { DateTimeColumn, IdColumn, JsonColumn, MoneyColumn, ShortTextColumn } from '../../common/orm/columns';
import { TenantEntity } from '../../common/orm/tenant-entity';

/**
 * A Pax8 subscription as last pulled, with every field billing or display needs (pax8-api.md §5).
 * Money is DECIMAL(19,4) as a string; both prices are per unit per billing-term period.
 */
@Entity('pax8_subscriptions')
@Index('UQ_pax8_subscriptions_tenant_pax8', ['tenantId', 'pax8Id'], { unique: true })
// Per-company reads use IX_pax8_subscriptions_company_active (tenantId, pax8CompanyId, removedAt), declared by
// mapping (server/mapping/mapping-indexes.ts); a separate (tenantId, pax8CompanyId) index would only slow inserts.
// Billing's product-ordered page uses IX_pax8_subscriptions_billing_list (server/billing/billing-indexes.ts).
export class Pax8Subscription extends TenantEntity {
  @IdColumn()
  pax8Id: string;

  @IdColumn()
  pax8CompanyId: string;

  @IdColumn({ nullable: true })
  parentSubscriptionId: string | null;

  @IdColumn({ nullable: true })
  productId: string | null;

  /** From the subscription when Pax8 sends it, else resolved through the product cache (§13). */
  @ShortTextColumn(255, { nullable: true })
  productName: string | null;

  @ShortTextColumn(128, { nullable: true })
  vendorName: string | null;

  @ShortTextColumn(128, { nullable: true })
  sku: string | null;

  @ShortTextColumn(128, { nullable: true })
  vendorSubscriptionId: string | null;

  @ShortTextColumn(128, { nullable: true })
  vendorSkuId: string | null;

  /** Null only when Pax8 sent a quantity an int cannot hold (kept raw in `oddValues`, never rounded). */
  @Column({ type: 'int', nullable: true })
  quantity: number | null;

  /** Pax8 status as sent (unknown values such as `Expired` are kept). */
  @ShortTextColumn(32, { nullable: true })
  status: string | null;

  /** Monthly | Annual | 2-Year | 3-Year | One-Time | Trial | Activation (or unknown, kept). */
  @ShortTextColumn(32, { nullable: true })
  billingTerm: string | null;

  @IdColumn({ nullable: true })
  commitmentId: string | null;

  @ShortTextColumn(32, { nullable: true })
  commitmentTerm: string | null;

  @DateTimeColumn({ nullable: true })
  commitmentEndDate: Date | null;

  @DateTimeColumn({ nullable: true })
  startDate: Date | null;

  @DateTimeColumn({ nullable: true })
  endDate: Date | null;

  @DateTimeColumn({ nullable: true })
  pax8CreatedAt: Date | null;

  @DateTimeColumn({ nullable: true })
  pax8UpdatedAt: Date | null;

  /** A date only (yyyy-MM-dd) on the wire. */
  @ShortTextColumn(10, { nullable: true })
  billingStart: string | null;

  /** Subscription `price`: the spec's customer price; see the billing module for how it is used. */
  @MoneyColumn({ nullable: true })
  price: string | null;

  /** Partner cost per unit; missing on some subscriptions, then billing falls back to `price`, flagged. */
  @MoneyColumn({ nullable: true })
  partnerCost: string | null;

  @ShortTextColumn(3, { nullable: true })
  currencyCode: string | null;

  @JsonColumn({ nullable: true })
  provisioningDetails: Array<{ key?: string; label?: string; values?: string[] }> | null;

  /** Set when the subscription vanished from Pax8 or turned Cancelled; billing settings are kept. */
  @DateTimeColumn({ nullable: true })
  removedAt: Date | null;

  /** Fields Pax8 sent that the columns could not hold, raw (see records/column-fit.ts); null when none. */
  @JsonColumn({ nullable: true })
  oddValues: Record<string, { raw: unknown; reason: string }> | null;

  @ShortTextColumn(64)
  contentHash: string;
}
