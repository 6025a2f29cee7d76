import type { Order, OrderLineItem } from '../types';
import { compact, ParseContext } from './context';

function parseLineItem(c: ParseContext, value: unknown): OrderLineItem {
  const r = c.obj(value) ?? {};
  return compact({
    id: c.str(r.id),
    productId: c.str(r.productId),
    subscriptionId: c.str(r.subscriptionId),
    commitmentTermId: c.str(r.commitmentTermId ?? r.commitmentTermID),
    provisionStartDate: c.date(r.provisionStartDate, 'order.lineItems.provisionStartDate'),
    lineItemNumber: c.num(r.lineItemNumber),
    billingTerm: c.enumValue('billingTerm', r.billingTerm),
    parentSubscriptionId: c.str(r.parentSubscriptionId),
    parentLineItemNumber: c.num(r.parentLineItemNumber),
    quantity: c.num(r.quantity),
    provisioningDetails: Array.isArray(r.provisioningDetails)
      ? r.provisioningDetails.map((d) => {
          const o = c.obj(d) ?? {};
          return compact({ key: c.str(o.key), values: c.strings(o.values) });
        })
      : undefined,
  });
}

export function parseOrder(c: ParseContext, value: unknown): Order {
  const r = c.record(value, 'order');
  return compact({
    id: c.id(r, 'order'),
    companyId: c.str(r.companyId),
    createdDate: c.date(r.createdDate, 'order.createdDate'),
    orderedBy: c.enumValue('orderedBy', r.orderedBy),
    orderedByUserId: c.str(r.orderedByUserId),
    orderedByUserEmail: c.str(r.orderedByUserEmail),
    isScheduled: c.bool(r.isScheduled),
    lineItems: c.arr(r.lineItems).map((li) => parseLineItem(c, li)),
  });
}
