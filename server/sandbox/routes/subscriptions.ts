/** /v1/subscriptions: list, get, partial PUT, cancel, history (§4, §7, §11.7-8). */
import type { Router, Ctx } from '../router';
import type { Row } from '../generator/products';
import { ApiError, badRequest, detail, ErrorDetail, forbidden, notFound, unprocessable } from '../errors';
import { applySort, matches, pageOf, pageOfValues, parsePage } from '../pagination';
import { renderSubscription } from '../serialize';
import { changeSubscription, historyOf } from '../partner-state';
import { dateOnly, isoSeconds, parseDate } from '../dates';

export function getSubscription(ctx: Ctx, id: string): Row {
  const s = ctx.state.store.subscriptions.get(id);
  if (!s) throw notFound('Subscription', id);
  return s;
}

const commitmentOf = (s: Row) => ((s.commitment ?? s.commitmentTerm) as Row | null | undefined) ?? undefined;

/** Inside a running NCE commitment (not Monthly, end in the future)? Then returns its dependency rules. */
function runningCommitment(ctx: Ctx, s: Row): Row | undefined {
  const c = commitmentOf(s);
  if (!c || c.term === 'Monthly') return undefined;
  const end = parseDate(c.endDate);
  if (end !== undefined && end <= ctx.now) return undefined;
  const deps = (ctx.state.productDefs.get(s.productId as string)?.dependencies.commitmentDependencies as Row[] | undefined) ?? [];
  return deps.find((d) => d.id === c.id) ?? { term: c.term, allowForQuantityDecrease: false, allowForQuantityIncrease: true };
}

const render = (ctx: Ctx) => (s: Row) => renderSubscription(s, ctx.quirks, ctx.state.store.products);

/** Statuses a PUT or DELETE refuses: the subscription has ended or is ending. */
const ENDED = new Set(['Cancelled', 'PendingCancel', 'Expired']);

/** PUT /subscriptions/{id}: a partial update; rejections are thrown (422) and shaped by the caller. */
function updateSubscription(ctx: Ctx) {
  const s = getSubscription(ctx, ctx.params.id);
  const body = ctx.body;
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw badRequest('Request body must be a JSON object');
  const b = body as Row;
  if (!['quantity', 'price', 'billingTerm', 'startDate'].some((k) => b[k] !== undefined))
    throw unprocessable('Nothing to update', [detail('At least one of quantity, price, billingTerm or startDate is required')]);
  if (ENDED.has(s.status as string))
    throw unprocessable(`Subscription is ${s.status}`, [detail(`A ${s.status} subscription cannot be updated`)]);
  const problems: ErrorDetail[] = [];
  const patch: Row = {};
  const running = runningCommitment(ctx, s);
  if (b.quantity !== undefined) {
    if (!Number.isInteger(b.quantity) || (b.quantity as number) < 1) problems.push(detail('quantity must be a whole number of at least 1', '$.quantity'));
    else {
      if (running && (b.quantity as number) < (s.quantity as number) && running.allowForQuantityDecrease === false)
        problems.push(detail(`Quantity cannot be decreased during a ${running.term} commitment (until ${commitmentOf(s)?.endDate})`, '$.quantity'));
      patch.quantity = b.quantity;
    }
  }
  if (b.price !== undefined) {
    if (typeof b.price !== 'number' || b.price < 0) problems.push(detail('price must be a number of at least 0', '$.price'));
    else patch.price = b.price;
  }
  if (b.partnerCost !== undefined && typeof b.partnerCost === 'number') patch.partnerCost = b.partnerCost;
  if (b.billingTerm !== undefined && b.billingTerm !== s.billingTerm) {
    const terms = ctx.state.productDefs.get(s.productId as string)?.options.map((o) => o.billingTerm) ?? [s.billingTerm];
    if (running) problems.push(detail(`billingTerm cannot change during a ${running.term} commitment`, '$.billingTerm'));
    else if (!terms.includes(b.billingTerm as string)) problems.push(detail(`billingTerm ${b.billingTerm} is not offered for this product`, '$.billingTerm'));
    else patch.billingTerm = b.billingTerm;
  }
  if (b.startDate !== undefined) {
    const t = parseDate(b.startDate);
    if (t === undefined) throw badRequest(`Invalid startDate: ${b.startDate}`);
    if (t > ctx.now + 86_400_000) problems.push(detail('Future-dated changes are not supported', '$.startDate'));
    else Object.assign(patch, { startDate: isoSeconds(t), billingStart: dateOnly(t) });
  }
  if (Array.isArray(b.provisioningDetails)) patch.provisioningDetails = b.provisioningDetails; // replaces, not merges (§7)
  if (problems.length) throw unprocessable('Subscription update rejected', problems);
  changeSubscription(ctx.state, s, patch, ctx.now);
  return { status: 200, body: render(ctx)(s) };
}

