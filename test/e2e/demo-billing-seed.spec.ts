import Decimal from 'decimal.js';
import { testDatabases } from '../helpers/databases';
import { ACME, E2eApp, startE2eApp, waitForRun } from '../helpers/e2e-app';

/** The demo's "Seed billing examples": rules of each scope, an override, an own markup and invoice links, once. */
describe.each(testDatabases())('demo billing seed on $name', (db) => {
  let e2e: E2eApp;
  beforeAll(async () => {
    e2e = await startE2eApp({ db });
  });
  afterAll(() => e2e.close());

  it('asks for a sync and a mapping first, then seeds once', async () => {
    const acme = e2e.as('acme');
    expect((await e2e.http.post('/demo/tenants/acme/billing-seed').expect(201)).body).toMatchObject({ seeded: false, reason: expect.stringMatching(/map/) });
    await e2e.http.put('/pax8/connection').set(acme).send({ ...ACME, autoMapEnabled: true }).expect(200);
    const run = await e2e.http.post('/pax8/sync').set(acme).expect(202);
    expect((await waitForRun(e2e, 'acme', run.body.id)).status).toBe('succeeded');
    const seeded = await e2e.http.post('/demo/tenants/acme/billing-seed').expect(201);
    expect(seeded.body).toMatchObject({ seeded: true, rules: 4, overrides: 1, ownMarkups: 1 });
    expect(seeded.body.linked).toBeGreaterThan(0);
    // Last month's lines of each linked invoice were committed, so the reconciliation has host lines to compare.
    const { period, invoices } = seeded.body.committed;
    expect(invoices).toBeGreaterThan(0);
    const report = (await e2e.http.get('/pax8/reconciliation').query({ period }).set(acme).expect(200)).body;
    expect(new Decimal(report.totals.hostRevenue).gt(0)).toBe(true);
    const sources = new Set((await e2e.http.get('/pax8/subscriptions').query({ limit: 200 }).set(acme).expect(200)).body.items.map((i: { priceSource: string }) => i.priceSource));
    for (const source of ['override', 'subscription', 'client rule', 'vendor rule']) expect(sources).toContain(source);
    const invoice = (await e2e.http.get('/pax8/subscriptions').query({ linked: 'true', limit: 1 }).set(acme).expect(200)).body.items[0].invoiceLink.recurringInvoiceId;
    expect((await e2e.http.get(`/pax8/recurring-invoices/${invoice}/line-items`).set(acme).expect(200)).body.lines.length).toBeGreaterThan(0);
    expect((await e2e.http.post('/demo/tenants/acme/billing-seed').expect(201)).body.seeded).toBe(false);
  });
});
