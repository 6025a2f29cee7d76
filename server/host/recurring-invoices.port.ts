/** A recurring invoice (agreement, contract) of the host, to which subscription lines are linked. */
export interface HostRecurringInvoice {
  id: string;
  clientId: string;
  name: string;
  /** ISO 4217; lines of another currency are flagged, never converted. */
  currencyCode?: string | null;
  active: boolean;
}

/** Port: the host's recurring invoices, per tenant and client. */
export interface RecurringInvoicesPort {
  listForClient(tenantId: string, clientId: string): Promise<HostRecurringInvoice[]>;
  getInvoice(tenantId: string, invoiceId: string): Promise<HostRecurringInvoice | null>;
}
export const PAX8_RECURRING_INVOICES = Symbol.for('pax8.port.recurring-invoices');
