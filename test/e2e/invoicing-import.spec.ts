import axios from 'axios';
import { Pax8InvoiceItem } from '../../server/invoicing/entities/pax8-invoice-item.entity';
import { Pax8Invoice } from '../../server/invoicing/entities/pax8-invoice.entity';
import { SubscriptionVersion } from '../../server/invoicing/entities/subscription-version.entity';
import { UsageTotal } from '../../server/invoicing/entities/usage-total.entity';
import { InvoiceImportService } from '../../server/invoicing/import/invoice-import.service';
import { TenantPax8ClientService } from '../../server/connection/tenant-pax8-client.service';
import { testDatabases } from '../helpers/databases';
import { ACME, E2eApp, GLOBEX, startE2eApp, waitForRun } from '../helpers/e2e-app';

type Row = Record<string, any>;

describe.each(testDatabases())('invoice import and subscription history on $name', (db) => {
  let e2e: E2eApp;
  const acme = () => e2e.as('acme');
  const subs = () => [...e2e.sandbox.store(ACME.clientId).subscriptions.values()] as Row[];
  const syncNow = async () => {
    const res = await e2e.http.post('/pax8/sync').set(acme()).expect(202);
    const run = await waitForRun(e2e, 'acme', res.body.id);
    expect(run.status).toBe('succeeded');
    return run;
  };
  const versions = (pax8SubscriptionId: string) => e2e.dataSource.getRepository(SubscriptionVersion).find({ where: { tenantId: 'acme', pax8SubscriptionId }, order: { validFrom: 'ASC' } });

  beforeAll(async () => {
    e2e = await startE2eApp({ db, sandbox: { partners: [{ ...ACME, seed: 41, size: { companies: 6, subscriptions: 60 } }, { ...GLOBEX, seed: 12, size: 'demo' }] } });
    await e2e.http.put('/pax8/connection').set(acme()).send(ACME).expect(200);
  });
  afterAll(() => e2e?.close());

  it('imports every approved invoice with its items after a sync, once, and keeps the sync\'s call count', async () => {
    e2e.sandbox.resetStats();
    const run = await syncNow();
    const stats = e2e.sandbox.stats();
    const invoices = await e2e.dataSource.getRepository(Pax8Invoice).find({ where: { tenantId: 'acme' } });
    expect(invoices.length).toBeGreaterThanOrEqual(3);
    expect(invoices.every((i) => i.itemsImportedAt !== null && i.itemCount > 0)).toBe(true);
    expect(run.counts.invoices).toMatchObject({ newInvoices: invoices.length, items: await e2e.dataSource.getRepository(Pax8InvoiceItem).count({ where: { tenantId: 'acme' } }) });
    // The run's apiCalls are the sync's own; the import's are counted apart.
    expect(run.counts.apiCalls).toBe(stats.byRoute['GET /v1/companies'] + stats.byRoute['GET /v1/subscriptions'] + (stats.byRoute['GET /v1/products/:id'] ?? 0));
    expect(run.counts.invoices.apiCalls).toBeGreaterThan(0);
    e2e.sandbox.resetStats();
    const again = await syncNow();
    expect(again.counts.invoices).toMatchObject({ newInvoices: 0, items: 0 });
    expect(e2e.sandbox.stats().byRoute['GET /v1/invoices/:id/items'] ?? 0).toBe(0);
  });

  it('records a version per subscription on the first sync, and a new one only when a billing field changes', async () => {
    const sub = { ...subs().find((s) => s.status === 'Active' && s.price > 0)! }; // a copy: the store changes below
    const first = await versions(sub.id);
    expect(first[first.length - 1]).toMatchObject({ quantity: sub.quantity, validTo: null, source: 'sync' });
    const count = await e2e.dataSource.getRepository(SubscriptionVersion).count({ where: { tenantId: 'acme' } });
    await syncNow(); // nothing changed in Pax8
    expect(await e2e.dataSource.getRepository(SubscriptionVersion).count({ where: { tenantId: 'acme' } })).toBe(count);

    const token = (await axios.post(e2e.sandbox.tokenUrl, { client_id: ACME.clientId, client_secret: ACME.clientSecret, audience: 'https://api.pax8.com', grant_type: 'client_credentials' })).data.access_token;
    await axios.put(`${e2e.sandbox.apiBaseUrl}/subscriptions/${sub.id}`, { quantity: sub.quantity + 7 }, { headers: { Authorization: `Bearer ${token}` } });
    await syncNow();
    const after = await versions(sub.id);
    expect(after).toHaveLength(first.length + 1);
    const [old, current] = after.slice(-2);
    expect(old.validTo).not.toBeNull();
    expect(current).toMatchObject({ quantity: sub.quantity + 7, validTo: null });
    expect(current.validFrom.getTime()).toBe(old.validTo!.getTime());
    const route = (await e2e.http.get(`/pax8/invoicing/subscriptions/${sub.id}/history`).set(acme()).expect(200)).body;
    expect(route.versions.map((v: Row) => v.quantity).slice(-2)).toEqual([sub.quantity, sub.quantity + 7]);
    await e2e.http.get('/pax8/invoicing/subscriptions/nope/history').set(acme()).expect(404);
  });

  it('fills gaps before the first sync from Pax8\'s history, only for billed months and within the budget', async () => {
    // Every subscription billed in an imported month that the sync first saw later has its earlier versions.
    const items = await e2e.dataSource.getRepository(Pax8InvoiceItem).find({ where: { tenantId: 'acme', type: 'subscription' } });
    const billed = items.filter((i) => i.pax8SubscriptionId && i.term !== 'Arrears');
    expect(billed.length).toBeGreaterThan(0);
    const fromHistory = await e2e.dataSource.getRepository(SubscriptionVersion).count({ where: { tenantId: 'acme', source: 'pax8-history' } });
    expect(fromHistory).toBeGreaterThan(0);
    for (const it of billed.slice(0, 20)) {
      const v = await versions(it.pax8SubscriptionId!);
      expect(v[0].validFrom.toISOString().slice(0, 7) <= it.servicePeriod).toBe(true);
    }
  });

  it('reads usage when due and replaces the month\'s earlier totals', async () => {
    const importer = e2e.app.get(InvoiceImportService);
    const client = await e2e.app.get(TenantPax8ClientService).forTenant('acme');
    const repo = e2e.dataSource.getRepository(UsageTotal);
    await importer.importAll('acme', client, new Date(), { usage: true });
    const count = await repo.count({ where: { tenantId: 'acme' } });
    expect(count).toBeGreaterThan(0);
    const report = await importer.importAll('acme', client, new Date(), { usage: true });
    expect(report.usageSummaries).toBe(count);
    expect(await repo.count({ where: { tenantId: 'acme' } })).toBe(count); // replaced, not added
    expect((await importer.importAll('acme', client)).usageSummaries).toBe(0); // read less than 20 h ago: not due
  });
});
