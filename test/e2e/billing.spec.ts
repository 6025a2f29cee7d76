import { AuditLogEntry } from '../../server/audit/audit-log-entry.entity';
import { SubscriptionBilling } from '../../server/billing/subscription-billing.entity';
import { Pax8Subscription } from '../../server/sync/entities/pax8-subscription.entity';
import { testDatabases } from '../helpers/databases';
import { ACME, E2eApp, GLOBEX, startE2eApp, waitForRun } from '../helpers/e2e-app';

type Wire = { id: string; companyId?: string; status?: string };

/**
 * Billing end to end: per-subscription settings, pricing rules and their precedence, invoice links,
 * and line items for an invoice mixing terms, vendors, rules, overrides and every warning.
 */
describe.each(testDatabases())('billing on $name', (db) => {
  let e2e: E2eApp;
  let companyA: string;
  let companyB: string;
  let companyC: string;
  let s: Record<string, string>; // s1…s9 of company A, b1 of company B, c1 of unmapped company C
  const acme = () => e2e.as('acme');
  const tech = () => e2e.as('acme', 'Technician');
  const subs = () => e2e.dataSource.getRepository(Pax8Subscription);
  const setSub = (pax8Id: string, values: Partial<Pax8Subscription>) => subs().update({ tenantId: 'acme', pax8Id }, values as never);
  const sub = async (id: string) => (await e2e.http.get(`/pax8/subscriptions/${id}/billing`).set(acme()).expect(200)).body;
  const base = { status: 'Active', removedAt: null, startDate: new Date('2026-01-01T00:00:00Z'), endDate: null, currencyCode: 'USD', commitmentTerm: null, commitmentEndDate: null };

  beforeAll(async () => {
    e2e = await startE2eApp({ db, sandbox: { partners: [{ ...ACME, seed: 41, size: { companies: 6, subscriptions: 120 } }, { ...GLOBEX, seed: 42, size: 'demo' }] } });
    const wire = [...e2e.sandbox.store(ACME.clientId).subscriptions.values()] as unknown as Wire[];
    const byCompany = new Map<string, string[]>();
    for (const w of wire) byCompany.set(w.companyId!, [...(byCompany.get(w.companyId!) ?? []), w.id]);
    const ranked = [...byCompany.entries()].sort((a, b) => b[1].length - a[1].length);
    [companyA, companyB, companyC] = ranked.map(([id]) => id);
    const [a, b, c] = ranked.map(([, ids]) => ids);
    expect(a.length).toBeGreaterThanOrEqual(9);
    s = Object.fromEntries([...a.slice(0, 9).map((id, i) => [`s${i + 1}`, id]), ['b1', b[0]], ['c1', c[0]]]);
    e2e.store.tenants.set('acme', {
      clients: [{ id: 'c-a', name: 'Client A' }, { id: 'c-b', name: 'Client B' }, { id: 'c-c', name: 'Client C' }],
      invoices: [
        { id: 'inv-a1', clientId: 'c-a', name: 'A monthly', currencyCode: 'USD', active: true },
        { id: 'inv-a-old', clientId: 'c-a', name: 'A old', currencyCode: 'USD', active: false },
        { id: 'inv-a-eur', clientId: 'c-a', name: 'A euro', currencyCode: 'EUR', active: true },
        { id: 'inv-b1', clientId: 'c-b', name: 'B monthly', currencyCode: 'USD', active: true },
      ],
    });
    await e2e.http.put('/pax8/connection').set(acme()).send(ACME).expect(200);
    const run = await e2e.http.post('/pax8/sync').set(acme()).expect(202);
    expect((await waitForRun(e2e, 'acme', run.body.id)).status).toBe('succeeded');
    await e2e.http.put(`/pax8/companies/${companyA}/mapping`).set(acme()).send({ clientId: 'c-a' }).expect(200);
    await e2e.http.put(`/pax8/companies/${companyB}/mapping`).set(acme()).send({ clientId: 'c-b' }).expect(200);
    // Known prices and states on the synced rows (Pax8 prices are per unit per billing period).
    await setSub(s.s1, { ...base, productName: 'Microsoft 365 Business Premium [New Commerce Experience]', vendorName: 'Microsoft', billingTerm: 'Monthly', commitmentTerm: '1-Year', quantity: 10, partnerCost: '18.7000', price: '22.0000' });
    await setSub(s.s2, { ...base, productName: 'Microsoft 365 E3 [New Commerce Experience] - Annual Commitment, Annual Billing', vendorName: 'Microsoft', billingTerm: 'Annual', commitmentTerm: '1-Year', quantity: 3, partnerCost: '367.2000', price: '432.0000' });
    await setSub(s.s3, { ...base, productName: 'Keeper Business', vendorName: 'Keeper Security', billingTerm: 'Monthly', quantity: 5, partnerCost: null, price: '3.7500' });
    await setSub(s.s4, { ...base, productName: 'Acronis Cyber Protect Cloud - Standard', vendorName: 'Acronis', billingTerm: 'Monthly', quantity: 2, partnerCost: '4.0000', price: '4.5000' });
    await setSub(s.s5, { ...base, productName: 'Keeper Enterprise', vendorName: 'Keeper Security', billingTerm: 'Monthly', quantity: 4, partnerCost: '4.0000', price: '5.0000', status: 'Cancelled' });
    await setSub(s.s6, { ...base, productName: 'Huntress Managed EDR', vendorName: 'Huntress', billingTerm: 'Monthly', quantity: 4, partnerCost: '3.0000', price: '3.5000', removedAt: new Date('2026-02-01T00:00:00Z') });
    await setSub(s.s7, { ...base, productName: 'Power BI Pro', vendorName: 'Microsoft', billingTerm: 'Monthly', quantity: 0, partnerCost: '11.9000', price: '14.0000' });
    await setSub(s.s8, { ...base, productName: 'Zoom Workplace Pro', vendorName: 'Zoom', billingTerm: 'Monthly', quantity: 1, partnerCost: '11.0000', price: '13.3300', currencyCode: 'EUR' });
    await setSub(s.s9, { ...base, productName: 'Datto SaaS Protection for Microsoft 365', vendorName: 'Datto', billingTerm: 'Monthly', quantity: 40, partnerCost: '120.0000', price: '150.0000' });
    await setSub(s.b1, { ...base, productName: 'Microsoft 365 Business Basic', vendorName: 'Microsoft', billingTerm: 'Monthly', quantity: 7, partnerCost: '5.1000', price: '6.0000' });
  });
  afterAll(() => e2e.close());

  it('refuses billing for a subscription of an unmapped company: 409 "map the company first"', async () => {
    const res = await e2e.http.put(`/pax8/subscriptions/${s.c1}/billing`).set(acme()).send({ markup: { type: 'percent', value: '10' } }).expect(409);
    expect(res.body.message).toMatch(/map the company first/i);
    await e2e.http.put(`/pax8/subscriptions/${s.c1}/invoice-link`).set(acme()).send({ recurringInvoiceId: 'inv-a1' }).expect(409);
    expect(await e2e.dataSource.getRepository(SubscriptionBilling).count({ where: { tenantId: 'acme', pax8SubscriptionId: s.c1 } })).toBe(0);
  });

  it('validates settings, naming the field and the allowed range, and writes nothing on a 400', async () => {
    const bad = async (body: object, field: string, reason: RegExp) => {
      const res = await e2e.http.put(`/pax8/subscriptions/${s.s4}/billing`).set(acme()).send(body).expect(400);
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, reason: expect.stringMatching(reason) })]));
    };
    await bad({ markup: { type: 'percent', value: '10000.5' } }, 'markup.value', /-100 to 10000/);
    await bad({ markup: { type: 'percent', value: '-100.01' } }, 'markup.value', /-100 to 10000/);
    await bad({ markup: { type: 'fixed', value: '1.23456' } }, 'markup.value', /4 places/);
    await bad({ markup: { type: 'fixed', value: '10000000000000000' } }, 'markup.value', /999999999999999\.9999/);
    await bad({ overridePrice: '-1' }, 'overridePrice', /between 0 and/);
    await bad({ overridePrice: 'ten' }, 'overridePrice', /4 places/);
    await bad({ markup: { type: 'fixed', value: '-5' } }, 'markup.value', /below zero/); // cost 4.0000
    await bad({ markup: { type: 'bonus', value: '5' } }, 'markup.type', /percent|fixed/);
    await bad({ surprise: true }, 'surprise', /should not exist/);
    expect((await sub(s.s4)).settings).toBeNull();
    await e2e.http.put(`/pax8/subscriptions/${s.s4}/billing`).set(tech()).send({ overridePrice: '3.5' }).expect(403);
    await e2e.http.put('/pax8/subscriptions/no-such-sub/billing').set(acme()).send({ overridePrice: '3.5' }).expect(404);
  });

  it('manages pricing rules: audited, one per target, targets checked, view for technicians', async () => {
    const create = (body: object) => e2e.http.post('/pax8/pricing-rules').set(acme()).send(body);
    const def = await create({ scope: 'default', markup: { type: 'percent', value: '10' } }).expect(201);
    await create({ scope: 'vendor', target: 'Microsoft', markup: { type: 'percent', value: '15' } }).expect(201);
    const product = await create({ scope: 'product', target: 'Microsoft 365 E3', markup: { type: 'percent', value: '20' } }).expect(201);
    // A client rule names its client as the host's directory does; other scopes have no client name.
    expect((await create({ scope: 'client', target: 'c-b', markup: { type: 'percent', value: '25' } }).expect(201)).body).toMatchObject({ target: 'c-b', clientName: 'Client B' });
    expect((await create({ scope: 'vendor', target: ' microsoft ', markup: { type: 'percent', value: '1' } }).expect(409)).body.message).toMatch(/already exists/);
    expect((await create({ scope: 'client', target: 'c-nope', markup: { type: 'percent', value: '1' } }).expect(400)).body.errors[0].field).toBe('target');
    expect((await create({ scope: 'default', target: 'x', markup: { type: 'percent', value: '1' } }).expect(400)).body.errors[0].field).toBe('target');
    expect((await create({ scope: 'vendor', markup: { type: 'percent', value: '1' } }).expect(400)).body.errors[0].field).toBe('target');
    expect((await create({ scope: 'vendor', target: 'Zoom', markup: { type: 'percent', value: '20000' } }).expect(400)).body.errors[0].field).toBe('markup.value');
    // A fixed markup that would price a live subscription below zero is refused (s4, Acronis, costs 4.0000).
    expect((await create({ scope: 'vendor', target: 'Acronis', markup: { type: 'fixed', value: '-4.5' } }).expect(400)).body.errors[0]).toMatchObject({ field: 'markup.value', reason: expect.stringMatching(/below zero for \d+ subscription/) });
    await e2e.http.post('/pax8/pricing-rules').set(tech()).send({ scope: 'vendor', target: 'Zoom', markup: { type: 'percent', value: '1' } }).expect(403);
    expect(product.body).toMatchObject({ scope: 'product', target: 'Microsoft 365 E3', markupLabel: '20%' });

    const changed = await e2e.http.put(`/pax8/pricing-rules/${def.body.id}`).set(acme()).send({ markup: { type: 'percent', value: '12.5' } }).expect(200);
    expect(changed.body.markup).toEqual({ type: 'percent', value: '12.5000' });
    await e2e.http.put(`/pax8/pricing-rules/${def.body.id}`).set(acme()).send({ markup: { type: 'percent', value: '10' } }).expect(200);
    const temp = await create({ scope: 'vendor', target: 'Zoom', markup: { type: 'fixed', value: '1' } }).expect(201);
    await e2e.http.delete(`/pax8/pricing-rules/${temp.body.id}`).set(acme()).expect(200);
    await e2e.http.delete(`/pax8/pricing-rules/${temp.body.id}`).set(acme()).expect(404);
    await e2e.http.get(`/pax8/pricing-rules/${def.body.id}`).set(e2e.as('globex')).expect(404);

    const list = await e2e.http.get('/pax8/pricing-rules').set(tech()).expect(200);
    expect(list.body.items.map((r: { scope: string }) => r.scope)).toEqual(['client', 'product', 'vendor', 'default']);
    expect(list.body.items.map((r: { clientName: string | null }) => r.clientName)).toEqual(['Client B', null, null, null]);
    const audit = await e2e.dataSource.getRepository(AuditLogEntry).find({ where: { tenantId: 'acme' } });
    const actions = audit.map((e) => e.action);
    expect(actions.filter((a) => a === 'billing.rule_created')).toHaveLength(5);
    expect(actions.filter((a) => a === 'billing.rule_changed')).toHaveLength(2);
    expect(actions.filter((a) => a === 'billing.rule_deleted')).toHaveLength(1);
  });

  it('applies the most specific price and says where it came from', async () => {
    await e2e.http.put(`/pax8/subscriptions/${s.s4}/billing`).set(acme()).send({ overridePrice: '3.5' }).expect(200);
    const own = await e2e.http.put(`/pax8/subscriptions/${s.s9}/billing`).set(acme()).send({ markup: { type: 'fixed', value: '2.5' }, chargeType: 'Flat Rate' }).expect(200);
    expect(own.body).toMatchObject({ settings: { markup: { type: 'fixed', value: '2.5000' }, chargeType: 'Flat Rate' }, inherited: { source: 'default', markupLabel: '10%' } });
    const expected: Record<string, [string, string | null, string]> = {
      s1: ['vendor rule', '21.5050', '15%'],
      s2: ['product rule', '440.6400', '20%'],
      s3: ['default', '4.1250', '10%'],
      s4: ['override', '3.5000', 'Override'],
      s9: ['subscription', '122.5000', '+2.5'],
      b1: ['client rule', '6.3750', '25%'],
    };
    for (const [key, [source, unitPrice, label]] of Object.entries(expected)) {
      const view = (await sub(s[key])).subscription;
      expect({ key, source: view.priceSource, unitPrice: view.billPrice?.unitPrice, label: view.markupLabel }).toEqual({ key, source, unitPrice, label });
    }
    const s3 = (await sub(s.s3)).subscription;
    expect(s3).toMatchObject({ cost: '3.7500', retail: true, billPrice: { periodTotal: '20.63', monthlyTotal: '20.63' } });
    const s2 = (await sub(s.s2)).subscription;
    expect(s2).toMatchObject({ billPrice: { periodTotal: '1321.92', monthlyTotal: '110.16' }, termDescription: 'Annual commitment, billed annually', productKey: 'microsoft 365 e3' });
    const rules = await e2e.http.get('/pax8/pricing-rules').set(acme()).expect(200);
    const count = (scope: string) => rules.body.items.find((r: { scope: string }) => r.scope === scope).subscriptionCount;
    expect(count('client')).toBeGreaterThanOrEqual(1);
    expect(count('product')).toBeGreaterThanOrEqual(1);
  });

  it('links subscriptions to invoices of their mapped client only, flags another currency, unlinks', async () => {
    const link = (id: string, recurringInvoiceId: string) => e2e.http.put(`/pax8/subscriptions/${id}/invoice-link`).set(acme()).send({ recurringInvoiceId });
    expect((await link(s.s1, 'inv-b1').expect(400)).body.errors[0]).toMatchObject({ field: 'recurringInvoiceId', reason: expect.stringMatching(/another client/) });
    expect((await link(s.s1, 'inv-a-old').expect(400)).body.errors[0].reason).toMatch(/inactive/);
    expect((await link(s.s1, 'inv-none').expect(400)).body.errors[0].reason).toMatch(/no such/);
    await e2e.http.put(`/pax8/subscriptions/${s.s1}/invoice-link`).set(tech()).send({ recurringInvoiceId: 'inv-a1' }).expect(403);
    expect((await link(s.s1, 'inv-a-eur').expect(200)).body).toMatchObject({ currencyMismatch: true, warning: expect.stringMatching(/not converted/) });
    const candidates = await e2e.http.get(`/pax8/subscriptions/${s.s1}/invoices`).set(acme()).expect(200);
    expect(candidates.body.items.map((i: { id: string }) => i.id).sort()).toEqual(['inv-a-eur', 'inv-a-old', 'inv-a1']);
    for (const key of ['s1', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9']) expect((await link(s[key], 'inv-a1').expect(200)).body.currencyMismatch).toBe(key === 's8');
    await link(s.b1, 'inv-b1').expect(200);
    const unlinked = await e2e.http.delete(`/pax8/subscriptions/${s.b1}/invoice-link`).set(acme()).expect(200);
    expect(unlinked.body).toMatchObject({ unlinked: true, recurringInvoiceId: 'inv-b1' });
    expect((await sub(s.s1)).subscription.invoiceLink).toMatchObject({ recurringInvoiceId: 'inv-a1', invoiceName: 'A monthly', currencyMismatch: false });
  });

  it('lists subscriptions per company and across the tenant, paged and filtered', async () => {
    const list = (query: Record<string, string | number>) => e2e.http.get('/pax8/subscriptions').query(query).set(tech()).expect(200);
    const all = await list({ status: 'all', includeRemoved: 'true', limit: 200 });
    const active = await list({ limit: 200 });
    expect(active.body.items.every((i: { status: string; removed: boolean }) => i.status === 'Active' && !i.removed)).toBe(true);
    expect(active.body.total).toBeLessThan(all.body.total);
    const linked = await list({ linked: 'true', limit: 200 });
    expect(linked.body.items.map((i: { id: string }) => i.id).sort()).toEqual([s.s1, s.s2, s.s3, s.s4, s.s7, s.s8, s.s9].sort());
    const unlinked = await list({ linked: 'false', clientId: 'c-a', limit: 200 });
    expect(unlinked.body.items.every((i: { clientId: string; invoiceLink: unknown }) => i.clientId === 'c-a' && i.invoiceLink === null)).toBe(true);
    const keeper = await list({ vendor: 'keeper security', status: 'all' });
    expect(keeper.body.items.map((i: { id: string }) => i.id)).toEqual(expect.arrayContaining([s.s3, s.s5]));
    expect(keeper.body.items.every((i: { vendorName: string }) => i.vendorName === 'Keeper Security')).toBe(true);
    const page = await list({ limit: 2, offset: 1, status: 'all', includeRemoved: 'true' });
    expect(page.body.items.map((i: { id: string }) => i.id)).toEqual(all.body.items.slice(1, 3).map((i: { id: string }) => i.id));
    const company = await e2e.http.get(`/pax8/companies/${companyA}/subscriptions`).query({ status: 'all', includeRemoved: 'true', limit: 200 }).set(tech()).expect(200);
    expect(company.body.items.every((i: { pax8CompanyId: string }) => i.pax8CompanyId === companyA)).toBe(true);
    const unset = company.body.items.find((i: { id: string }) => i.id === s.s3);
    expect(unset).toMatchObject({ sku: expect.anything(), cost: '3.7500', retail: true, markupLabel: '10%', priceSource: 'default', billingTerm: 'Monthly', invoiceLink: { recurringInvoiceId: 'inv-a1' } });
    await e2e.http.get('/pax8/subscriptions').query({ limit: 500 }).set(tech()).expect(400);
    expect((await e2e.http.get('/pax8/subscriptions').set(e2e.as('globex')).expect(200)).body.total).toBe(0);
    await e2e.http.get('/pax8/subscriptions').set(e2e.as('acme', 'Guest')).expect(403);
  });

  it('produces line items: one per billing subscription, with warnings, deterministic and as of a date', async () => {
    const get = (query: Record<string, string> = {}) => e2e.http.get('/pax8/recurring-invoices/inv-a1/line-items').query(query).set(tech());
    const res = await get({ asOf: '2026-03-01' }).expect(200);
    const byId = Object.fromEntries(res.body.lines.map((l: { pax8SubscriptionId: string }) => [l.pax8SubscriptionId, l]));
    expect(Object.keys(byId).sort()).toEqual([s.s1, s.s2, s.s3, s.s4, s.s8, s.s9].sort());
    expect(byId[s.s1]).toMatchObject({
      description: 'Microsoft 365 Business Premium — Annual commitment, billed monthly',
      quantity: 10, unitPrice: '21.5050', lineTotal: '215.05', monthlyTotal: '215.05', unitCost: '18.7000', costTotal: '187.00', margin: '28.05',
      priceSource: 'vendor rule', retail: false, currencyMismatch: false, subscriptionId: expect.any(String), invoiceLinkId: expect.any(String),
    });
    expect(byId[s.s2]).toMatchObject({ lineTotal: '1321.92', monthlyTotal: '110.16', costTotal: '1101.60', margin: '220.32', priceSource: 'product rule' });
    expect(byId[s.s3]).toMatchObject({ lineTotal: '20.63', costTotal: '18.75', margin: '1.88', retail: true, priceSource: 'default' });
    expect(byId[s.s4]).toMatchObject({ lineTotal: '7.00', costTotal: '8.00', margin: '-1.00', priceSource: 'override' });
    expect(byId[s.s9]).toMatchObject({ chargeType: 'Flat Rate', quantity: 40, lineTotal: '122.50', costTotal: '120.00', margin: '2.50', priceSource: 'subscription' });
    expect(byId[s.s8]).toMatchObject({ currencyCode: 'EUR', currencyMismatch: true });
    const codes = res.body.warnings.map((w: { pax8SubscriptionId: string; code: string; excluded: boolean }) => `${w.pax8SubscriptionId}:${w.code}:${w.excluded}`).sort();
    expect(codes).toEqual([
      `${s.s3}:retailCost:false`, `${s.s4}:negativeMargin:false`, `${s.s5}:cancelled:true`, `${s.s6}:removed:true`, `${s.s7}:zeroQuantity:true`, `${s.s8}:currencyMismatch:false`,
    ].sort());
    expect(res.body.totals).toEqual({ lineTotal: '1687.10', costTotal: '1435.35', margin: '251.75', lineCount: 5, excludedForCurrency: 1 });
    // Same input, same lines (order included).
    expect((await get({ asOf: '2026-03-01' }).expect(200)).body).toEqual(res.body);
    // Before the subscriptions started: no lines, each listed (cancelled and removed ones say so first).
    const early = await get({ asOf: '2025-12-31' }).expect(200);
    expect(early.body.lines).toEqual([]);
    expect(early.body.warnings.filter((w: { code: string }) => w.code === 'notStarted').map((w: { pax8SubscriptionId: string }) => w.pax8SubscriptionId).sort()).toEqual([s.s1, s.s2, s.s3, s.s4, s.s7, s.s8, s.s9].sort());
    expect((await get({ asOf: '2026-02-30' }).expect(400)).body.errors[0].field).toBe('asOf');
    await e2e.http.get('/pax8/recurring-invoices/inv-a1/line-items').set(e2e.as('globex')).expect(404);
    await e2e.http.get('/pax8/recurring-invoices/no-such/line-items').set(tech()).expect(404);
  });

  it('exports the line-items service for the host, with the same answer', async () => {
    const { LineItemsService } = await import('../../server/billing/line-items.service');
    const viaService = await e2e.app.get(LineItemsService).lineItemsForInvoice('acme', 'inv-a1', { asOf: '2026-03-01' });
    const viaRoute = await e2e.http.get('/pax8/recurring-invoices/inv-a1/line-items').query({ asOf: '2026-03-01' }).set(tech()).expect(200);
    expect(JSON.parse(JSON.stringify(viaService))).toEqual(viaRoute.body);
  });

  it('never writes billing tables from the mapping code: unmapping detaches links through billing and keeps settings', async () => {
    const res = await e2e.http.delete(`/pax8/companies/${companyA}/mapping`).set(acme()).expect(200);
    expect(res.body).toMatchObject({ detachedInvoiceLinks: 9, billingSettingsKept: true });
    expect((await sub(s.s4)).settings).toMatchObject({ overridePrice: '3.5000' });
    const lines = await e2e.http.get('/pax8/recurring-invoices/inv-a1/line-items').set(tech()).expect(200);
    expect(lines.body.lines).toEqual([]);
  });

  it("reads Pax8's live price list for a subscription: Flat Rate charges, ranges, and products without one", async () => {
    const products = [...e2e.sandbox.store(ACME.clientId).products.values()] as unknown as Array<{ id: string; name: string }>;
    const idOf = (name: string) => products.find((p) => p.name === name)!.id;
    await setSub(s.s7, { productId: idOf('Egnyte Business'), billingTerm: 'Monthly', commitmentTerm: null, quantity: 12 });
    await setSub(s.s6, { productId: idOf('Acronis Cyber Protect Cloud - Arrears Charge') });
    await setSub(s.s5, { productId: idOf('Acronis Cyber Protect Cloud - Standard'), billingTerm: 'Monthly', commitmentTerm: null, quantity: 12 });
    const flat = await e2e.http.get(`/pax8/subscriptions/${s.s7}/pax8-pricing`).set(tech()).expect(200);
    expect(flat.body).toMatchObject({ available: true, chargeType: 'Flat Rate', matched: { entry: { billingTerm: 'Monthly' } } });
    const volume = await e2e.http.get(`/pax8/subscriptions/${s.s5}/pax8-pricing`).set(tech()).expect(200);
    expect(volume.body).toMatchObject({ available: true, chargeType: 'Per Unit', matched: { entry: { type: 'Volume' }, rate: { startQuantityRange: 11, endQuantityRange: 50 } } });
    const none = await e2e.http.get(`/pax8/subscriptions/${s.s6}/pax8-pricing`).set(tech()).expect(200);
    expect(none.body).toMatchObject({ available: false, reason: expect.stringMatching(/no price list/) });
    await e2e.http.get('/pax8/subscriptions/nope/pax8-pricing').set(tech()).expect(404);
  });
});