export function registerSubscriptions(r: Router): void {
  r.add('GET', '/v1/subscriptions', (ctx) => {
    const q = ctx.query;
    const req = parsePage(q);
    const companyId = q.get('companyId');
    // §3: a companyId that is not the partner's is a 403, not an empty page.
    if (companyId !== null && !ctx.state.store.companies.has(companyId)) throw forbidden(`Access denied to company: ${companyId}`);
    const status = q.get('status');
    const billingTerm = q.get('billingTerm');
    const productId = q.get('productId');
    const all = companyId === null && status === null && billingTerm === null && productId === null;
    const subscriptions = ctx.state.store.subscriptions;
    // The full sync's list: page straight from the Map, in the store's (creation) order.
    if (all && q.getAll('sort').every((x) => x === '')) return { status: 200, body: pageOfValues(subscriptions.values(), subscriptions.size, req, render(ctx)) };
    // One company's rows from the store's per-company index (a per-company pull is one request per
    // company); other filters make one pass over the Map (no full copy first).
    let rows: Row[] = [];
    for (const s of companyId === null ? subscriptions.values() : subscriptions.ofCompany(companyId))
      if (
        all ||
        ((companyId === null || s.companyId === companyId) &&
          (productId === null || s.productId === productId) &&
          matches(s.status, status) &&
          matches(s.billingTerm, billingTerm))
      )
        rows.push(s);
    rows = applySort(rows, q, {
      quantity: (s) => s.quantity,
      startDate: (s) => s.startDate,
      endDate: (s) => s.endDate,
      createdDate: (s) => s.createdDate,
      billingStart: (s) => s.billingStart,
      price: (s) => s.price,
    });
    return { status: 200, body: pageOf(rows, req, render(ctx)) };
  });

  r.add('GET', '/v1/subscriptions/:id', (ctx) => ({ status: 200, body: render(ctx)(getSubscription(ctx, ctx.params.id)) }));

  r.add('PUT', '/v1/subscriptions/:id', (ctx) => {
    try {
      return updateSubscription(ctx);
    } catch (e) {
      // §3: some live subscription-update rejections are a flat `{"errors":[string]}`, not the envelope.
      if (e instanceof ApiError && e.status === 422 && ctx.quirks.subscriptionUpdateErrors === 'errors')
        return { status: 422, body: { errors: e.details.length ? e.details.map((d) => d.message) : [e.message] } };
      throw e;
    }
  });

  r.add('DELETE', '/v1/subscriptions/:id', (ctx) => {
    const s = getSubscription(ctx, ctx.params.id);
    const raw = ctx.query.get('cancelDate');
    let at = ctx.now;
    if (raw !== null && raw !== '') {
      const t = parseDate(raw);
      if (t === undefined) throw badRequest(`Invalid cancelDate: ${raw}`);
      at = Math.max(t, ctx.now);
    }
    if (ENDED.has(s.status as string))
      throw unprocessable(`Subscription is already ${s.status}`, [detail(`Cancellation is final; this subscription is already ${s.status}`)]);
    changeSubscription(ctx.state, s, { status: 'PendingCancel', endDate: isoSeconds(at) }, ctx.now);
    ctx.state.pendingCancel.set(s.id as string, at);
    return { status: 204 };
  });

  r.add('GET', '/v1/subscriptions/:id/history', (ctx) => {
    const s = getSubscription(ctx, ctx.params.id);
    return { status: 200, body: { content: historyOf(ctx.state, s).map(render(ctx)) } };
  });
}
