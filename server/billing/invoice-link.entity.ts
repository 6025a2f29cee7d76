import { Entity, Index } from 'typeorm';
import { IdColumn, ShortTextColumn } from '../common/orm/columns';
import { TenantEntity } from '../common/orm/tenant-entity';

/**
 * A subscription's line goes on this recurring invoice of the host. One invoice per subscription;
 * removed when the company is unmapped (the invoice belongs to the old client).
 */
@Entity('pax8_invoice_links')
@Index('UQ_pax8_invoice_links_tenant_sub', ['tenantId', 'pax8SubscriptionId'], { unique: true })
@Index('IX_pax8_invoice_links_tenant_invoice', ['tenantId', 'recurringInvoiceId'])
export class InvoiceLink extends TenantEntity {
  @IdColumn()
  pax8SubscriptionId: string;

  @IdColumn()
  recurringInvoiceId: string;

  /** The host client the invoice belonged to when linked (the company's mapped client). */
  @IdColumn()
  clientId: string;

  /** Snapshot for lists, so a page of 200 subscriptions needs no host call per row. */
  @ShortTextColumn(255)
  invoiceName: string;

  @ShortTextColumn(3, { nullable: true })
  invoiceCurrencyCode: string | null;

  @IdColumn({ nullable: true })
  linkedBy: string | null;
}
