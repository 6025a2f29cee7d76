import { Column, Entity, Index } from 'typeorm';
import { DateTimeColumn, IdColumn, MoneyColumn, ShortTextColumn } from '../../common/orm/columns';
import { TenantEntity } from '../../common/orm/tenant-entity';

/**
 * A Pax8 invoice as imported. The header (status, balance, total) is refreshed on every import, which is
 * how a `Credited` invoice is noticed. Items are imported with the status and total they were fetched
 * under (`itemsStatus`, `itemsTotal`) and fetched again only when that basis no longer holds: see
 * import/items-basis.ts.
 */
@Entity('pax8_invoices')
@Index('UQ_pax8_invoices_tenant_pax8', ['tenantId', 'pax8Id'], { unique: true })
@Index('IX_pax8_invoices_tenant_month', ['tenantId', 'invoiceMonth'])
export class Pax8Invoice extends TenantEntity {
  @IdColumn()
  pax8Id: string;

  /** yyyy-MM-dd as sent. */
  @ShortTextColumn(10)
  invoiceDate: string;

  /** yyyy-MM of invoiceDate: which month's recurring charges (and the previous month's arrears) it carries. */
  @ShortTextColumn(7)
  invoiceMonth: string;

  @ShortTextColumn(10, { nullable: true })
  dueDate: string | null;

  @ShortTextColumn(32, { nullable: true })
  status: string | null;

  @MoneyColumn({ nullable: true })
  total: string | null;

  @MoneyColumn({ nullable: true })
  balance: string | null;

  @ShortTextColumn(3, { nullable: true })
  currencyCode: string | null;

  /** Set on a bill-on-behalf invoice of one company. */
  @IdColumn({ nullable: true })
  pax8CompanyId: string | null;

  @DateTimeColumn({ nullable: true })
  itemsImportedAt: Date | null;

  @Column({ type: 'int', default: 0 })
  itemCount: number;

  /** The header status the imported items were fetched under (null: items not imported). */
  @ShortTextColumn(32, { nullable: true })
  itemsStatus: string | null;

  /** The header total the imported items were fetched under. */
  @MoneyColumn({ nullable: true })
  itemsTotal: string | null;
}
