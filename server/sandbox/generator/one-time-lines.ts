/**
 * One-Time order lines (pax8-api.md §5: `billingTerm` `One-Time` has been seen on live order lines).
 * About one order in four also bought a one-time product (onboarding, migration, setup fee) with its
 * subscriptions; a one-time purchase creates no subscription, so its line has no `subscriptionId`.
 * Choices come from hashes of the order id (no dice), so the rest of the data set stays as it was.
 */
import { hashString, uuidFromString } from '../random';
import type { ProductDef, Row } from './products';

export function addOneTimeLines(orders: Iterable<Row>, oneTime: ProductDef[]): void {
  if (!oneTime.length) return;
  let first: Row | undefined;
  let added = 0;
  for (const order of orders) {
    first ??= order;
    if (hashString(`${order.id}:one-time`) % 4 === 0) added += addLine(order, oneTime);
  }
  // Even the smallest data set shows one.
  if (!added && first) addLine(first, oneTime);
}

function addLine(order: Row, oneTime: ProductDef[]): number {
  const items = order.lineItems as Row[];
  const h = hashString(`${order.id}:one-time-product`);
  const def = oneTime[h % oneTime.length];
  items.push({
    id: uuidFromString(`${order.id}:one-time-line`),
    productId: def.product.id,
    provisionStartDate: `${order.createdDate}T00:00:00Z`, // delivered with the order, on its date
    lineItemNumber: items.length + 1,
    billingTerm: 'One-Time',
    quantity: def.unit === 'User' ? 1 + (h % 25) : 1,
    provisioningDetails: [],
  });
  return 1;
}
