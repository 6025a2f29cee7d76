import { Entity, Index } from 'typeorm';
import { BoolColumn, IdColumn, LongTextColumn, MoneyColumn, ShortTextColumn } from '../common/orm/columns';
import { TenantEntity } from '../common/orm/tenant-entity';

/** none: bill at cost; percent / fixed: markup on partner cost; override: a fixed unit price. */
export type PricingMode = 'none' | 'percent' | 'fixed' | 'override';

/**
 * How one subscription is billed to the client, and which recurring invoice carries it. Keyed by the
 * Pax8 subscription id so a sync, a disconnect-free re-pull or a vanish-and-return never loses it.
 */
@Entity('pax8_subscription_billing')
@Index('UQ_pax8_subscription_billing_tenant_sub', ['tenantId', 'pax8SubscriptionId'], { unique: true })
@Index('IX_pax8_subscription_billing_tenant_invoice', ['tenantId', 'recurringInvoiceId'])
export class SubscriptionBilling extends TenantEntity {
  @IdColumn()
  pax8SubscriptionId: string;

  @BoolColumn({ default: true })
  enabled: boolean;

  @ShortTextColumn(16, { default: 'none' })
  pricingMode: PricingMode;

  /** Percent (e.g. '20.0000' = 20 %) or a fixed amount per unit, depending on the mode. */
  @MoneyColumn({ nullable: true })
  markupValue: string | null;

  @MoneyColumn({ nullable: true })
  overrideUnitPrice: string | null;

  /** The host's recurring invoice this subscription's line goes on (null = not linked). */
  @IdColumn({ nullable: true })
  recurringInvoiceId: string | null;

  @LongTextColumn({ nullable: true })
  lineDescription: string | null;

  @IdColumn({ nullable: true })
  updatedBy: string | null;
}
