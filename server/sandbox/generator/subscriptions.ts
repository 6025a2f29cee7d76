/**
 * Subscriptions, plus the orders that created some of them and usage summaries for usage products.
 * Every §6 status occurs (mostly Active), and `Expired` (§13, seen live outside the published enum);
 * commitments follow the NCE rules; money is 4-decimal numbers.
 */
import { Dice, hashString, round4 } from '../random';
import { DAY, addMonths, dateOnly, isoSeconds } from '../dates';
import type { CompanyMeta } from './companies';
import type { PriceOption, ProductDef, Row } from './products';
import { companyPriceFactor, rateFor } from './pricing';
import { expire } from './expired';
import { addOneTimeLines } from './one-time-lines';

export const SUBSCRIPTION_STATUSES = [
  'Active', 'Cancelled', 'PendingManual', 'PendingAutomated', 'PendingCancel',
  'WaitingForDetails', 'Trial', 'Converted', 'PendingActivation', 'Activated',
] as const;

const STATUS_WEIGHTS: Array<readonly [string, number]> = [
  ['Active', 850], ['Cancelled', 60], ['PendingCancel', 20], ['Trial', 20], ['PendingManual', 10],
  ['PendingAutomated', 10], ['WaitingForDetails', 8], ['Converted', 10], ['PendingActivation', 6],
  // Expired takes the tail of the unused Activated share, so no other draw lands elsewhere (the data set stays as it was).
  ['Activated', 2], ['Expired', 4],
];

const CURRENCY_FACTOR: Record<string, number> = { USD: 1, EUR: 0.92, GBP: 0.79 };

export interface GeneratedSubscriptions {
  subscriptions: Row[];
  orders: Row[];
  usageSummaries: Row[];
  /** subscription id -> endDate ms, for PendingCancel subscriptions that turn Cancelled later. */
  pendingCancel: Map<string, number>;
}

function optionWeight(o: PriceOption): number {
  if (o.commitmentTerm === '1-Year' && o.billingTerm === 'Monthly') return 50;
  if (o.commitmentTerm === 'Monthly' || !o.commitmentTerm) return 30;
  if (o.billingTerm === 'Annual') return 15;
  return 5;
}

