import { Entity, Index } from 'typeorm';
import { BoolColumn, IdColumn, LongTextColumn, MoneyColumn, ShortTextColumn } from '../common/orm/columns';
import { TenantEntity } from '../common/orm/tenant-entity';
import type { ChargeType, MarkupType } from './pricing';

/**
 * How one subscription is billed when it should not simply follow the pricing rules: its own markup
 * or an override unit price. Keyed by the Pax8 subscription id so a sync, a vanish-and-return or an
 * unmap/remap never loses it. Neither set = the rules price it.
 */
@Entity('pax8_subscription_billing')
@Index('UQ_pax8_subscription_billing_tenant_sub', ['tenantId', 'pax8SubscriptionId'], { unique: true })
export class SubscriptionBilling extends TenantEntity {
  @IdColumn()
  pax8SubscriptionId: string;

  /** False: the subscription produces no invoice line (listed as a warning instead). */
  @BoolColumn({ default: true })
  enabled: boolean;

  /** 'percent' | 'fixed', with `markupValue`; null = no own markup. */
  @ShortTextColumn(16, { nullable: true })
  markupType: MarkupType | null;

  /** Percent ('20.0000' = 20 %) or an amount per unit, depending on `markupType`. */
  @MoneyColumn({ nullable: true })
  markupValue: string | null;

  /** A fixed unit price per billing period; wins over every markup. */
  @MoneyColumn({ nullable: true })
  overridePrice: string | null;

  /** 'Flat Rate': one amount per period whatever the quantity (from the product's Pax8 pricing); null = per unit. */
  @ShortTextColumn(16, { nullable: true })
  chargeType: ChargeType | null;

  /** Replaces the generated line description when set. */
  @LongTextColumn({ nullable: true })
  lineDescription: string | null;

  @IdColumn({ nullable: true })
  updatedBy: string | null;
}
