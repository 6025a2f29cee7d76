/**
 * Invoices, invoice items and draft items (§4, §5, §7, §8). Items are built per page from the
 * subscriptions an invoice covers (snapshotted by id on first read), so 40,000 subscriptions cost no
 * item memory. Arrears items follow the §8 description pattern with term 'Arrears' (§11.10).
 */
import type { Router, Ctx } from '../router';
import type { Row } from '../generator/products';
import type { PartnerState } from '../partner-state';
import { badRequest, notFound } from '../errors';
import { applySort, matches, pageOf, parsePage } from '../pagination';
import { round2, uuidFromString } from '../random';
import { addMonths, dateOnly, parseDate, startOfMonth } from '../dates';

const NOT_BILLED = new Set(['PendingManual', 'PendingAutomated', 'WaitingForDetails', 'PendingActivation', 'Trial']);
const TERM: Record<string, string> = { Monthly: 'Monthly', Annual: 'Annual', '2-Year': '2 Year', '3-Year': '3 Year', 'One-Time': 'One-Time' };
const TERM_MONTHS: Record<string, number> = { Monthly: 1, Annual: 12, '2-Year': 24, '3-Year': 36 };

/** Subscriptions billed in the month starting at periodStart (Pax8 bills on start and end dates, §6). */
function billedIn(state: PartnerState, periodStart: number, arrears: boolean): string[] {
  const periodEnd = addMonths(periodStart, 1);
  const month = new Date(periodStart).getUTCFullYear() * 12 + new Date(periodStart).getUTCMonth();
  const ids: string[] = [];
  for (const s of state.store.subscriptions.values()) {
    if (NOT_BILLED.has(s.status as string)) continue;
    const isUsage = state.productDefs.get(s.productId as string)?.isArrears ?? false;
    if (isUsage !== arrears) continue;
    const start = parseDate(s.startDate);
    if (start === undefined || start >= periodEnd) continue;
    const end = parseDate(s.endDate);
    if (end !== undefined && end < periodStart) continue;
    const every = TERM_MONTHS[s.billingTerm as string];
    if (!every) continue;
    const startMonth = new Date(start).getUTCFullYear() * 12 + new Date(start).getUTCMonth();
    if ((month - startMonth) % every !== 0) continue;
    ids.push(s.id as string);
  }
  return ids;
}

function item(state: PartnerState, key: string, s: Row, periodStart: number, arrears: boolean, summary?: Row): Row {
  const company = state.store.companies.get(s.companyId as string);
  const product = state.store.products.get(s.productId as string);
  const months = TERM_MONTHS[s.billingTerm as string] ?? 1;
  const quantity = arrears ? 1 : (s.quantity as number);
  const price = arrears ? (summary?.currentCharges as number) ?? 0 : (s.price as number);
  const cost = arrears ? (summary?.partnerTotal as number) ?? 0 : ((s.partnerCost as number | undefined) ?? (s.price as number));
  const subTotal = round2(price * quantity);
  const costTotal = round2(cost * quantity);
  const productName = (product?.name as string) ?? (s.productName as string);
  const description = arrears
    ? `${productName.replace(/ - Arrears Charge$/, '')} - Arrears Charge - ${summary?.resourceGroup} - ${s.vendorSubscriptionId ?? s.id} - Virtual Machines`
    : productName;
  return {
    id: uuidFromString(`${key}:${summary?.id ?? s.id}`),
    purchaseOrderNumber: null,
    type: 'subscription',
    companyId: s.companyId,
    externalId: company?.externalId ?? null,
    companyName: company?.name ?? null,
    startPeriod: dateOnly(arrears ? addMonths(periodStart, -1) : periodStart),
    endPeriod: dateOnly(addMonths(arrears ? periodStart : addMonths(periodStart, months), 0) - 86_400_000),
    quantity,
    unitOfMeasure: arrears ? 'Each' : 'User',
    term: arrears ? 'Arrears' : (TERM[s.billingTerm as string] ?? s.billingTerm),
    sku: product?.sku ?? null,
    description,
    details: arrears ? `Usage for ${dateOnly(addMonths(periodStart, -1)).slice(0, 7)}` : `${quantity} x ${productName}`,
    rateType: (s.id as string).charCodeAt(0) % 2 ? 'flat' : 'Flat', // §13: both casings occur
    chargeType: 'per',
    price,
    subTotal,
    total: subTotal,
    cost,
    costTotal,
    offeredBy: 'Pax8',
    billedByPax8: true,
    productId: s.productId,
    productName,
    vendorName: product?.vendorName ?? null,
    billingFee: 0,
    billingFeeRate: 0,
    amountDue: subTotal,
    currencyCode: s.currencyCode ?? 'USD',
    salesTax: 0,
    subscriptionId: s.id,
  };
}

interface Entry {
  subId: string;
  summaryId?: string;
}

