import { PagedList } from '../pagination';
import { parseInvoice, parseInvoiceItem } from '../parse/invoice';
import type { Pax8Transport } from '../http';
import type { DraftInvoiceItemQuery, Invoice, InvoiceItem, InvoiceQuery, PageQuery } from '../types';

export class InvoicesResource extends PagedList<InvoiceQuery, Invoice> {
  constructor(private readonly t: Pax8Transport, private readonly size: number) {
    super(t, '/invoices', parseInvoice, size);
  }

  get(invoiceId: string): Promise<Invoice> {
    return this.t.send({ method: 'GET', path: `/invoices/${encodeURIComponent(invoiceId)}`, parse: (c, b) => parseInvoice(c, b) });
  }

  items(invoiceId: string): PagedList<PageQuery, InvoiceItem> {
    return new PagedList(this.t, `/invoices/${encodeURIComponent(invoiceId)}/items`, parseInvoiceItem, this.size);
  }

  /** Items of the coming invoice; a snapshot that leaves out usage billed in arrears (§7). */
  draftItems(): PagedList<DraftInvoiceItemQuery, InvoiceItem> {
    return new PagedList(this.t, '/invoices/draftItems', parseInvoiceItem, this.size);
  }
}
