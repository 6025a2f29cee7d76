/** /v1/orders: list, get, create with validation and isMock (§4, §7, §11.5, §11.6, §13). */
import type { Router, Ctx } from '../router';
import type { Row } from '../generator/products';
import { badRequest, detail, ErrorDetail, notFound, unprocessable } from '../errors';
import { pageOf, parsePage } from '../pagination';
import { renderOrder } from '../serialize';
import { dateOnly, isoSeconds, parseDate } from '../dates';
import { SANDBOX_CHOICES } from '../quirks';
import { TERM_LENGTH_MONTHS } from '../generator/products';

// The CreateOrder body's fields (spec). Anything else is a 400 (§13: e.g. commitmentTerm for commitmentTermId).
const ORDER_FIELDS = new Set(['companyId', 'orderedBy', 'orderedByUserId', 'orderedByUserEmail', 'isScheduled', 'lineItems']);
const LINE_FIELDS = new Set([
  'productId', 'lineItemNumber', 'quantity', 'billingTerm', 'commitmentTermId', 'provisionStartDate',
  'parentSubscriptionId', 'parentLineItemNumber', 'provisioningDetails',
]);
const BILLING_MONTHS: Record<string, number> = { Monthly: 1, Annual: 12, '2-Year': 24, '3-Year': 36, 'One-Time': 0, Trial: 0, Activation: 0 };

function unknownFields(body: Row): string[] {
  const bad = Object.keys(body).filter((k) => !ORDER_FIELDS.has(k));
  const items = Array.isArray(body.lineItems) ? (body.lineItems as unknown[]) : [];
  items.forEach((li, i) => {
    if (li && typeof li === 'object') for (const k of Object.keys(li)) if (!LINE_FIELDS.has(k)) bad.push(`lineItems[${i}].${k}`);
  });
  return bad;
}

