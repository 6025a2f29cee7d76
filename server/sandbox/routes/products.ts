/** /v1/products and its pricing, dependencies and provision details (§4, §5). */
import type { Router, Ctx } from '../router';
import type { Row } from '../generator/products';
import { notFound } from '../errors';
import { applySort, matches, pageOf, parsePage } from '../pagination';
import { renderProduct } from '../serialize';
import { getCompany } from './companies';
import { companyPriceFactor } from '../generator/pricing';
import { round4 } from '../random';

function getProduct(ctx: Ctx): Row {
  const p = ctx.state.store.products.get(ctx.params.id);
  if (!p) throw notFound('Product', ctx.params.id);
  return p;
}

/** Side data of a product; products a test added to the store have none. */
function defOf(ctx: Ctx, p: Row) {
  return ctx.state.productDefs.get(p.id as string);
}

export function registerProducts(r: Router): void {
  r.add('GET', '/v1/products', (ctx) => {
    const q = ctx.query;
    const req = parsePage(q);
    const search = q.get('search')?.toLowerCase();
    const vendor = q.get('vendorName');
    let rows = [...ctx.state.store.products.values()];
    if (search)
      rows = rows.filter((p) => [p.name, p.vendorName, p.sku, p.id].some((v) => String(v ?? '').toLowerCase().includes(search)));
    if (vendor !== null) rows = rows.filter((p) => matches(p.vendorName, vendor));
    rows = applySort(rows, q, { name: (p) => p.name, vendor: (p) => p.vendorName });
    return { status: 200, body: pageOf(rows, req, (p) => renderProduct(p, ctx.quirks, false)) };
  });
  r.add('GET', '/v1/products/:id', (ctx) => ({ status: 200, body: renderProduct(getProduct(ctx), ctx.quirks, true) }));
  r.add('GET', '/v1/products/:id/provision-details', (ctx) => {
    const p = getProduct(ctx);
    return { status: 200, body: { content: structuredClone(defOf(ctx, p)?.provisionDetails ?? []) } };
  });
  r.add('GET', '/v1/products/:id/dependencies', (ctx) => {
    const p = getProduct(ctx);
    return { status: 200, body: structuredClone(defOf(ctx, p)?.dependencies ?? { commitmentDependencies: [], productDependencies: [] }) };
  });
  r.add('GET', '/v1/products/:id/pricing', (ctx) => {
    const p = getProduct(ctx);
    const def = defOf(ctx, p);
    if (def?.pricingMissing) throw notFound('Pricing', ctx.params.id);
    const companyId = ctx.query.get('companyId');
    // Company-specific prices: a company with negotiated prices sees its own partner buy rates [I].
    const factor = companyId ? companyPriceFactor(getCompany(ctx, companyId).id as string) : 1;
    const rows = structuredClone(def?.pricing ?? []);
    for (const row of rows) {
      if ('productName' in row) row.productName = p.name; // follows renames in the store
      if (factor !== 1) for (const rate of row.rates as Row[]) rate.partnerBuyRate = round4((rate.partnerBuyRate as number) * factor);
    }
    return { status: 200, body: { content: rows } };
  });
}
