/**
 * What an invoice bills (§5 InvoiceItem, §6 types and terms, §8 arrears). For the invoice dated month M:
 * recurring charges of M from each subscription as it stood on M's 1st (history, not today's state),
 * prorates for quantity changes during M-1, usage of M-1 in arrears (the last post), one-time items with
 * no subscription, and a rebate on the partner invoice. Entries are small references; items are rendered
 * per page, so 40,000 subscriptions cost no item memory.
 */
import type { SandboxPlant } from '../sandbox.types';
import { DAY, addMonths, dateOnly, parseDate } from '../dates';
import { hashString, round2, round4, uuidFromString } from '../random';
import { versionAt } from './history';
import type { InvoiceMeta } from './invoices';
import { monthKey } from './invoices';
import type { ProductDef, Row } from './products';
import { postedUsage } from './usage-postings';

/** Statuses Pax8 does not bill yet (provisioning, trial); status otherwise does not matter, dates do (§6). */
const NOT_BILLED = new Set(['PendingManual', 'PendingAutomated', 'WaitingForDetails', 'PendingActivation', 'Trial']);
const TERM: Record<string, string> = { Monthly: 'Monthly', Annual: 'Annual', '2-Year': '2 Year', '3-Year': '3 Year', 'One-Time': 'One-Time' };
const TERM_MONTHS: Record<string, number> = { Monthly: 1, Annual: 12, '2-Year': 24, '3-Year': 36 };
export const ONE_TIME_FEE = { price: 150, cost: 120, description: 'Onboarding and migration services' };
export const REBATE_RATE = 0.01;

export type Entry =
  | { k: 'sub'; subId: string }
  | { k: 'prorate'; subId: string; from: number; delta: number }
  | { k: 'arrears'; subId: string; summaryId: string }
  | { k: 'one-time'; companyId: string }
  | { k: 'rebate'; base: number };

export interface BillingView {
  companies: Map<string, Row>;
  subscriptions: Map<string, Row>;
  products: Map<string, Row>;
  usageSummaries: Map<string, Row>;
  productDefs: Map<string, ProductDef>;
  history: Map<string, Row[]>;
  plants: SandboxPlant[];
}

const monthIndex = (ms: number) => new Date(ms).getUTCFullYear() * 12 + new Date(ms).getUTCMonth();

/** Is the subscription, as it stood at the period's start, charged for the month starting there? */
function billsIn(v: Row, periodStart: number, arrears: boolean, isArrearsProduct: boolean): boolean {
  if (NOT_BILLED.has(v.status as string) || isArrearsProduct !== arrears) return false;
  const start = parseDate(v.startDate);
  if (start === undefined || start >= addMonths(periodStart, 1)) return false;
  const end = parseDate(v.endDate);
  if (end !== undefined && end < periodStart) return false;
  const every = TERM_MONTHS[v.billingTerm as string];
  return !!every && (monthIndex(periodStart) - monthIndex(start)) % every === 0;
}

const plantFor = (b: BillingView, kind: SandboxPlant['kind'], periodStart: number, subId: string) =>
  b.plants.find((p) => p.kind === kind && p.month === monthKey(periodStart) && 'subscriptionId' in p && p.subscriptionId === subId);

