/** A line billing would put on a recurring invoice today (billing's line items, as of a date). */
export interface SourceLine {
  pax8SubscriptionId: string;
  description: string;
  sku: string | null;
  quantity: number;
  unitPrice: string;
  lineTotal: string;
  /** Your cost for the line (unit cost × quantity). */
  costTotal: string;
  priceSource: string;
  currencyCode: string | null;
}

export interface RecurringInvoiceLines {
  clientId: string;
  lines: SourceLine[];
  /** Every subscription linked to the invoice, billing or not (arrears usage is looked up for these). */
  linkedSubscriptionIds: string[];
}

/** Billing answers this; the ledger commits what it returns. Throws billing's 404 for an unknown or foreign invoice. */
export interface RecurringLineSource {
  linesFor(tenantId: string, recurringInvoiceId: string, asOf: Date): Promise<RecurringInvoiceLines>;
}
export const PAX8_RECURRING_LINE_SOURCE = Symbol.for('pax8.invoicing.recurring-line-source');
