/**
 * What comparing the sandbox with realistic Pax8 exchanges found missing (issue 10): Expired subscriptions,
 * `{"errors":[...]}` answers to rejected subscription updates, One-Time order lines, and order lines that
 * provisioned before their order was placed.
 */
import { harness, Harness, expectEnvelope } from './helpers';

type Row = Record<string, any>;
const day = (d: string) => Math.floor(parse(d) / 86_400_000);
const parse = (d: string) => Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(d) ? `${d}T00:00:00Z` : d.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));

describe('sandbox: realistic variants (issue 10)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness({ partners: [{ clientId: 'r', clientSecret: 's', size: 'small' }], rateLimit: false, provisioningDelayMs: 0 });
  });
  afterAll(() => h.sb.close());
  const store = () => h.sb.store('r');

  async function all(path: string, params: Record<string, unknown> = {}): Promise<Row[]> {
    const out: Row[] = [];
    for (let page = 0; ; page++) {
      const res = await h.api('GET', path, { params: { ...params, page, size: 200 } });
      expect(res.status).toBe(200);
      out.push(...res.data.content);
      if (page + 1 >= res.data.page.totalPages) return out;
    }
  }

  it('lists Expired subscriptions: ended trials and terms, endDate in the past, after the start', async () => {
    const expired = await all('/v1/subscriptions', { status: 'Expired' });
    expect(expired.length).toBeGreaterThanOrEqual(2);
    for (const s of expired) {
      expect(s.status).toBe('Expired');
      expect(parse(s.endDate)).toBeLessThan(Date.now());
      expect(parse(s.endDate)).toBeGreaterThan(parse(s.startDate));
      // The term ended, not renewed (dates may be rendered as plain dates: compare days).
      if (s.commitment) expect(day(s.commitment.endDate)).toBe(day(s.endDate));
    }
    // Everything else still comes: the §6 statuses plus Expired.
    expect(new Set((await all('/v1/subscriptions')).map((s) => s.status)).has('Expired')).toBe(true);
  });

  it('refuses to update or cancel an Expired subscription (422)', async () => {
    const s = [...store().subscriptions.values()].find((x) => x.status === 'Expired')!;
    const put = await h.api('PUT', `/v1/subscriptions/${s.id}`, { data: { quantity: (s.quantity as number) + 1 } });
    expect(put.status).toBe(422);
    expect(put.data.errors).toEqual([expect.stringContaining('Expired')]);
    expect((await h.api('DELETE', `/v1/subscriptions/${s.id}`)).status).toBe(422);
    expect(store().subscriptions.get(s.id as string)!.status).toBe('Expired');
  });

  it('answers a rejected subscription update with {"errors":[string]}, one string per problem (envelope as a quirk)', async () => {
    const s = [...store().subscriptions.values()].find((x) => x.status === 'Active' && !x.commitment && (x.quantity as number) > 1)!;
    const bad = await h.api('PUT', `/v1/subscriptions/${s.id}`, { data: { quantity: 0, price: -1 } });
    expect(bad.status).toBe(422);
    expect(bad.data).toEqual({ errors: ['quantity must be a whole number of at least 1', 'price must be a number of at least 0'] });
    const nothing = await h.api('PUT', `/v1/subscriptions/${s.id}`, { data: {} });
    expect(nothing.data).toEqual({ errors: [expect.stringContaining('At least one of quantity')] });
    // Not found and malformed stay in the §3 envelope.
    expectEnvelope(await h.api('PUT', '/v1/subscriptions/unknown', { data: { quantity: 2 } }), 404, 'NOT_FOUND');
    expectEnvelope(await h.api('PUT', `/v1/subscriptions/${s.id}`, { data: { startDate: 'soon' } }), 400, 'BAD_REQUEST');
    h.sb.setQuirks({ subscriptionUpdateErrors: 'envelope' });
    try {
      const env = await h.api('PUT', `/v1/subscriptions/${s.id}`, { data: { quantity: 0 } });
      expectEnvelope(env, 422, 'UNPROCESSABLE_ENTITY');
      expect(env.data.details.map((d: Row) => d.message)).toEqual(['quantity must be a whole number of at least 1']);
    } finally {
      h.sb.setQuirks({ subscriptionUpdateErrors: 'errors' });
    }
    expect(store().subscriptions.get(s.id as string)!.quantity).toBe(s.quantity); // nothing was written
  });

  it('has One-Time order lines for one-time products, without a subscription', async () => {
    const orders = await all('/v1/orders');
    const lines = orders.flatMap((o) => o.lineItems as Row[]);
    const once = lines.filter((l) => l.billingTerm === 'One-Time');
    expect(once.length).toBeGreaterThanOrEqual(2);
    expect(once.length).toBeLessThan(lines.length / 2); // most lines are still subscriptions
    for (const l of once) {
      expect(l.subscriptionId).toBeUndefined();
      expect(l.quantity).toBeGreaterThanOrEqual(1);
      const pricing = (await h.api('GET', `/v1/products/${l.productId}/pricing`)).data.content as Row[];
      expect(pricing.map((p) => p.billingTerm)).toEqual(['One-Time']);
    }
    // No generated subscription is of a one-time product.
    const onceProducts = new Set(once.map((l) => l.productId));
    expect([...store().subscriptions.values()].filter((s) => onceProducts.has(s.productId))).toEqual([]);
  });

  it('orders a one-time product: the line is One-Time and no subscription is created', async () => {
    const company = [...store().companies.values()].find((c) => c.status === 'Active')!;
    const product = [...store().products.values()].find((p) => p.name === 'Onboarding and Migration Services')!;
    const before = store().subscriptions.size;
    const res = await h.api('POST', '/v1/orders', { data: { companyId: company.id, lineItems: [{ lineItemNumber: 1, productId: product.id, quantity: 1, billingTerm: 'One-Time' }] } });
    expect(res.status).toBe(200);
    expect(res.data.lineItems[0]).toMatchObject({ billingTerm: 'One-Time', productId: product.id });
    expect(res.data.lineItems[0].subscriptionId).toBeUndefined();
    expect(store().subscriptions.size).toBe(before);
  });

  it('never provisions an order line before its order was created (every generated order)', async () => {
    const orders = await all('/v1/orders');
    expect(orders.length).toBe(store().orders.size);
    expect(orders.length).toBeGreaterThanOrEqual(50);
    let lines = 0;
    for (const o of orders)
      for (const l of o.lineItems as Row[]) {
        lines++;
        expect({ order: o.id, ok: parse(l.provisionStartDate) >= parse(o.createdDate) }).toEqual({ order: o.id, ok: true });
      }
    expect(lines).toBeGreaterThan(orders.length);
    // The bench set is checked in server/sandbox/generator/generator.spec.ts (built there already).
  });
});
