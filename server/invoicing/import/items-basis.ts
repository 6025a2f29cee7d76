import Decimal from 'decimal.js';
import type { Pax8Invoice } from '../entities/pax8-invoice.entity';
import type { InvoiceHeader } from './invoice-records';

/**
 * Invoice statuses (pax8-api.md §6) after which Pax8 changes nothing but the status itself (Paid → Credited):
 * the items are final. `Unpaid` is open: the invoice may still be corrected, so items imported while it was
 * Unpaid (or while its status was missing or unknown) are provisional.
 */
const FINAL_STATUSES: ReadonlySet<string> = new Set(['paid', 'void', 'carried', 'nothing due', 'credited']);

export const isFinalInvoiceStatus = (status: string | null | undefined): boolean => !!status && FINAL_STATUSES.has(status.trim().toLowerCase());

/** Equal amounts whatever their scale ("12.3" from Pax8, "12.3000" from the database). */
export function sameMoney(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b;
  return new Decimal(a).eq(b);
}

export type ItemsFetchReason = 'new' | 'not-imported' | 'total-changed' | 'status-changed';

/**
 * Why an invoice's items must be fetched (again), or null when the imported items still hold: they were
 * fetched under the same total, and either under a final status or under the status the list shows now.
 * A provisional import is therefore fetched again once, when the invoice moves on (e.g. Unpaid → Paid).
 */
export function itemsFetchReason(row: Pick<Pax8Invoice, 'itemsImportedAt' | 'itemsStatus' | 'itemsTotal'> | undefined, header: InvoiceHeader): ItemsFetchReason | null {
  if (!row) return 'new';
  if (row.itemsImportedAt === null) return 'not-imported';
  if (!sameMoney(row.itemsTotal, header.total)) return 'total-changed';
  if (!isFinalInvoiceStatus(row.itemsStatus) && row.itemsStatus !== header.status) return 'status-changed';
  return null;
}
