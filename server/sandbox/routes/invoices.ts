/**
 * Invoices, invoice items and draft items (§4, §5, §7, §8). An invoice exists in the API only from its
 * approval day on; its items are fixed when it is first shown (an approved invoice never changes, only
 * its status: Unpaid until due, then Paid; a planted credit turns it Credited and a re-issue appears).
 * What the items bill is in generator/invoice-items.ts.
 */
import type { Router, Ctx } from '../router';
import type { Row } from '../generator/products';
import type { PartnerState } from '../partner-state';
import { badRequest, notFound } from '../errors';
import { applySort, matches, pageOf, parsePage } from '../pagination';
import { round2 } from '../random';
import { addMonths, dateOnly, parseDate, startOfMonth } from '../dates';
import { BillingView, Entry, entriesFor, renderEntry } from '../generator/invoice-items';
import type { InvoiceMeta } from '../generator/invoices';

const view = (state: PartnerState): BillingView => ({ ...state.store, productDefs: state.productDefs, history: state.history, plants: state.plants });

function entries(state: PartnerState, id: string, meta: InvoiceMeta, now: number): Entry[] {
  let list = state.invoiceEntries.get(id);
  if (!list) {
    list = entriesFor(view(state), meta);
    state.invoiceEntries.set(id, list);
    // The total is fixed with the items [I: all currencies added up].
    let total = 0;
    for (const e of list) total += (renderEntry(view(state), id, meta, e, now)?.total as number) ?? 0;
    state.store.invoices.get(id)!.total = round2(total);
  }
  return list;
}

/** The invoice as the API shows it at `now`, or undefined while it is not approved yet. */
function shown(state: PartnerState, inv: Row, now: number): Row | undefined {
  const meta = state.invoiceMeta.get(inv.id as string);
  if (meta && now < meta.visibleFrom) return undefined;
  if (meta) entries(state, inv.id as string, meta, now);
  const due = parseDate(inv.dueDate) ?? 0;
  const credited = meta?.creditedAt !== undefined && now >= meta.creditedAt;
  const status = credited ? 'Credited' : now < due ? 'Unpaid' : 'Paid';
  return { ...inv, status, balance: status === 'Unpaid' ? inv.total : 0 };
}

function getInvoice(ctx: Ctx): Row {
  const inv = ctx.state.store.invoices.get(ctx.params.id);
  const out = inv && shown(ctx.state, inv, ctx.now);
  if (!out) throw notFound('Invoice', ctx.params.id);
  return out;
}

export function registerInvoices(r: Router): void {
  r.add('GET', '/v1/invoices', (ctx) => {
    const q = ctx.query;
    const req = parsePage(q);
    let rows: Row[] = [];
    for (const inv of ctx.state.store.invoices.values()) {
      const out = shown(ctx.state, inv, ctx.now);
      if (out) rows.push(out);
    }
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
    return { status: 200, body: pageOf(rows, req) };
  });

  // Registered before /invoices/:id so 'draftItems' is not taken for an id.
  r.add('GET', '/v1/invoices/draftItems', (ctx) => {
    const raw = ctx.query.get('monthOffset') ?? '1';
    if (raw !== '0' && raw !== '1') throw badRequest(`Invalid value for parameter 'monthOffset': ${raw}; must be 0 or 1`);
    const periodStart = addMonths(startOfMonth(ctx.now), Number(raw));
    const companyId = ctx.query.get('companyId');
    const meta: InvoiceMeta = { periodStart, companyId: null, visibleFrom: 0, role: 'normal' };
    const b = view(ctx.state);
    // A snapshot of the coming invoice; it leaves out usage billed in arrears (§7). All companies, or one.
    const all = [...entriesFor(b, meta), ...[...ctx.state.store.companies.values()].filter((c) => c.billOnBehalfOfEnabled === true).flatMap((c) => entriesFor(b, { ...meta, companyId: c.id as string }))];
    const list = all.filter((e) => e.k !== 'arrears' && e.k !== 'rebate' && (companyId === null || ('subId' in e ? ctx.state.store.subscriptions.get(e.subId)?.companyId : e.companyId) === companyId));
    const page = pageOf(list, parsePage(ctx.query));
    const key = `draft:${dateOnly(periodStart)}`;
    return { status: 200, body: { ...page, content: page.content.map((e) => renderEntry(b, key, meta, e, ctx.now)).filter(Boolean) } };
  });

  r.add('GET', '/v1/invoices/:id', (ctx) => ({ status: 200, body: getInvoice(ctx) }));

  r.add('GET', '/v1/invoices/:id/items', (ctx) => {
    const inv = getInvoice(ctx);
    const meta = ctx.state.invoiceMeta.get(inv.id as string)!;
    const page = pageOf(entries(ctx.state, inv.id as string, meta, ctx.now), parsePage(ctx.query));
    const b = view(ctx.state);
    return { status: 200, body: { ...page, content: page.content.map((e) => renderEntry(b, inv.id as string, meta, e, ctx.now)).filter(Boolean) } };
  });
}
