import { Entity, Index } from 'typeorm';
import { DateTimeColumn, IdColumn, ShortTextColumn } from '../../common/orm/columns';
import { TenantEntity } from '../../common/orm/tenant-entity';

/**
 * One committed host invoice run: a recurring invoice and the period it was generated for. Its unique
 * index makes a commit idempotent (a second request for the same invoice and period gets the same
 * lines, even when there were none).
 */
@Entity('pax8_issued_batches')
@Index('UQ_pax8_issued_batches_tenant_invoice_period', ['tenantId', 'recurringInvoiceId', 'invoicePeriod'], { unique: true })
export class IssuedBatch extends TenantEntity {
  @IdColumn()
  recurringInvoiceId: string;

  @IdColumn()
  clientId: string;

  /** yyyy-MM: the period of the host invoice. */
  @ShortTextColumn(7)
  invoicePeriod: string;

  @DateTimeColumn()
  issuedAt: Date;

  @IdColumn({ nullable: true })
  issuedBy: string | null;
}