export function generateSubscriptions(
  d: Dice,
  count: number,
  companies: CompanyMeta[],
  defs: ProductDef[],
  anchor: number,
): GeneratedSubscriptions {
  const subscriptions: Row[] = [];
  const usageSummaries: Row[] = [];
  const pendingCancel = new Map<string, number>();
  const ordersByCompany = new Map<string, Row>();
  const baseSubByCompany = new Map<string, string>();
  // One-time products (weight 0) are never a subscription here: they appear as order lines only.
  const productWeights = defs.map((p, i) => [i, p.weight] as const).filter(([, w]) => w > 0);
  const oneTimeDefs = defs.filter((p) => p.isOneTime);
  // Spread one of each status over the first indices so even the demo set has every status.
  const forced = new Map<number, string>();
  if (count >= SUBSCRIPTION_STATUSES.length)
    SUBSCRIPTION_STATUSES.forEach((s, k) => forced.set((k * 7 + 3) % count, s));
  const nCompanies = companies.length;

  for (let i = 0; i < count; i++) {
    // Every company gets one subscription first, then a skewed share (a few big customers).
    const company = companies[i < nCompanies ? i : Math.floor(nCompanies * d.next() ** 1.6)];
    const def = defs[d.weighted(productWeights)];
    const option = d.weighted(def.options.map((o) => [o, optionWeight(o)] as const));
    let status = forced.get(i) ?? d.weighted(STATUS_WEIGHTS);
    if (company.status === 'Deleted') status = 'Cancelled';

    const startMs = anchor - d.int(1, 1080) * DAY + d.int(0, 86_399) * 1000;
    const createdMs = startMs - d.int(0, 3) * DAY - d.int(0, 43_200) * 1000;
    const id = d.uuid();
    const product = def.product;
    const s: Row = { id, companyId: company.id, productId: product.id, productName: product.name };

    if (def.isAddOn) {
      const parent = baseSubByCompany.get(company.id);
      if (parent) s.parentSubscriptionId = parent;
    } else if (def.isNce) baseSubByCompany.set(company.id, id);

    s.quantity = def.isArrears ? 1 : Math.max(1, Math.round(60 * d.next() ** 3));
    s.startDate = isoSeconds(startMs);
    if (status === 'Cancelled') s.endDate = isoSeconds(startMs + Math.floor((anchor - startMs) * d.next()));
    else if (status === 'PendingCancel') {
      const end = anchor + d.int(40, 90) * DAY;
      s.endDate = isoSeconds(end);
      pendingCancel.set(id, end);
    } else if (status === 'Trial') s.endDate = isoSeconds(anchor + d.int(30, 60) * DAY);
    s.createdDate = isoSeconds(createdMs);
    s.updatedDate = isoSeconds(Math.min(anchor, createdMs + d.int(0, 400) * DAY));
    s.billingStart = dateOnly(startMs);
    s.status = status;

    const factor = CURRENCY_FACTOR[company.currency] ?? 1;
    const custom = d.chance(0.2) ? 0.95 : 1; // some partners set their own price
    // Volume/Tiered rates depend on the quantity; some companies have negotiated partner prices.
    const rate = rateFor(option, s.quantity as number);
    s.price = round4(rate.srp * factor * custom);
    if (d.chance(0.92)) s.partnerCost = round4(rate.buy * factor * companyPriceFactor(company.id));
    s.currencyCode = company.currency;
    // An Expired subscription is an ended trial half the time (from its id: no extra draw, see STATUS_WEIGHTS).
    s.billingTerm = (status === 'Trial' && d.chance(0.5)) || (status === 'Expired' && hashString(id) % 2 === 0) ? 'Trial' : option.billingTerm;

    const dep = (def.dependencies.commitmentDependencies as Row[]).find((c) => c.term === option.commitmentTerm);
    if (option.commitmentTerm && option.commitmentTerm !== 'Monthly' && dep) {
      // Commitments renew: the current term ends after the anchor.
      let end = addMonths(startMs, option.months);
      while (end <= anchor) end = addMonths(end, option.months);
      s.commitment = { id: dep.id, term: option.commitmentTerm, endDate: isoSeconds(end) };
    } else if (def.isNce && dep) {
      // §13: a monthly NCE commitment is present with term Monthly, absent, or null.
      const v = d.int(0, 2);
      if (v === 0) s.commitment = { id: dep.id, term: 'Monthly', endDate: isoSeconds(addMonths(anchor, 1)) };
      else if (v === 1) s.commitment = null;
    }
    if (status === 'Expired') expire(s, startMs, option.months, anchor);
    if (product.vendorName === 'Microsoft') s.vendorSubscriptionId = d.uuid();
    if (def.isNce) s.provisioningDetails = [{ key: 'msDomain', values: [company.stem] }];
    subscriptions.push(s);

    if (def.isArrears) {
      const n = d.int(1, 2);
      for (let k = 0; k < n; k++) {
        const charges = round4(d.int(500, 250_000) / 100);
        usageSummaries.push({
          id: d.uuid(),
          companyId: company.id,
          subscriptionId: id,
          productId: product.id,
          resourceGroup: k === 0 ? company.stem : `rg-${company.stem}-prod`,
          vendorName: product.vendorName,
          currentCharges: charges,
          partnerTotal: round4(charges * 0.86),
          currencyCode: company.currency,
          isTrial: false,
        });
      }
    }

    // The first few subscriptions of a company came from one order.
    let order = ordersByCompany.get(company.id);
    if (!order) {
      order = {
        id: d.uuid(),
        companyId: company.id,
        createdDate: dateOnly(createdMs),
        orderedBy: d.chance(0.9) ? 'Pax8Partner' : 'Customer',
        orderedByUserId: d.uuid(),
        orderedByUserEmail: `buyer${d.int(1, 9)}@msp.example`,
        isScheduled: false,
        lineItems: [],
      };
      ordersByCompany.set(company.id, order);
    }
    const items = order.lineItems as Row[];
    if (items.length < 3) {
      // An order is dated no later than the subscriptions it created: no line provisions before its order.
      if (dateOnly(createdMs) < (order.createdDate as string)) order.createdDate = dateOnly(createdMs);
      items.push({
        id: d.uuid(),
        productId: product.id,
        subscriptionId: id,
        ...(s.commitment ? { commitmentTermId: (s.commitment as Row).id } : {}),
        provisionStartDate: s.startDate,
        lineItemNumber: items.length + 1,
        billingTerm: s.billingTerm,
        quantity: s.quantity,
        provisioningDetails: (s.provisioningDetails as Row[] | undefined) ?? [],
      });
    }
  }
  addOneTimeLines(ordersByCompany.values(), oneTimeDefs);
  // Orders are stored oldest first, the order a live list returns them in (§2).
  const orders = [...ordersByCompany.values()].sort((a, b) => (a.createdDate as string).localeCompare(b.createdDate as string));
  return { subscriptions, orders, usageSummaries, pendingCancel };
}
