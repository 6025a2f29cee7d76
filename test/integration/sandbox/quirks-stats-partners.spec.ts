import { harness, Harness, expectEnvelope } from './helpers';

type Row = Record<string, any>;

describe('sandbox: quirks, request stats, partner isolation', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness({
      rateLimit: false,
      partners: [
        { clientId: 'alpha', clientSecret: 'a', seed: 1, size: 'small' },
        { clientId: 'beta', clientSecret: 'b', seed: 2, size: 'demo' },
      ],
    });
  });
  afterAll(() => h.sb.close());
  afterEach(() => h.sb.setQuirks({ commitmentKey: 'commitment', omitSubscriptionProductName: true, mixedDateFormats: true, omitOptionalFields: true, orderedBy: 'Pax8Partner', ordersIgnoreStatusOldestFirst: true }));

  const subs = async () => (await h.api('GET', '/v1/subscriptions', { params: { size: 200 } })).data.content as Row[];

  it('defaults: commitment key, no productName, mixed dates, optional fields left out', async () => {
    const list = await subs();
    expect(list.some((s) => 'commitment' in s)).toBe(true);
    expect(list.some((s) => 'commitmentTerm' in s)).toBe(false);
    expect(list.some((s) => 'productName' in s)).toBe(false);
    expect(list.some((s) => s.commitment === null)).toBe(true); // monthly NCE variant
    expect(list.some((s) => !('partnerCost' in s))).toBe(true);
    // the only null is the deliberate monthly-commitment variant
    expect(list.every((s) => Object.entries(s).every(([k, v]) => v !== null || k === 'commitment'))).toBe(true);
    const companies = (await h.api('GET', '/v1/companies', { params: { size: 200 } })).data.content as Row[];
    expect(companies.every((c) => Object.values(c).every((v) => v !== null))).toBe(true);
    expect(companies.some((c) => !('externalId' in c))).toBe(true);
    const created = list.map((s) => s.createdDate as string);
    expect(created.some((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))).toBe(true);
    expect(created.some((d) => /\.\d{3}-0700$/.test(d))).toBe(true);
    expect(created.some((d) => /\.\d{6}Z$/.test(d))).toBe(true);
    expect(list.every((s) => /^\d{4}-\d{2}-\d{2}$/.test(s.billingStart))).toBe(true);
    expect(new Set(list.map((s) => s.currencyCode))).toEqual(new Set(['USD', 'EUR', 'GBP']));
  });

  it('switched off: commitmentTerm, productName, uniform dates, nulls, newest-first orders, other orderedBy', async () => {
    h.sb.setQuirks({ commitmentKey: 'commitmentTerm', omitSubscriptionProductName: false, mixedDateFormats: false, omitOptionalFields: false, orderedBy: 'Pax8 Partner', ordersIgnoreStatusOldestFirst: false });
    const list = await subs();
    expect(list.every((s) => 'commitmentTerm' in s && !('commitment' in s))).toBe(true);
    expect(list.every((s) => typeof s.productName === 'string')).toBe(true);
    expect(list.every((s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(s.createdDate))).toBe(true);
    expect(list.every((s) => 'partnerCost' in s && 'endDate' in s)).toBe(true);
    expect(list.some((s) => s.endDate === null)).toBe(true);
    const orders = (await h.api('GET', '/v1/orders', { params: { size: 200 } })).data.content as Row[];
    const dates = orders.map((o) => o.createdDate);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(orders.some((o) => o.orderedBy === 'Pax8 Partner')).toBe(true);
    expect(orders.some((o) => o.orderedBy === 'Pax8Partner')).toBe(false);
    expectEnvelope(await h.api('GET', '/v1/orders', { params: { status: 'x' } }), 400, 'BAD_REQUEST');
    // 'mixed': both spellings in one list, stable per order.
    h.sb.setQuirks({ orderedBy: 'mixed' });
    const mixed = (await h.api('GET', '/v1/orders', { params: { size: 200 } })).data.content as Row[];
    const partnerOrders = mixed.filter((o) => o.orderedBy === 'Pax8Partner' || o.orderedBy === 'Pax8 Partner');
    expect(new Set(partnerOrders.map((o) => o.orderedBy))).toEqual(new Set(['Pax8Partner', 'Pax8 Partner']));
    const again = (await h.api('GET', '/v1/orders', { params: { size: 200 } })).data.content as Row[];
    expect(again.map((o) => o.orderedBy)).toEqual(mixed.map((o) => o.orderedBy));
    // admin endpoint sets quirks as well
    expect((await h.http.post('/__admin/quirks', { commitmentKey: 'commitment' })).data.commitmentKey).toBe('commitment');
  });

  it('counts requests by normalised route, status and client', async () => {
    h.sb.resetStats();
    const id = [...h.sb.store('alpha').subscriptions.keys()][0];
    const tokA = await h.token('alpha');
    const tokB = await h.token('beta');
    await h.api('GET', `/v1/subscriptions/${id}`, { token: tokA });
    await h.api('GET', `/v1/subscriptions/${[...h.sb.store('alpha').subscriptions.keys()][1]}`, { token: tokA });
    await h.api('GET', '/v1/subscriptions/does-not-exist', { token: tokA });
    await h.api('GET', '/v1/companies', { token: tokB });
    await h.http.get('/v1/companies');
    await h.http.get('/__admin/stats'); // admin calls are not counted
    const s = h.sb.stats();
    expect(s.total).toBe(7);
    expect(s.byRoute).toEqual({ 'POST /v1/token': 2, 'GET /v1/subscriptions/:id': 3, 'GET /v1/companies': 2 });
    expect(s.byStatus).toEqual({ '200': 5, '404': 1, '401': 1 });
    expect(s.byClient).toEqual({ alpha: 4, beta: 2, anonymous: 1 });
    expect(s.peakPerWindow).toEqual({ alpha: 3, beta: 1 });
    expect((await h.http.get('/__admin/stats')).data.total).toBe(7);
    expect((await h.http.post('/__admin/reset-stats')).status).toBe(204);
    expect(h.sb.stats().total).toBe(0);
  });

  it('keeps partners apart: own data, 404 and 403 on the other partner\'s ids', async () => {
    const tokB = await h.token('beta');
    const alphaCompany = [...h.sb.store('alpha').companies.keys()][3];
    const alphaSub = [...h.sb.store('alpha').subscriptions.keys()][3];
    expectEnvelope(await h.api('GET', `/v1/companies/${alphaCompany}`, { token: tokB }), 404, 'NOT_FOUND');
    expectEnvelope(await h.api('GET', `/v1/subscriptions/${alphaSub}`, { token: tokB }), 404, 'NOT_FOUND');
    expectEnvelope(await h.api('GET', '/v1/subscriptions', { token: tokB, params: { companyId: alphaCompany } }), 403, 'FORBIDDEN');
    const betaTotal = (await h.api('GET', '/v1/subscriptions', { token: tokB })).data.page.totalElements;
    expect(betaTotal).toBe(h.sb.store('beta').subscriptions.size);
    expect(betaTotal).not.toBe(h.sb.store('alpha').subscriptions.size);
    // the catalog is global: same product ids for both partners
    expect([...h.sb.store('beta').products.keys()]).toEqual([...h.sb.store('alpha').products.keys()]);
    expect(() => h.sb.store('gamma')).toThrow();
  });
});

describe('sandbox: browsing', () => {
  it('serves an index and token-free read-only GETs per partner, outside stats', async () => {
    const h = await harness({ partners: [{ clientId: 'a', clientSecret: 's', size: 'demo', seed: 3 }, { clientId: 'b', clientSecret: 's', size: 'demo', seed: 4 }] });
    try {
      const index = await h.http.get('/');
      expect(index.status).toBe(200);
      expect(index.headers['content-type']).toMatch(/text\/html/);
      expect(index.data).toContain('/__browse/v1/companies');
      const browsed = await h.http.get('/__browse/v1/companies', { params: { partner: 'b', size: 5 } });
      const viaApi = await h.api('GET', '/v1/companies', { token: await h.token('b'), params: { size: 5 } });
      expect(browsed.status).toBe(200);
      expect(browsed.data).toEqual(viaApi.data);
      expect((await h.http.get('/__browse/v1/companies', { params: { partner: 'nobody' } })).status).toBe(404);
      h.sb.resetStats();
      await h.http.get('/__browse/v1/subscriptions', { params: { partner: 'a' } });
      expect(h.sb.stats().total).toBe(0);
    } finally {
      await h.sb.close();
    }
  });
});
