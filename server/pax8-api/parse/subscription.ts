import { subscriptionUnitCost } from '../inferences';
import type { Subscription, SubscriptionCommitment } from '../types';
import { compact, ParseContext, Raw } from './context';
import { parseProvisioningDetail } from './product';

/** `commitment` (live) or `commitmentTerm` (spec); absent or null = no commitment (§5, §13). */
function parseCommitment(c: ParseContext, r: Raw): SubscriptionCommitment | undefined {
  const value = r.commitment ?? r.commitmentTerm;
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return { term: c.enumValue('commitmentTerm', value) };
  const o = c.obj(value);
  if (!o) return undefined;
  return compact({
    id: c.str(o.id),
    term: c.enumValue('commitmentTerm', o.term),
    endDate: c.date(o.endDate, 'subscription.commitment.endDate'),
  });
}

export function parseSubscription(c: ParseContext, value: unknown): Subscription {
  const r = c.record(value, 'subscription');
  const price = c.money(r.price);
  const partnerCost = c.money(r.partnerCost);
  return compact({
    id: c.id(r, 'subscription'),
    parentSubscriptionId: c.str(r.parentSubscriptionId),
    companyId: c.str(r.companyId),
    productId: c.str(r.productId),
    productName: c.str(r.productName),
    vendorSubscriptionId: c.str(r.vendorSubscriptionId),
    vendorSkuId: c.str(r.vendorSkuId),
    quantity: c.num(r.quantity),
    startDate: c.date(r.startDate, 'subscription.startDate'),
    endDate: c.date(r.endDate, 'subscription.endDate'),
    createdDate: c.date(r.createdDate, 'subscription.createdDate'),
    updatedDate: c.date(r.updatedDate, 'subscription.updatedDate'),
    billingStart: c.date(r.billingStart, 'subscription.billingStart'),
    status: c.enumValue('subscriptionStatus', r.status),
    billingTerm: c.enumValue('billingTerm', r.billingTerm),
    commitment: parseCommitment(c, r),
    price,
    partnerCost,
    currencyCode: c.str(r.currencyCode),
    unitCost: subscriptionUnitCost(price, partnerCost),
    provisioningDetails: Array.isArray(r.provisioningDetails)
      ? r.provisioningDetails.map((d) => parseProvisioningDetail(c, d))
      : undefined,
  });
}