function validate(ctx: Ctx, body: Row): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const { store, productDefs } = ctx.state;
  const company = typeof body.companyId === 'string' ? store.companies.get(body.companyId) : undefined;
  if (!company) problems.push(detail(`Company Not Found: ${body.companyId ?? '(missing companyId)'}`, '$.companyId'));
  else if (company.status !== 'Active') problems.push(detail(`Company ${company.id} is ${company.status}; orders need an Active company`, '$.companyId'));
  const items = body.lineItems;
  if (!Array.isArray(items) || items.length === 0) {
    problems.push(detail('lineItems must contain at least one line item', '$.lineItems'));
    return problems;
  }
  const numbers = new Set(items.map((li) => (li as Row)?.lineItemNumber));
  items.forEach((raw, i) => {
    const at = `$.lineItems[${i}]`;
    const li = (raw && typeof raw === 'object' ? raw : {}) as Row;
    const p = (m: string, f: string) => problems.push(detail(m, `${at}.${f}`));
    if (!Number.isInteger(li.lineItemNumber)) p('lineItemNumber is required', 'lineItemNumber');
    if (!Number.isInteger(li.quantity) || (li.quantity as number) < 1) p('quantity must be a whole number of at least 1', 'quantity');
    const def = typeof li.productId === 'string' ? productDefs.get(li.productId) : undefined;
    const product = typeof li.productId === 'string' ? store.products.get(li.productId) : undefined;
    if (!product) {
      p(`Product Not Found: ${li.productId ?? '(missing productId)'}`, 'productId');
      return;
    }
    const billingTerms = def ? [...new Set(def.options.map((o) => o.billingTerm))] : [];
    if (typeof li.billingTerm !== 'string') p('billingTerm is required', 'billingTerm');
    else if (def && !billingTerms.includes(li.billingTerm)) p(`billingTerm ${li.billingTerm} is not offered for ${product.name}; offered: ${billingTerms.join(', ')}`, 'billingTerm');
    const deps = ((def?.dependencies.commitmentDependencies as Row[]) ?? []);
    if (li.commitmentTermId === undefined || li.commitmentTermId === null) {
      if (product.requiresCommitment) p('commitmentTermId is required for this product', 'commitmentTermId');
    } else {
      const dep = deps.find((d) => d.id === li.commitmentTermId);
      if (!dep) p(`Unknown commitmentTermId ${li.commitmentTermId} for this product`, 'commitmentTermId');
      else if (typeof li.billingTerm === 'string' && (TERM_LENGTH_MONTHS[dep.term as string] ?? 0) < (BILLING_MONTHS[li.billingTerm] ?? 0))
        p(`Commitment term ${dep.term} is shorter than billing term ${li.billingTerm}`, 'commitmentTermId');
    }
    if (li.provisionStartDate !== undefined) {
      const t = parseDate(li.provisionStartDate);
      if (t === undefined) p('provisionStartDate is not a date', 'provisionStartDate');
      else if (t > ctx.now + 86_400_000) p('Scheduled (future-dated) orders are not supported', 'provisionStartDate');
    }
    if (li.parentLineItemNumber !== undefined && !numbers.has(li.parentLineItemNumber))
      p(`parentLineItemNumber ${li.parentLineItemNumber} is not a line item of this order`, 'parentLineItemNumber');
    if (li.parentSubscriptionId !== undefined) {
      const parent = store.subscriptions.get(li.parentSubscriptionId as string);
      if (!parent || (company && parent.companyId !== company.id)) p(`Subscription Not Found: ${li.parentSubscriptionId}`, 'parentSubscriptionId');
    }
    // Provisioning details: known keys only, Single-Value within possibleValues, required NCE keys present.
    const known = (def?.provisionDetails ?? []) as Row[];
    const given = Array.isArray(li.provisioningDetails) ? (li.provisioningDetails as Row[]) : [];
    if (li.provisioningDetails !== undefined && !Array.isArray(li.provisioningDetails)) p('provisioningDetails must be an array', 'provisioningDetails');
    given.forEach((g, k) => {
      const spec = known.find((d) => d.key === g?.key);
      const gat = `provisioningDetails[${k}]`;
      if (!spec) return p(`Unknown provisioning detail key: ${g?.key}`, gat);
      const values = Array.isArray(g.values) ? (g.values as unknown[]) : [];
      if (!values.length) return p(`Provisioning detail ${g.key} needs values[]`, gat);
      if (spec.valueType === 'Single-Value' && values.length > 1) p(`Provisioning detail ${g.key} takes one value`, gat);
      const possible = spec.possibleValues as string[] | null;
      if (possible) for (const v of values) if (!possible.includes(v as string)) p(`Value '${v}' for ${g.key} is not one of: ${possible.join(', ')}`, gat);
    });
    if (def?.isNce)
      for (const key of SANDBOX_CHOICES.nceRequiredProvisioningKeys)
        if (!given.some((g) => g?.key === key)) p(`Provisioning detail ${key} is required`, 'provisioningDetails');
  });
  return problems;
}

function createSubscriptions(ctx: Ctx, body: Row, order: Row): void {
  const { state, now } = ctx;
  const byNumber = new Map<unknown, string>();
  for (const li of order.lineItems as Row[]) {
    if (li.billingTerm === 'One-Time') continue; // bought once: no subscription, as in the generated orders
    const def = state.productDefs.get(li.productId as string);
    const product = state.store.products.get(li.productId as string)!;
    const dep = (def?.dependencies.commitmentDependencies as Row[] | undefined)?.find((d) => d.id === li.commitmentTermId);
    const option = def?.options.find((o) => o.billingTerm === li.billingTerm && (!dep || o.commitmentTerm === dep.term)) ?? def?.options[0];
    const company = state.store.companies.get(body.companyId as string)!;
    const currency = ({ GB: 'GBP', DE: 'EUR' } as Record<string, string>)[(company.address as Row)?.country as string] ?? 'USD';
    const start = parseDate(li.provisionStartDate) ?? now;
    const id = state.ids.uuid();
    const s: Row = {
      id,
      companyId: company.id,
      productId: product.id,
      productName: product.name,
      quantity: li.quantity,
      startDate: isoSeconds(start),
      createdDate: isoSeconds(now),
      updatedDate: isoSeconds(now),
      billingStart: dateOnly(start),
      status: 'PendingAutomated',
      price: option?.srp ?? 0,
      partnerCost: option?.buy ?? 0,
      currencyCode: currency,
      billingTerm: li.billingTerm,
    };
    const parent = li.parentSubscriptionId ?? (li.parentLineItemNumber !== undefined ? byNumber.get(li.parentLineItemNumber) : undefined);
    if (parent) s.parentSubscriptionId = parent;
    if (dep) {
      const months = TERM_LENGTH_MONTHS[dep.term as string] ?? 1;
      const end = new Date(start);
      end.setUTCMonth(end.getUTCMonth() + months);
      s.commitment = { id: dep.id, term: dep.term, endDate: isoSeconds(end.getTime()) };
    }
    if (product.vendorName === 'Microsoft') s.vendorSubscriptionId = state.ids.uuid();
    if (Array.isArray(li.provisioningDetails)) s.provisioningDetails = li.provisioningDetails;
    state.store.subscriptions.set(id, s);
    state.pendingActivation.set(id, now + state.activationDelayMs);
    li.subscriptionId = id;
    byNumber.set(li.lineItemNumber, id);
  }
}