function entriesFor(state: PartnerState, periodStart: number, withArrears: boolean, companyId: string | null): Entry[] {
  const entries: Entry[] = billedIn(state, periodStart, false).map((subId) => ({ subId }));
  if (withArrears) {
    const usageSubs = new Set(billedIn(state, addMonths(periodStart, -1), true));
    for (const u of state.store.usageSummaries.values())
      if (usageSubs.has(u.subscriptionId as string)) entries.push({ subId: u.subscriptionId as string, summaryId: u.id as string });
  }
  if (companyId === null) return entries;
  return entries.filter((e) => state.store.subscriptions.get(e.subId)?.companyId === companyId);
}

function snapshot(state: PartnerState, inv: Row): Entry[] {
  const cached = state.invoiceSnapshots.get(inv.id as string);
  if (cached) return cached.subscriptionIds.map((subId, i) => ({ subId, summaryId: cached.summaryIds[i] || undefined }));
  const periodStart = startOfMonth(parseDate(inv.invoiceDate) ?? state.anchor);
  const entries = entriesFor(state, periodStart, true, null);
  state.invoiceSnapshots.set(inv.id as string, { subscriptionIds: entries.map((e) => e.subId), summaryIds: entries.map((e) => e.summaryId ?? '') });
  // Totals are fixed when the invoice is first read [I: all currencies added up].
  let total = 0;
  for (const e of entries) total += renderEntry(state, inv.id as string, e, periodStart)?.total as number ?? 0;
  total = round2(total);
  Object.assign(inv, { total, balance: inv.status === 'Unpaid' ? total : 0 });
  return entries;
}

function renderEntry(state: PartnerState, key: string, e: Entry, periodStart: number): Row | undefined {
  const s = state.store.subscriptions.get(e.subId);
  if (!s) return undefined;
  const summary = e.summaryId ? state.store.usageSummaries.get(e.summaryId) : undefined;
  return item(state, key, s, periodStart, !!e.summaryId, summary);
}

function getInvoice(ctx: Ctx): Row {
  const inv = ctx.state.store.invoices.get(ctx.params.id);
  if (!inv) throw notFound('Invoice', ctx.params.id);
  snapshot(ctx.state, inv);
  return inv;
}

function itemsPage(ctx: Ctx, key: string, entries: Entry[], periodStart: number) {
  const req = parsePage(ctx.query);
  const page = pageOf(entries, req);
  return { ...page, content: page.content.map((e) => renderEntry(ctx.state, key, e, periodStart)).filter(Boolean) };
}

export function registerInvoices(r: Router): void {
  r.add('GET', '/v1/invoices', (ctx) => {
    const q = ctx.query;
    const req = parsePage(q);
    let rows = [...ctx.state.store.invoices.values()];
    for (const inv of rows) snapshot(ctx.state, inv);
    const start = q.get('invoiceDateRangeStart');
    const end = q.get('invoiceDateRangeEnd');
    const exact = ['status', 'invoiceDate', 'dueDate', 'companyId'] as const;
    const numeric = ['total', 'balance', 'carriedBalance'] as const;
    rows = rows.filter(
      (i) =>
        exact.every((f) => matches(i[f], q.get(f))) &&
        numeric.every((f) => q.get(f) === null || Number(q.get(f)) === i[f]) &&
        (!start || String(i.invoiceDate) >= start) &&
        (!end || String(i.invoiceDate) <= end),
    );
    rows = applySort(rows, q, Object.fromEntries(['invoiceDate', 'dueDate', 'status', 'partnerName', 'total', 'balance', 'carriedBalance'].map((f) => [f, (i: Row) => i[f]])));
    return { status: 200, body: pageOf(rows, req, (i) => ({ ...i })) };
  });

  // Registered before /invoices/:id so 'draftItems' is not taken for an id.
  r.add('GET', '/v1/invoices/draftItems', (ctx) => {
    const raw = ctx.query.get('monthOffset') ?? '1';
    if (raw !== '0' && raw !== '1') throw badRequest(`Invalid value for parameter 'monthOffset': ${raw}; must be 0 or 1`);
    const periodStart = addMonths(startOfMonth(ctx.now), Number(raw));
    // Draft items leave out usage billed in arrears (§7).
    const entries = entriesFor(ctx.state, periodStart, false, ctx.query.get('companyId'));
    return { status: 200, body: itemsPage(ctx, `draft:${dateOnly(periodStart)}`, entries, periodStart) };
  });

  r.add('GET', '/v1/invoices/:id', (ctx) => ({ status: 200, body: { ...getInvoice(ctx) } }));

  r.add('GET', '/v1/invoices/:id/items', (ctx) => {
    const inv = getInvoice(ctx);
    const periodStart = startOfMonth(parseDate(inv.invoiceDate) ?? ctx.state.anchor);
    return { status: 200, body: itemsPage(ctx, inv.id as string, snapshot(ctx.state, inv), periodStart) };
  });
}


