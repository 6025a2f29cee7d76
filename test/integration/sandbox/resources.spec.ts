import { harness, Harness, expectEnvelope, sleep } from './helpers';

type Row = Record<string, any>;

describe('sandbox: companies, products, subscriptions (§2, §4, §5, §7)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness({ partners: [{ clientId: 'c', clientSecret: 's', size: 'small' }], rateLimit: false, provisioningDelayMs: 200 });
  });
  afterAll(() => h.sb.close());
  const store = () => h.sb.store('c');

  describe('pagination', () => {
    it('returns the page envelope, defaults to size 10 and pages consistently', async () => {
      const first = await h.api('GET', '/v1/subscriptions');
      expect(first.status).toBe(200);
      expect(first.data.page).toEqual({ size: 10, totalElements: 500, totalPages: 50, number: 0 });
      const ids = new Set<string>();
      for (let page = 0; page < 3; page++) {
        const res = await h.api('GET', '/v1/subscriptions', { params: { page, size: 200 } });
        expect(res.data.page.number).toBe(page);
        res.data.content.forEach((s: Row) => ids.add(s.id));
      }
      expect(ids.size).toBe(500); // no duplicates or gaps across pages
      const past = await h.api('GET', '/v1/subscriptions', { params: { page: 3, size: 200 } });
      expect(past.data.content).toEqual([]);
    });

    it('rejects size outside 1..200 and bad page values with 400 BAD_REQUEST', async () => {
      for (const size of [0, 201, 1000]) expectEnvelope(await h.api('GET', '/v1/companies', { params: { size } }), 400, 'BAD_REQUEST');
      expectEnvelope(await h.api('GET', '/v1/companies', { params: { page: -1 } }), 400, 'BAD_REQUEST');
      expectEnvelope(await h.api('GET', '/v1/companies', { params: { size: 'abc' } }), 400, 'BAD_REQUEST');
      expect((await h.api('GET', '/v1/companies', { params: { size: 200 } })).status).toBe(200);
    });

    it('answers unknown paths and the flat usage-summaries list with a 404 envelope', async () => {
      expectEnvelope(await h.api('GET', '/v1/nothing-here'), 404, 'NOT_FOUND');
      expectEnvelope(await h.api('GET', '/v1/usage-summaries'), 404, 'NOT_FOUND');
      expect((await h.api('GET', '/v2/nothing')).status).toBe(404); // '/' is the browsable index page
    });
  });

  describe('companies', () => {
    it('filters by status, country, city and booleans', async () => {
      const all = [...store().companies.values()];
      for (const status of ['Active', 'Inactive', 'Deleted']) {
        const res = await h.api('GET', '/v1/companies', { params: { status, size: 200 } });
        expect(res.data.page.totalElements).toBe(all.filter((c) => c.status === status).length);
        expect(res.data.content.every((c: Row) => c.status === status)).toBe(true);
      }
      const country = (all[3].address as Row).country;
      const byCountry = await h.api('GET', '/v1/companies', { params: { country, size: 200 } });
      expect(byCountry.data.page.totalElements).toBe(all.filter((c) => (c.address as Row).country === country).length);
      const city = (all[0].address as Row).city;
      const byCity = await h.api('GET', '/v1/companies', { params: { city, size: 200 } });
      expect(byCity.data.content.every((c: Row) => c.address.city === city)).toBe(true);
      const bob = await h.api('GET', '/v1/companies', { params: { billOnBehalfOfEnabled: true, size: 200 } });
      expect(bob.data.page.totalElements).toBe(all.filter((c) => c.billOnBehalfOfEnabled === true).length);
    });

    it('sorts by name both ways and rejects unknown sort fields', async () => {
      const asc = (await h.api('GET', '/v1/companies', { params: { sort: 'name,asc', size: 200 } })).data.content.map((c: Row) => c.name.toLowerCase());
      expect(asc).toEqual([...asc].sort());
      const desc = (await h.api('GET', '/v1/companies', { params: { sort: 'name,desc', size: 200 } })).data.content.map((c: Row) => c.name.toLowerCase());
      expect(desc).toEqual([...asc].reverse());
      expectEnvelope(await h.api('GET', '/v1/companies', { params: { sort: 'shoeSize,asc' } }), 400, 'BAD_REQUEST');
    });

    it('gets one company, 404s an unknown one in the §3 shape', async () => {
      const id = [...store().companies.keys()][0];
      expect((await h.api('GET', `/v1/companies/${id}`)).data.id).toBe(id);
      const res = await h.api('GET', '/v1/companies/3f0c6a9e-0000-4000-8000-000000000000');
      expectEnvelope(res, 404, 'NOT_FOUND');
      expect(res.data.message).toBe('Company Not Found: 3f0c6a9e-0000-4000-8000-000000000000');
      expect(res.data.instance).toBe('/public/v1/companies/3f0c6a9e-0000-4000-8000-000000000000');
    });

    it('creates Inactive without contacts, Active once the primary contacts exist; PATCH needs a change', async () => {
      const base = { name: 'Acme Test GmbH', address: { street: '1 Main', city: 'Berlin', postalCode: '10115', country: 'DE' }, phone: '+49 1', website: 'acme.de', billOnBehalfOfEnabled: false, selfServiceAllowed: false, orderApprovalRequired: false };
      const bad = await h.api('POST', '/v1/companies', { data: { name: '' } });
      expect(bad.status).toBe(422);
      expect(bad.data.details.length).toBeGreaterThanOrEqual(6);
      const created = await h.api('POST', '/v1/companies', { data: base });
      expect(created.status).toBe(200);
      expect(created.data.status).toBe('Inactive');
      const id = created.data.id;
      const contact = await h.api('POST', `/v1/companies/${id}/contacts`, {
        data: { firstName: 'A', lastName: 'B', email: 'a@acme.de', phone: '1', types: ['Admin', 'Billing', 'Technical'].map((type) => ({ type, primary: true })) },
      });
      expect(contact.status).toBe(200);
      expect((await h.api('GET', `/v1/companies/${id}`)).data.status).toBe('Active');
      const contacts = await h.api('GET', `/v1/companies/${id}/contacts`);
      expect(contacts.data.page.totalElements).toBe(1);
      expect((await h.api('PATCH', `/v1/companies/${id}`, { data: { name: 'Acme Test GmbH' } })).status).toBe(422);
      const patched = await h.api('PATCH', `/v1/companies/${id}`, { data: { name: 'Acme Renamed GmbH', externalId: 'PSA-9' } });
      expect(patched.data).toEqual(expect.objectContaining({ name: 'Acme Renamed GmbH', externalId: 'PSA-9' }));
      expect((await h.api('DELETE', `/v1/companies/${id}/contacts/${contact.data.id}`)).status).toBe(204);
      expect((await h.api('GET', `/v1/companies/${id}`)).data.status).toBe('Inactive');
      const withContacts = await h.api('POST', '/v1/companies', { data: { ...base, name: 'Acme Two', contacts: [contact.data] } });
      expect(withContacts.data.status).toBe('Active');
    });
  });

  describe('products', () => {
    it('lists a realistic catalog with search, vendorName and sort', async () => {
      const all = await h.api('GET', '/v1/products', { params: { size: 200 } });
      expect(all.data.page.totalElements).toBeGreaterThanOrEqual(60);
      expect(all.data.page.totalElements).toBeLessThanOrEqual(150);
      expect(all.data.content[0].description).toBeUndefined(); // list = Product, not ProductDetail
      const nce = await h.api('GET', '/v1/products', { params: { search: 'new commerce', size: 200 } });
      expect(nce.data.content.every((p: Row) => /New Commerce Experience/.test(p.name))).toBe(true);
      expect(nce.data.content.some((p: Row) => / - Annual Commitment, Monthly Billing$/.test(p.name))).toBe(true);
      const arrears = await h.api('GET', '/v1/products', { params: { search: 'arrears charge' } });
      expect(arrears.data.page.totalElements).toBeGreaterThan(0);
      const acronis = await h.api('GET', '/v1/products', { params: { vendorName: 'acronis', size: 200 } });
      expect(acronis.data.content.every((p: Row) => p.vendorName === 'Acronis')).toBe(true);
      const sorted = (await h.api('GET', '/v1/products', { params: { sort: 'vendor,desc', size: 200 } })).data.content.map((p: Row) => p.vendorName.toLowerCase());
      expect(sorted).toEqual([...sorted].sort().reverse());
    });

    it('serves detail, pricing, dependencies and provision details', async () => {
      const p = [...store().products.values()].find((x) => x.name === 'Microsoft 365 Business Premium [New Commerce Experience]')!;
      const detail = await h.api('GET', `/v1/products/${p.id}`);
      expect(detail.data.description).toEqual(expect.any(String));
      const pricing = await h.api('GET', `/v1/products/${p.id}/pricing`);
      expect(pricing.data.page).toBeUndefined();
      const combos = pricing.data.content.map((r: Row) => `${r.billingTerm}/${r.commitmentTerm}`);
      expect(combos).toEqual(expect.arrayContaining(['Monthly/Monthly', 'Monthly/1-Year', 'Annual/1-Year']));
      const deps = await h.api('GET', `/v1/products/${p.id}/dependencies`);
      const annual = deps.data.commitmentDependencies.find((d: Row) => d.term === '1-Year');
      expect(annual.allowForQuantityDecrease).toBe(false);
      expect(deps.data.commitmentDependencies.find((d: Row) => d.term === 'Monthly').allowForQuantityDecrease).toBe(true);
      const prov = await h.api('GET', `/v1/products/${p.id}/provision-details`);
      expect(prov.data.content.map((d: Row) => d.valueType)).toEqual(expect.arrayContaining(['Input', 'Single-Value']));
      // `values` is what an order sends; a product's provisioning details never carry it on a read.
      expect(prov.data.content.every((d: Row) => !('values' in d))).toBe(true);
      const arrears = [...store().products.values()].find((x) => / - Arrears Charge$/.test(x.name as string))!;
      const ap = await h.api('GET', `/v1/products/${arrears.id}/pricing`);
      expect(ap.data.content[0].unitOfMeasurement).toBe('Each');
      expect(ap.data.content[0].rates[0].partnerBuyRate).toBe(0);
      expectEnvelope(await h.api('GET', '/v1/products/nope'), 404, 'NOT_FOUND');
    });
  });

  describe('pricing realism', () => {
    const product = (name: string) => [...store().products.values()].find((x) => x.name === name)!;

    it('serves Volume and Tiered rates over several quantity ranges, and Flat Rate charges', async () => {
      const volume = (await h.api('GET', `/v1/products/${product('Acronis Cyber Protect Cloud - Standard').id}/pricing`)).data.content[0];
      expect(volume.type).toBe('Volume');
      expect(volume.rates.map((r: Row) => r.endQuantityRange)).toEqual([10, 50, null]);
      expect(volume.rates[1].partnerBuyRate).toBeLessThan(volume.rates[0].partnerBuyRate);
      const tiered = (await h.api('GET', `/v1/products/${product('Datto SaaS Protection for Microsoft 365').id}/pricing`)).data.content[0];
      expect(tiered.type).toBe('Tiered');
      expect(tiered.rates).toHaveLength(3);
      const flat = (await h.api('GET', `/v1/products/${product('Egnyte Business').id}/pricing`)).data.content[0];
      expect(flat.rates[0]).toMatchObject({ chargeType: 'Flat Rate', partnerBuyRate: 160 });
    });

    it('gives company-specific prices with companyId, and answers 404 for some arrears products', async () => {
      const p = product('Keeper Business');
      const list = (await h.api('GET', `/v1/products/${p.id}/pricing`)).data.content[0].rates[0].partnerBuyRate;
      const rates = await Promise.all([...store().companies.keys()].slice(0, 30).map(async (companyId) => (await h.api('GET', `/v1/products/${p.id}/pricing`, { params: { companyId } })).data.content[0].rates[0].partnerBuyRate));
      expect(rates).toContain(list);
      expect(rates.some((r) => r < list)).toBe(true);
      expectEnvelope(await h.api('GET', `/v1/products/${p.id}/pricing`, { params: { companyId: 'nope' } }), 404, 'NOT_FOUND');
      expectEnvelope(await h.api('GET', `/v1/products/${product('Acronis Cyber Protect Cloud - Arrears Charge').id}/pricing`), 404, 'NOT_FOUND');
      expect((await h.api('GET', `/v1/products/${product('Microsoft Azure Plan - Arrears Charge').id}/pricing`)).status).toBe(200);
    });

    it('prices subscriptions on the rate of their quantity range; some have no partner cost', async () => {
      const subs = [...store().subscriptions.values()] as Row[];
      expect(subs.some((s) => !('partnerCost' in s))).toBe(true);
      let checked = 0;
      let aboveFirstRange = 0;
      for (const p of [...store().products.values()]) {
        const res = await h.api('GET', `/v1/products/${p.id}/pricing`);
        const monthly = res.status === 200 ? res.data.content.find((r: Row) => r.billingTerm === 'Monthly' && r.type === 'Volume') : undefined;
        if (!monthly) continue;
        for (const sub of subs.filter((x) => x.productId === p.id && x.billingTerm === 'Monthly' && x.currencyCode === 'USD' && 'partnerCost' in x)) {
          const range = monthly.rates.find((r: Row) => sub.quantity >= (r.startQuantityRange ?? 0) && (r.endQuantityRange === null || sub.quantity <= r.endQuantityRange));
          const negotiated = [1, 0.97, 0.93].map((f) => Math.round(range.partnerBuyRate * f * 10000) / 10000);
          expect(negotiated).toContain(sub.partnerCost);
          checked++;
          if (sub.quantity > 10) aboveFirstRange++;
        }
      }
      expect(checked).toBeGreaterThan(0);
      expect(aboveFirstRange).toBeGreaterThan(0);
    });
  });

  describe('subscriptions', () => {
    it('leaves write-only fields out of reads: provisioningDetails on subscriptions, provisioningDetails and lineItemNumber on order lines', async () => {
      expect([...store().subscriptions.values()].some((x) => Array.isArray(x.provisioningDetails) && x.provisioningDetails.length)).toBe(true);
      const list = await h.api('GET', '/v1/subscriptions', { params: { size: 200 } });
      expect(list.data.content.filter((x: Row) => 'provisioningDetails' in x)).toEqual([]);
      const withDetails = [...store().subscriptions.values()].find((x) => Array.isArray(x.provisioningDetails) && x.provisioningDetails.length)!;
      expect('provisioningDetails' in (await h.api('GET', `/v1/subscriptions/${withDetails.id}`)).data).toBe(false);
      const orders = await h.api('GET', '/v1/orders', { params: { size: 50 } });
      const lines = orders.data.content.flatMap((o: Row) => o.lineItems as Row[]);
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.filter((l: Row) => 'provisioningDetails' in l || 'lineItemNumber' in l)).toEqual([]);
    });

    it('filters by status, billingTerm, companyId and productId', async () => {
      const subs = [...store().subscriptions.values()];
      const s0 = subs[5];
      const checks: Array<[Record<string, unknown>, (s: Row) => boolean]> = [
        [{ status: 'Active' }, (s) => s.status === 'Active'],
        [{ status: 'PendingCancel' }, (s) => s.status === 'PendingCancel'],
        [{ billingTerm: 'Annual' }, (s) => s.billingTerm === 'Annual'],
        [{ companyId: s0.companyId }, (s) => s.companyId === s0.companyId],
        [{ productId: s0.productId }, (s) => s.productId === s0.productId],
        [{ companyId: s0.companyId, status: 'Active' }, (s) => s.companyId === s0.companyId && s.status === 'Active'],
      ];
      for (const [params, pred] of checks) {
        const res = await h.api('GET', '/v1/subscriptions', { params: { ...params, size: 200 } });
        expect(res.data.page.totalElements).toBe(subs.filter(pred).length);
        expect(res.data.page.totalElements).toBeGreaterThan(0);
      }
    });

    it('sorts by quantity and price', async () => {
      const q = (await h.api('GET', '/v1/subscriptions', { params: { sort: 'quantity,desc', size: 50 } })).data.content.map((s: Row) => s.quantity);
      expect(q).toEqual([...q].sort((a, b) => b - a));
      const p = (await h.api('GET', '/v1/subscriptions', { params: { sort: 'price,asc', size: 50 } })).data.content.map((s: Row) => s.price);
      expect(p).toEqual([...p].sort((a, b) => a - b));
    });

    it('403s a companyId that is not the partner\'s', async () => {
      expectEnvelope(await h.api('GET', '/v1/subscriptions', { params: { companyId: '11111111-1111-4111-8111-111111111111' } }), 403, 'FORBIDDEN');
    });

    it('updates quantity partially, refuses decreases inside an annual NCE commitment', async () => {
      const subs = [...store().subscriptions.values()];
      const annual = subs.find((s) => s.status === 'Active' && (s.commitment as Row | undefined)?.term === '1-Year' && (s.quantity as number) > 1)!;
      const down = await h.api('PUT', `/v1/subscriptions/${annual.id}`, { data: { quantity: (annual.quantity as number) - 1 } });
      expect(down.status).toBe(422);
      expect(down.data).toEqual({ errors: [expect.stringContaining('cannot be decreased')] }); // the live {errors:[string]} shape
      const price = annual.price;
      const q0 = annual.quantity as number;
      const up = await h.api('PUT', `/v1/subscriptions/${annual.id}`, { data: { quantity: q0 + 2 } });
      expect(up.status).toBe(200);
      expect(up.data.quantity).toBe(q0 + 2);
      expect(up.data.price).toBe(price); // partial: price untouched
      const monthly = subs.find((s) => s.status === 'Active' && s.billingTerm === 'Monthly' && !s.commitment && (s.quantity as number) > 1)!;
      const ok = await h.api('PUT', `/v1/subscriptions/${monthly.id}`, { data: { quantity: 1 } });
      expect(ok.status).toBe(200);
      expect(ok.data.quantity).toBe(1);
      expect((await h.api('PUT', `/v1/subscriptions/${monthly.id}`, { data: { quantity: 0 } })).status).toBe(422);
      expect((await h.api('PUT', `/v1/subscriptions/${monthly.id}`, { data: {} })).status).toBe(422);
      const hist = await h.api('GET', `/v1/subscriptions/${monthly.id}/history`);
      expect(hist.data.content.length).toBe(2);
      expect(hist.data.content[1].quantity).toBe(1);
      expectEnvelope(await h.api('PUT', '/v1/subscriptions/unknown', { data: { quantity: 2 } }), 404, 'NOT_FOUND');
    });

    it('cancels: PendingCancel with endDate, then Cancelled after cancelDate; final', async () => {
      const s = [...store().subscriptions.values()].find((x) => x.status === 'Active' && !x.endDate)!;
      const cancelDate = new Date(Date.now() + 1200).toISOString();
      expect((await h.api('DELETE', `/v1/subscriptions/${s.id}`, { params: { cancelDate } })).status).toBe(204);
      const pending = await h.api('GET', `/v1/subscriptions/${s.id}`);
      expect(pending.data.status).toBe('PendingCancel');
      expect(pending.data.endDate).toEqual(expect.any(String));
      expect(Date.parse(s.endDate as string)).toBeGreaterThan(Date.now() - 1000); // store keeps the canonical form
      expect((await h.api('PUT', `/v1/subscriptions/${s.id}`, { data: { quantity: 3 } })).status).toBe(422);
      await sleep(1500);
      expect((await h.api('GET', `/v1/subscriptions/${s.id}`)).data.status).toBe('Cancelled');
      expect((await h.api('DELETE', `/v1/subscriptions/${s.id}`)).status).toBe(422);
      expect((await h.api('DELETE', `/v1/subscriptions/${[...store().subscriptions.keys()][1]}`, { params: { cancelDate: 'soon' } })).status).toBe(400);
    });

    it('reflects store mutations in the next response', async () => {
      const [id, c] = [...store().companies.entries()][2];
      c.name = 'Renamed By Test Ltd';
      expect((await h.api('GET', `/v1/companies/${id}`)).data.name).toBe('Renamed By Test Ltd');
      const before = (await h.api('GET', '/v1/subscriptions', { params: { size: 1 } })).data.page.totalElements;
      store().subscriptions.delete([...store().subscriptions.keys()][0]);
      expect((await h.api('GET', '/v1/subscriptions', { params: { size: 1 } })).data.page.totalElements).toBe(before - 1);
    });
  });
});