export function entriesFor(b: BillingView, meta: InvoiceMeta): Entry[] {
  const { periodStart, companyId } = meta;
  const prev = addMonths(periodStart, -1);
  const inScope = (cid: unknown) => (companyId ? cid === companyId : b.companies.get(cid as string)?.billOnBehalfOfEnabled !== true);
  const out: Entry[] = [];
  let base = 0;
  for (const s of b.subscriptions.values()) {
    if (!inScope(s.companyId)) continue;
    const isArrears = b.productDefs.get(s.productId as string)?.isArrears ?? false;
    const v = versionAt(b.history, s, periodStart);
    if (billsIn(v, periodStart, false, isArrears) && !plantFor(b, 'omit', periodStart, s.id as string)) {
      out.push({ k: 'sub', subId: s.id as string });
      base += ((v.partnerCost ?? v.price) as number) * (v.quantity as number);
    }
    for (const change of quantityChanges(b.history, s, prev, periodStart)) out.push({ k: 'prorate', subId: s.id as string, ...change });
    if (isArrears && billsIn(versionAt(b.history, s, prev), prev, true, true))
      for (const u of b.usageSummaries.values()) if (u.subscriptionId === s.id) out.push({ k: 'arrears', subId: s.id as string, summaryId: u.id as string });
  }
  // About one company in five gets a one-time charge; a partner invoice always has at least one.
  const active = [...b.companies.values()].filter((c) => inScope(c.id) && c.status === 'Active');
  const oneTime = active.filter((c) => hashString(`${c.id}:${periodStart}`) % 5 === 0);
  if (!oneTime.length && !companyId && active.length) oneTime.push(active[hashString(String(periodStart)) % active.length]);
  for (const c of oneTime) out.push({ k: 'one-time', companyId: c.id as string });
  if (!companyId && out.length) out.push({ k: 'rebate', base: round2(base) });
  return out;
}

/** Quantity changes of a monthly subscription inside [from, to): Pax8 prorates them on the next invoice. */
function quantityChanges(history: Map<string, Row[]>, s: Row, from: number, to: number): Array<{ from: number; delta: number }> {
  const h = history.get(s.id as string);
  if (!h || s.billingTerm !== 'Monthly') return [];
  const out: Array<{ from: number; delta: number }> = [];
  for (let i = 1; i < h.length; i++) {
    const at = parseDate(h[i].updatedDate) ?? 0;
    const delta = (h[i].quantity as number) - (h[i - 1].quantity as number);
    if (at >= from && at < to && delta !== 0) out.push({ from: at, delta });
  }
  return out;
}

function baseItem(b: BillingView, key: string, suffix: string, companyId: string | null): Row {
  const company = companyId ? b.companies.get(companyId) : undefined;
  return {
    id: uuidFromString(`${key}:${suffix}`),
    purchaseOrderNumber: null,
    companyId,
    externalId: company?.externalId ?? null,
    companyName: company?.name ?? null,
    offeredBy: 'Pax8',
    billedByPax8: true,
    billingFee: 0,
    billingFeeRate: 0,
    salesTax: 0,
    currencyCode: 'USD',
    subscriptionId: null,
  };
}

function money(item: Row, quantity: number, price: number, cost: number): Row {
  const subTotal = round2(price * quantity);
  return Object.assign(item, { quantity, price, cost, subTotal, total: subTotal, amountDue: subTotal, costTotal: round2(cost * quantity) });
}

