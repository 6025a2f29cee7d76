import { Entity, Index } from 'typeorm';
import { DateTimeColumn, IdColumn, LongTextColumn, MoneyColumn, ShortTextColumn } from '../../common/orm/columns';
import { TenantEntity } from '../../common/orm/tenant-entity';

/** recurring: a subscription's line for the period; arrears: usage of the period, billed after it. */
export type IssuedLineKind = 'recurring' | 'arrears';

/**
 * The issued-lines ledger: what the host invoiced, per recurring invoice and period. The unique index
 * makes "bill a period twice" impossible: one line per (period, kind, line key), whichever invoice carries it.
 */
@Entity('pax8_issued_lines')
@Index('UQ_pax8_issued_lines_tenant_key', ['tenantId', 'period', 'kind', 'lineKey'], { unique: true })
@Index('IX_pax8_issued_lines_tenant_period', ['tenantId', 'period'])
@Index('IX_pax8_issued_lines_tenant_sub', ['tenantId', 'pax8SubscriptionId'])
@Index('IX_pax8_issued_lines_tenant_batch', ['tenantId', 'batchId'])
export class IssuedLine extends TenantEntity {
  @IdColumn()
  recurringInvoiceId: string;

  @IdColumn()
  clientId: string;

  /** The commit (host invoice run) that issued the line. */
  @IdColumn()
  batchId: string;

  /** yyyy-MM of the host invoice that carried it (usage of month M arrives on a later invoice). */
  @ShortTextColumn(7)
  invoicePeriod: string;

  /** yyyy-MM: the service month the line bills. */
  @ShortTextColumn(7)
  period: string;

  @ShortTextColumn(16)
  kind: IssuedLineKind;

  /** The subscription id (recurring) or the usage summary id (arrears). */
  @IdColumn()
  lineKey: string;

  @IdColumn()
  pax8SubscriptionId: string;

  @LongTextColumn()
  description: string;

  @ShortTextColumn(128, { nullable: true })
  sku: string | null;

  @MoneyColumn()
  quantity: string;

  @MoneyColumn()
  unitPrice: string;

  @MoneyColumn()
  lineTotal: string;

  /** Your cost for the line (Pax8 cost × quantity, or the usage's partner total). */
  @MoneyColumn()
  costTotal: string;

  @ShortTextColumn(32)
  priceSource: string;

  /** Where the amount came from for arrears: 'pax8-invoice' (final) or 'usage-posted' (last post before Pax8 invoiced). */
  @ShortTextColumn(32, { nullable: true })
  basis: string | null;

  @ShortTextColumn(3, { nullable: true })
  currencyCode: string | null;

  @DateTimeColumn()
  issuedAt: Date;
}