export function registerOrders(r: Router): void {
  r.add('GET', '/v1/orders', (ctx) => {
    const q = ctx.query;
    const req = parsePage(q);
    if (!ctx.quirks.ordersIgnoreStatusOldestFirst && q.get('status') !== null)
      throw badRequest('Orders have no status; the status parameter is not supported');
    const companyId = q.get('companyId');
    let rows = [...ctx.state.store.orders.values()];
    if (companyId !== null) rows = rows.filter((o) => o.companyId === companyId);
    // Live: oldest first; quirk off: newest first. Stable, so same-day orders keep creation order.
    const dir = ctx.quirks.ordersIgnoreStatusOldestFirst ? 1 : -1;
    rows = rows.sort((a, b) => dir * String(a.createdDate).localeCompare(String(b.createdDate)));
    return { status: 200, body: pageOf(rows, req, (o) => renderOrder(o, ctx.quirks)) };
  });

  r.add('GET', '/v1/orders/:id', (ctx) => {
    const o = ctx.state.store.orders.get(ctx.params.id);
    if (!o) throw notFound('Order', ctx.params.id);
    return { status: 200, body: renderOrder(o, ctx.quirks) };
  });

  r.add('POST', '/v1/orders', (ctx) => {
    const body = ctx.body;
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw badRequest('Request body must be a JSON object');
    const unknown = unknownFields(body as Row);
    if (unknown.length)
      throw badRequest(`Unrecognized field(s): ${unknown.join(', ')}`, unknown.map((f) => ({ type: 'BAD_REQUEST', message: `Unrecognized field "${f}"`, status: 400 })));
    const isMockRaw = ctx.query.get('isMock');
    if (isMockRaw !== null && isMockRaw !== 'true' && isMockRaw !== 'false') throw badRequest(`Invalid value for parameter 'isMock': ${isMockRaw}`);
    const problems = validate(ctx, body as Row);
    if (problems.length) throw unprocessable('Order is not valid', problems);
    const b = body as Row;
    const mock = isMockRaw === 'true';
    const order: Row = {
      id: mock ? '00000000-0000-0000-0000-000000000000' : ctx.state.ids.uuid(),
      companyId: b.companyId,
      createdDate: dateOnly(ctx.now),
      orderedBy: 'Pax8Partner',
      ...(typeof b.orderedByUserEmail === 'string' ? { orderedByUserEmail: b.orderedByUserEmail } : {}),
      ...(typeof b.orderedByUserId === 'string' ? { orderedByUserId: b.orderedByUserId } : {}),
      isScheduled: false,
      lineItems: (b.lineItems as Row[]).map((li) => ({
        id: mock ? '00000000-0000-0000-0000-000000000000' : ctx.state.ids.uuid(),
        productId: li.productId,
        ...(li.commitmentTermId ? { commitmentTermId: li.commitmentTermId } : {}),
        provisionStartDate: isoSeconds(parseDate(li.provisionStartDate) ?? ctx.now),
        lineItemNumber: li.lineItemNumber,
        billingTerm: li.billingTerm,
        ...(li.parentSubscriptionId ? { parentSubscriptionId: li.parentSubscriptionId } : {}),
        ...(li.parentLineItemNumber !== undefined ? { parentLineItemNumber: li.parentLineItemNumber } : {}),
        quantity: li.quantity,
        provisioningDetails: li.provisioningDetails ?? [],
      })),
    };
    // isMock runs every check and creates nothing (§7).
    if (!mock) {
      createSubscriptions(ctx, b, order);
      ctx.state.store.orders.set(order.id as string, order);
    }
    return { status: 200, body: renderOrder(order, ctx.quirks) };
  });
}
