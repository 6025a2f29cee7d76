import { Entity, Index } from 'typeorm';
import { DateTimeColumn, IdColumn, MoneyColumn, ShortTextColumn } from '../../common/orm/columns';
import { TenantEntity } from '../../common/orm/tenant-entity';

/**
 * The last usage totals Pax8 showed for a usage summary and month (month to date while the month runs).
 * Each capture replaces the previous one for the same month, as each vendor post replaces the earlier
 * totals (§8), until Pax8 invoices the month.
 */
@Entity('pax8_usage_totals')
@Index('UQ_pax8_usage_totals_tenant_summary_period', ['tenantId', 'usageSummaryId', 'period'], { unique: true })
@Index('IX_pax8_usage_totals_tenant_period', ['tenantId', 'period'])
export class UsageTotal extends TenantEntity {
  @IdColumn()
  usageSummaryId: string;

  @IdColumn()
  pax8SubscriptionId: string;

  @ShortTextColumn(7)
  period: string;

  @ShortTextColumn(255, { nullable: true })
  resourceGroup: string | null;

  @MoneyColumn()
  currentCharges: string;

  @MoneyColumn()
  partnerTotal: string;

  @ShortTextColumn(3, { nullable: true })
  currencyCode: string | null;

  @DateTimeColumn()
  capturedAt: Date;
}