export function renderEntry(b: BillingView, key: string, meta: InvoiceMeta, e: Entry, now: number): Row | undefined {
  const { periodStart } = meta;
  const prev = addMonths(periodStart, -1);
  const lastOfPrev = dateOnly(periodStart - DAY);
  if (e.k === 'one-time') {
    const item = Object.assign(baseItem(b, key, `one-time:${e.companyId}`, e.companyId), {
      type: 'one-time', startPeriod: dateOnly(periodStart), endPeriod: dateOnly(periodStart), unitOfMeasure: 'Each', term: 'One-Time',
      sku: 'PS-ONBOARD', description: ONE_TIME_FEE.description, details: null, rateType: 'single', chargeType: 'flat',
      productId: null, productName: ONE_TIME_FEE.description, vendorName: 'Pax8',
    });
    return money(item, 1, ONE_TIME_FEE.price, ONE_TIME_FEE.cost);
  }
  if (e.k === 'rebate') {
    const amount = -round2(e.base * REBATE_RATE);
    const item = Object.assign(baseItem(b, key, 'rebate', null), {
      type: 'rebate', startPeriod: dateOnly(prev), endPeriod: lastOfPrev, unitOfMeasure: 'Each', term: 'Rebate',
      sku: null, description: 'Partner incentive rebate', details: `${REBATE_RATE * 100} % of last month's licence cost`, rateType: 'flat', chargeType: 'flat',
      productId: null, productName: null, vendorName: null,
    });
    return money(item, 1, amount, amount);
  }
  const s = b.subscriptions.get(e.subId);
  if (!s) return undefined;
  const product = b.products.get(s.productId as string);
  const productName = (product?.name as string) ?? (s.productName as string);
  const common = (v: Row, suffix: string) =>
    Object.assign(baseItem(b, key, `${suffix}:${s.id}`, s.companyId as string), {
      sku: product?.sku ?? null, productId: s.productId, productName, vendorName: product?.vendorName ?? null,
      rateType: (s.id as string).charCodeAt(0) % 2 ? 'flat' : 'Flat', // §13: both casings occur
      chargeType: 'per', unitOfMeasure: 'User', currencyCode: v.currencyCode ?? 'USD', subscriptionId: s.id,
    });
  if (e.k === 'arrears') {
    const summary = b.usageSummaries.get(e.summaryId);
    const usage = summary ? postedUsage(summary, prev, now) : undefined;
    const item = Object.assign(common(s, `arrears:${e.summaryId}`), {
      type: 'subscription', term: 'Arrears', unitOfMeasure: 'Each', startPeriod: dateOnly(prev), endPeriod: lastOfPrev,
      description: `${productName.replace(/ - Arrears Charge$/, '')} - Arrears Charge - ${summary?.resourceGroup} - ${s.vendorSubscriptionId ?? s.id} - Virtual Machines`,
      details: `Usage for ${monthKey(prev)}`,
    });
    return money(item, 1, usage?.currentCharges ?? 0, usage?.partnerTotal ?? 0);
  }
  const v = versionAt(b.history, s, e.k === 'prorate' ? e.from : periodStart);
  const unitCost = (v.partnerCost as number | undefined) ?? (v.price as number);
  if (e.k === 'prorate') {
    const days = Math.round((periodStart - prev) / DAY);
    const remaining = Math.round((periodStart - Date.UTC(new Date(e.from).getUTCFullYear(), new Date(e.from).getUTCMonth(), new Date(e.from).getUTCDate())) / DAY);
    const share = remaining / days;
    const item = Object.assign(common(v, `prorate:${e.from}`), {
      type: 'prorate', term: TERM[v.billingTerm as string] ?? v.billingTerm, startPeriod: dateOnly(e.from), endPeriod: lastOfPrev,
      description: `${productName} (prorated ${remaining}/${days} days)`, details: `${e.delta > 0 ? 'Added' : 'Removed'} ${Math.abs(e.delta)}`,
    });
    return money(item, e.delta, round4((v.price as number) * share), round4(unitCost * share));
  }
  const months = TERM_MONTHS[v.billingTerm as string] ?? 1;
  const qPlant = plantFor(b, 'quantity', periodStart, e.subId) as { quantity: number } | undefined;
  const cPlant = plantFor(b, 'cost', periodStart, e.subId) as { cost: number } | undefined;
  const credit = meta.role === 'original' ? (plantFor(b, 'credit', periodStart, e.subId) as { quantity: number } | undefined) : undefined;
  const quantity = credit?.quantity ?? qPlant?.quantity ?? (v.quantity as number);
  const item = Object.assign(common(v, 'sub'), {
    type: 'subscription', term: TERM[v.billingTerm as string] ?? v.billingTerm,
    startPeriod: dateOnly(periodStart), endPeriod: dateOnly(addMonths(periodStart, months) - DAY),
    description: productName, details: `${quantity} x ${productName}`,
  });
  return money(item, quantity, v.price as number, cPlant?.cost ?? unitCost);
}
