import { Entity, Index } from 'typeorm';
import { IdColumn, MoneyColumn, ShortTextColumn } from '../common/orm/columns';
import { TenantEntity } from '../common/orm/tenant-entity';
import type { MarkupType, RuleScope } from './pricing';

/**
 * A markup that prices many subscriptions at once: the tenant's default, or one per vendor, product
 * (every term and arrears variant) or client. The most specific wins; a subscription's own setting
 * wins over every rule (see `resolvePricing`).
 */
@Entity('pax8_pricing_rules')
@Index('UQ_pax8_pricing_rules_tenant_scope_key', ['tenantId', 'scope', 'matchKey'], { unique: true })
export class PricingRule extends TenantEntity {
  @ShortTextColumn(16)
  scope: RuleScope;

  /** The normalized key the rule matches (`ruleKey(scope, target)`): '' for the default rule. */
  @ShortTextColumn(255)
  matchKey: string;

  /** What the user picked, for display: vendor name, product name or client id. */
  @ShortTextColumn(255)
  target: string;

  @ShortTextColumn(16)
  markupType: MarkupType;

  @MoneyColumn()
  markupValue: string;

  @IdColumn({ nullable: true })
  updatedBy: string | null;
}
