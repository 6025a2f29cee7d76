import { Entity, Index } from 'typeorm';
import { IdColumn, LongTextColumn, MoneyColumn, ShortTextColumn } from '../../common/orm/columns';
import { TenantEntity } from '../../common/orm/tenant-entity';

/**
 * One item of an imported Pax8 invoice (§5 InvoiceItem), every type kept (subscription, prorate,
 * one-time, rebate, credits). `servicePeriod` is the month of `startPeriod`: the month the charge is for,
 * which is what reconciliation compares (not the invoice date: arrears and prorates arrive a month late).
 */
@Entity('pax8_invoice_items')
@Index('UQ_pax8_invoice_items_tenant_item', ['tenantId', 'pax8InvoiceId', 'pax8ItemId'], { unique: true })
@Index('IX_pax8_invoice_items_tenant_period', ['tenantId', 'servicePeriod'])
export class Pax8InvoiceItem extends TenantEntity {
  @IdColumn()
  pax8InvoiceId: string;

  @IdColumn()
  pax8ItemId: string;

  /** subscription | prorate | one-time | rebate | payment-credit | service-charge | service-credit | invoice-credit, as sent. */
  @ShortTextColumn(32, { nullable: true })
  type: string | null;

  /** Monthly | Annual | ... | Arrears | Rebate, as sent. */
  @ShortTextColumn(32, { nullable: true })
  term: string | null;

  @ShortTextColumn(7)
  servicePeriod: string;

  @ShortTextColumn(10, { nullable: true })
  startPeriod: string | null;

  @ShortTextColumn(10, { nullable: true })
  endPeriod: string | null;

  @IdColumn({ nullable: true })
  pax8CompanyId: string | null;

  /** Null for items with no subscription (one-time items, rebates). */
  @IdColumn({ nullable: true })
  pax8SubscriptionId: string | null;

  @IdColumn({ nullable: true })
  productId: string | null;

  @ShortTextColumn(255, { nullable: true })
  productName: string | null;

  @ShortTextColumn(128, { nullable: true })
  sku: string | null;

  @LongTextColumn({ nullable: true })
  description: string | null;

  /** Decimal: usage quantities can be fractional; prorates can be negative. */
  @MoneyColumn({ nullable: true })
  quantity: string | null;

  /** Customer-side unit price and total as Pax8 states them. */
  @MoneyColumn({ nullable: true })
  price: string | null;

  @MoneyColumn({ nullable: true })
  total: string | null;

  /** What Pax8 charges you: unit cost and cost total. */
  @MoneyColumn({ nullable: true })
  cost: string | null;

  @MoneyColumn({ nullable: true })
  costTotal: string | null;

  @ShortTextColumn(3, { nullable: true })
  currencyCode: string | null;
}
