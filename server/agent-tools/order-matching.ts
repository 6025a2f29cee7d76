/**
 * Reconciling an order whose answer was lost. Pax8 orders have no status and no idempotency key
 * (pax8-api.md §5), and `createdDate` is a date only, so a candidate is an order of the same company,
 * created on or after the day the request was sent, not already claimed by another ledger row, whose
 * line items are the same products, quantities and billing terms.
 */
import type { Order } from '../pax8-api';

export interface SentOrder {
  companyId: string;
  lineItems: Array<{ productId: string; quantity: number; billingTerm: string }>;
}

const lineKey = (l: { productId?: string; quantity?: number; billingTerm?: string }) => `${l.productId}|${l.quantity}|${l.billingTerm}`;
const signature = (lines: Array<{ productId?: string; quantity?: number; billingTerm?: string }>) => lines.map(lineKey).sort().join(',');

export function matchingOrders(sent: SentOrder, orders: Order[], sentAt: Date, claimedOrderIds: Set<string>): Order[] {
  const sentDay = sentAt.toISOString().slice(0, 10);
  const wanted = signature(sent.lineItems);
  return orders.filter(
    (o) =>
      o.companyId === sent.companyId &&
      !claimedOrderIds.has(o.id) &&
      (!o.createdDate || o.createdDate.toISOString().slice(0, 10) >= sentDay) &&
      signature(o.lineItems) === wanted,
  );
}
