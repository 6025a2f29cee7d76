import { harness, Harness, expectEnvelope, sleep } from './helpers';

type Row = Record<string, any>;

describe('sandbox: orders, usage, invoices (§4, §7, §8, §11.5-6, §13)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness({ partners: [{ clientId: 'o', clientSecret: 's', size: 'small' }], provisioningDelayMs: 300 });
  });
  afterAll(() => h.sb.close());
  const store = () => h.sb.store('o');
  const product = (name: string) => [...store().products.values()].find((p) => p.name === name)!;
  const activeCompany = () => [...store().companies.values()].find((c) => c.status === 'Active')!;
  const annualDep = async (productId: unknown) =>
    (await h.api('GET', `/v1/products/${productId}/dependencies`)).data.commitmentDependencies.find((d: Row) => d.term === '1-Year');

  describe('POST /orders', () => {
    it('rejects unknown fields with 400 (commitmentTerm for commitmentTermId)', async () => {
      const p = product('Microsoft 365 Business Standard [New Commerce Experience]');
      const res = await h.api('POST', '/v1/orders', {
        data: { companyId: activeCompany().id, lineItems: [{ lineItemNumber: 1, productId: p.id, quantity: 1, billingTerm: 'Monthly', commitmentTerm: '1-Year' }] },
      });
      expectEnvelope(res, 400, 'BAD_REQUEST');
      expect(res.data.message).toMatch(/lineItems\[0\]\.commitmentTerm/);
    });

    it('answers 422 with one details entry per problem', async () => {
      const inactive = [...store().companies.values()].find((c) => c.status === 'Inactive')!;
      const nce = product('Microsoft 365 Business Premium [New Commerce Experience]');
      const acronis = product('Acronis Cyber Protect Cloud - Standard');
      const res = await h.api('POST', '/v1/orders', {
        data: {
          companyId: inactive.id, // 1: inactive company
          lineItems: [
            // 2: quantity < 1, 3: missing commitmentTermId, 4: unknown provisioning key, 5: msDomain missing
            { lineItemNumber: 1, productId: nce.id, quantity: 0, billingTerm: 'Monthly', provisioningDetails: [{ key: 'colour', values: ['red'] }] },
            // 6: value outside possibleValues
            { lineItemNumber: 2, productId: acronis.id, quantity: 3, billingTerm: 'Monthly', provisioningDetails: [{ key: 'region', values: ['MARS'] }] },
          ],
        },
      });
      expectEnvelope(res, 422, 'UNPROCESSABLE_ENTITY');
      expect(res.data.details).toHaveLength(6);
      const text = res.data.details.map((d: Row) => d.message).join('\n');
      expect(text).toMatch(/Inactive/);
      expect(text).toMatch(/quantity/);
      expect(text).toMatch(/commitmentTermId is required/);
      expect(text).toMatch(/Unknown provisioning detail key: colour/);
      expect(text).toMatch(/'MARS'/);
    });

    it('isMock validates and creates nothing; a real order creates PendingAutomated then Active subscriptions', async () => {
      const company = activeCompany();
      const p = product('Microsoft 365 Business Standard [New Commerce Experience]');
      const dep = await annualDep(p.id);
      const addOn = product('Microsoft Teams Phone Standard [New Commerce Experience]');
      const addOnDep = await annualDep(addOn.id);
      const data = {
        companyId: company.id,
        lineItems: [
          { lineItemNumber: 1, productId: p.id, quantity: 5, billingTerm: 'Monthly', commitmentTermId: dep.id, provisioningDetails: [{ key: 'msDomain', values: ['acme'] }] },
          { lineItemNumber: 2, productId: addOn.id, quantity: 2, billingTerm: 'Monthly', commitmentTermId: addOnDep.id, parentLineItemNumber: 1, provisioningDetails: [{ key: 'msDomain', values: ['acme'] }] },
        ],
      };
      const subsBefore = store().subscriptions.size;
      const ordersBefore = store().orders.size;
      const mock = await h.api('POST', '/v1/orders?isMock=true', { data });
      expect(mock.status).toBe(200);
      expect(store().subscriptions.size).toBe(subsBefore);
      expect(store().orders.size).toBe(ordersBefore);

      const res = await h.api('POST', '/v1/orders', { data });
      expect(res.status).toBe(200);
      expect(res.data.createdDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(res.data.orderedBy).toBe('Pax8Partner');
      expect(res.data.isScheduled).toBe(false);
      expect(store().subscriptions.size).toBe(subsBefore + 2);
      const [baseLine, addOnLine] = res.data.lineItems;
      expect(baseLine.subscriptionId).toEqual(expect.any(String));
      const sub = (await h.api('GET', `/v1/subscriptions/${baseLine.subscriptionId}`)).data;
      expect(sub).toEqual(expect.objectContaining({ status: 'PendingAutomated', quantity: 5, companyId: company.id, commitment: expect.objectContaining({ id: dep.id, term: '1-Year' }) }));
      expect((await h.api('GET', `/v1/subscriptions/${addOnLine.subscriptionId}`)).data.parentSubscriptionId).toBe(baseLine.subscriptionId);
      await sleep(400);
      expect((await h.api('GET', `/v1/subscriptions/${baseLine.subscriptionId}`)).data.status).toBe('Active');
      expect((await h.api('GET', `/v1/orders/${res.data.id}`)).data.id).toBe(res.data.id);
    });

    it('rejects a commitment shorter than the billing term', async () => {
      const p = product('Microsoft 365 Business Basic [New Commerce Experience]');
      const monthly = (await h.api('GET', `/v1/products/${p.id}/dependencies`)).data.commitmentDependencies.find((d: Row) => d.term === 'Monthly');
      const res = await h.api('POST', '/v1/orders', {
        data: { companyId: activeCompany().id, lineItems: [{ lineItemNumber: 1, productId: p.id, quantity: 1, billingTerm: 'Annual', commitmentTermId: monthly.id, provisioningDetails: [{ key: 'msDomain', values: ['x'] }] }] },
      });
      expect(res.status).toBe(422);
      expect(res.data.details).toHaveLength(1);
    });
  });

  describe('GET /orders', () => {
    it('filters by companyId, ignores ?status= and lists oldest first (live quirk)', async () => {
      const all = (await h.api('GET', '/v1/orders', { params: { size: 200 } })).data;
      const dates = all.content.map((o: Row) => o.createdDate);
      expect(dates).toEqual([...dates].sort());
      const withStatus = (await h.api('GET', '/v1/orders', { params: { size: 200, status: 'Cancelled' } })).data;
      expect(withStatus.page.totalElements).toBe(all.page.totalElements);
      const companyId = all.content[0].companyId;
      const one = (await h.api('GET', '/v1/orders', { params: { companyId } })).data;
      expect(one.content.every((o: Row) => o.companyId === companyId)).toBe(true);
      expect(one.page.totalElements).toBeGreaterThan(0);
    });
  });

  describe('usage', () => {
    it('lists summaries under a subscription and lines per usageDate', async () => {
      const summary = [...store().usageSummaries!.values()][0] as Row;
      const list = await h.api('GET', `/v1/subscriptions/${summary.subscriptionId}/usage-summaries`);
      expect(list.status).toBe(200);
      expect(list.data.content.map((u: Row) => u.id)).toContain(summary.id);
      expect(list.data.content[0].companyId).toBeUndefined(); // live: missing when listed via subscription
      const one = await h.api('GET', `/v1/usage-summaries/${summary.id}`);
      expect(one.data.companyId).toBe(summary.companyId);
      expectEnvelope(await h.api('GET', `/v1/usage-summaries/${summary.id}/usage-lines`), 400, 'BAD_REQUEST');
      const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
      const lines = await h.api('GET', `/v1/usage-summaries/${summary.id}/usage-lines`, { params: { usageDate: yesterday } });
      expect(lines.status).toBe(200);
      expect(lines.data.content.length).toBeGreaterThan(0);
      expect(lines.data.content[0]).toEqual(expect.objectContaining({ usageSummaryId: summary.id, usageDate: yesterday, unitOfMeasure: expect.any(String), currentCharges: expect.any(Number) }));
      const again = await h.api('GET', `/v1/usage-summaries/${summary.id}/usage-lines`, { params: { usageDate: yesterday } });
      expect(again.data).toEqual(lines.data); // deterministic
      expectEnvelope(await h.api('GET', `/v1/usage-summaries/${summary.id}/lines`), 404, 'NOT_FOUND');
    });
  });

  describe('invoices', () => {
    it('lists invoices with totals, items with arrears lines, and draft items without arrears', async () => {
      const list = await h.api('GET', '/v1/invoices', { params: { size: 200 } });
      // The partner invoice of the three months before this one and of this month (approved on the 5th).
      const partner = list.data.content.filter((i: Row) => !i.companyId);
      expect(partner).toHaveLength(new Date().getUTCDate() >= 5 ? 4 : 3);
      const inv = partner[0];
      expect(inv.invoiceDate).toMatch(/-01$/);
      expect(inv.dueDate).toMatch(/-15$/);
      expect(inv.total).toBeGreaterThan(0);
      const today = new Date().toISOString().slice(0, 10);
      for (const i of list.data.content) expect(i.status).toBe(i.dueDate > today ? 'Unpaid' : 'Paid');
      const items = await h.api('GET', `/v1/invoices/${inv.id}/items`, { params: { size: 200 } });
      expect(items.data.page.totalElements).toBeGreaterThan(0);
      let arrears: Row | undefined;
      let sum = 0;
      for (let page = 0; page < items.data.page.totalPages; page++) {
        const res = await h.api('GET', `/v1/invoices/${inv.id}/items`, { params: { size: 200, page } });
        for (const it of res.data.content) {
          sum += it.total;
          if (it.term === 'Arrears') arrears = it;
        }
      }
      expect(Math.round(sum * 100) / 100).toBeCloseTo(inv.total, 2);
      expect(arrears?.description).toMatch(/ - Arrears Charge - .+ - .+ - /);
      const drafts = await h.api('GET', '/v1/invoices/draftItems', { params: { size: 200 } });
      expect(drafts.status).toBe(200);
      expect(drafts.data.content.every((i: Row) => i.term !== 'Arrears')).toBe(true);
      expectEnvelope(await h.api('GET', '/v1/invoices/draftItems', { params: { monthOffset: 2 } }), 400, 'BAD_REQUEST');
      expectEnvelope(await h.api('GET', '/v1/invoices/nope'), 404, 'NOT_FOUND');
    });
  });
});
