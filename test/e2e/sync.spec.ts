import { IsNull } from 'typeorm';
import { Pax8Integration } from '../../server/connection/pax8-integration.entity';
import { InvoiceLink } from '../../server/billing/invoice-link.entity';
import { SubscriptionBilling } from '../../server/billing/subscription-billing.entity';
import { CompanyMapping } from '../../server/mapping/company-mapping.entity';
import { Pax8Company } from '../../server/sync/entities/pax8-company.entity';
import { Pax8Subscription } from '../../server/sync/entities/pax8-subscription.entity';
import { Pax8Product } from '../../server/sync/entities/pax8-product.entity';
import * as batchUpsert from '../../server/sync/records/batch-upsert';
import { SyncLeaseService } from '../../server/sync/sync-lease.service';
import { SyncRun } from '../../server/sync/entities/sync-run.entity';
import { SyncScheduler } from '../../server/sync/sync-scheduler.service';
import { testDatabases } from '../helpers/databases';
import { ACME, E2eApp, GLOBEX, startE2eApp, waitForRun } from '../helpers/e2e-app';

type Wire = Record<string, unknown>;

describe.each(testDatabases())('sync engine on $name', (db) => {
  let e2e: E2eApp;
  const acme = () => e2e.as('acme');
  const subs = () => e2e.sandbox.store(ACME.clientId).subscriptions;
  const companies = () => e2e.sandbox.store(ACME.clientId).companies;

  const syncNow = async (tenant = 'acme') => {
    const res = await e2e.http.post('/pax8/sync').set(e2e.as(tenant)).expect(202);
    return waitForRun(e2e, tenant, res.body.id);
  };
  const subRow = (pax8Id: string) => e2e.dataSource.getRepository(Pax8Subscription).findOneOrFail({ where: { tenantId: 'acme', pax8Id } });

  beforeAll(async () => {
    e2e = await startE2eApp({ db, sandbox: { partners: [{ ...ACME, seed: 21, size: { companies: 30, subscriptions: 450 } }, { ...GLOBEX, seed: 22, size: 'demo' }] } });
    await e2e.http.put('/pax8/connection').set(acme()).send(ACME).expect(200);
    await e2e.http.put('/pax8/connection').set(e2e.as('globex')).send(GLOBEX).expect(200);
  });
  afterAll(async () => {
    e2e.sandbox.setFaults(undefined);
    await e2e.close();
  });

  it('pulls every company and subscription with product names, in as few calls as the API allows', async () => {
    e2e.sandbox.resetStats();
    const vanishedChecks = jest.spyOn(batchUpsert, 'findVanished');
    const run = await syncNow();
    expect(run.status).toBe('succeeded');
    // A first pull stored everything it saw: nothing can have vanished, so nothing is read back to look.
    expect(vanishedChecks).not.toHaveBeenCalled();
    vanishedChecks.mockRestore();
    expect(run.counts.companies).toEqual({ created: companies().size, updated: 0, unchanged: 0, removed: expect.any(Number) });
    expect(run.counts.subscriptions.created).toBe(subs().size);
    expect(await e2e.dataSource.getRepository(Pax8Subscription).count({ where: { tenantId: 'acme' } })).toBe(subs().size);

    const distinctProducts = new Set([...subs().values()].map((s) => s.productId as string));
    const stats = e2e.sandbox.stats();
    expect(stats.byRoute['GET /v1/companies']).toBe(Math.ceil(companies().size / 200));
    expect(stats.byRoute['GET /v1/subscriptions']).toBe(Math.ceil(subs().size / 200));
    expect(stats.byRoute['GET /v1/products/:id']).toBe(distinctProducts.size);
    // The token fetched when the credentials were tested on connect is still fresh: no new one.
    expect(stats.byRoute['POST /v1/token'] ?? 0).toBe(0);
    expect(run.counts.productsFetched).toBe(distinctProducts.size);
    expect(run.counts.apiCalls).toBe(stats.byRoute['GET /v1/companies'] + stats.byRoute['GET /v1/subscriptions'] + distinctProducts.size);

    const one = [...subs().values()][0] as Wire;
    const product = e2e.sandbox.store(ACME.clientId).products.get(one.productId as string) as Wire;
    const row = await subRow(one.id as string);
    expect(row.productName).toBe(product.name);
    expect(row.vendorName).toBe(product.vendorName);
    expect(await e2e.dataSource.getRepository(Pax8Product).count({ where: { tenantId: 'acme' } })).toBe(distinctProducts.size);
  });

  it('refreshes the planner statistics of the synced tables after a sync that wrote many rows, and not after one that wrote none', async () => {
    // The cold sync above wrote 480 rows (more than ANALYZE_AFTER_ROWS).
    const cold = await e2e.dataSource.getRepository(SyncRun).find({ where: { tenantId: 'acme' }, order: { startedAt: 'ASC' }, take: 1 });
    expect(cold[0].counts!.analyzed).toEqual(['pax8_companies', 'pax8_subscriptions']);
    if (db.name === 'postgres') {
      const [row] = await e2e.dataSource.query(`SELECT last_analyze FROM pg_stat_user_tables WHERE relname = 'pax8_subscriptions'`);
      expect(row.last_analyze).not.toBeNull();
      // Statistics for the columns statements filter on; none for those only compared in code or shown.
      const stats = await e2e.dataSource.query(`SELECT attname FROM pg_stats WHERE tablename = 'pax8_subscriptions'`);
      const columns = stats.map((r: { attname: string }) => r.attname);
      expect(columns).toEqual(expect.arrayContaining(['tenantId', 'pax8Id', 'pax8CompanyId', 'removedAt', 'productName', 'vendorName', 'sku', 'status', 'productId']));
      for (const unfiltered of ['contentHash', 'oddValues', 'provisioningDetails', 'quantity', 'price', 'endDate']) expect(columns).not.toContain(unfiltered);
    } else if (db.name === 'sqlite') {
      const [row] = await e2e.dataSource.query(`SELECT count(*) AS n FROM sqlite_stat1 WHERE tbl = 'pax8_subscriptions'`);
      expect(Number(row.n)).toBeGreaterThan(0);
    }
    const again = await syncNow();
    expect(again.counts.analyzed).toBeUndefined();
  });

  it('re-syncs with no change in Pax8 without writing a row, and without refetching products', async () => {
    const stamp = async () => (await e2e.dataSource.getRepository(Pax8Subscription).find({ where: { tenantId: 'acme' }, select: { pax8Id: true, updatedAt: true } })).map((r) => `${r.pax8Id}@${new Date(r.updatedAt).getTime()}`).sort();
    const before = await stamp();
    e2e.sandbox.resetStats();
    const vanishedChecks = jest.spyOn(batchUpsert, 'findVanished');
    const run = await syncNow();
    // Later pulls look for vanished companies and subscriptions.
    expect(vanishedChecks).toHaveBeenCalledTimes(2);
    vanishedChecks.mockRestore();
    expect(run.counts.subscriptions).toEqual({ created: 0, updated: 0, unchanged: subs().size, removed: 0 });
    expect(run.counts.companies.created + run.counts.companies.updated).toBe(0);
    expect(e2e.sandbox.stats().byRoute['GET /v1/products/:id'] ?? 0).toBe(0);
    expect(await stamp()).toEqual(before);
  });

  it('counts updates, and keeps vanished and cancelled rows with their settings; a returning one is linked again', async () => {
    const [a, b, c] = [...subs().values()].filter((s) => s.status === 'Active') as Wire[];
    const billing = e2e.dataSource.getRepository(SubscriptionBilling);
    await billing.insert({ id: '10000000-0000-4000-8000-000000000001', tenantId: 'acme', pax8SubscriptionId: b.id as string, enabled: true, markupType: 'percent', markupValue: '20.0000', overridePrice: null, chargeType: null, lineDescription: null, updatedBy: 'u' });
    await e2e.dataSource.getRepository(InvoiceLink).insert({ id: '10000000-0000-4000-8000-000000000003', tenantId: 'acme', pax8SubscriptionId: b.id as string, recurringInvoiceId: 'inv-1', clientId: 'acme-client-1', invoiceName: 'Monthly', invoiceCurrencyCode: 'USD', linkedBy: 'u' });
    await e2e.dataSource.getRepository(CompanyMapping).insert({ id: '10000000-0000-4000-8000-000000000002', tenantId: 'acme', pax8CompanyId: b.companyId as string, clientId: 'acme-client-1', source: 'manual', rule: null, mappedBy: 'u' });

    subs().set(a.id as string, { ...a, quantity: (a.quantity as number) + 3 });
    subs().delete(b.id as string);
    subs().set(c.id as string, { ...c, status: 'Cancelled' });
    const run = await syncNow();
    expect(run.counts.subscriptions).toMatchObject({ created: 0, updated: 1, removed: 2 });
    expect((await subRow(a.id as string)).quantity).toBe((a.quantity as number) + 3);
    expect((await subRow(b.id as string)).removedAt).not.toBeNull();
    expect((await subRow(c.id as string)).removedAt).not.toBeNull();
    expect((await subRow(c.id as string)).status).toBe('Cancelled');
    expect(await billing.findOneOrFail({ where: { tenantId: 'acme', pax8SubscriptionId: b.id as string } })).toMatchObject({ markupValue: '20.0000' });
    expect(await e2e.dataSource.getRepository(InvoiceLink).findOneOrFail({ where: { tenantId: 'acme', pax8SubscriptionId: b.id as string } })).toMatchObject({ recurringInvoiceId: 'inv-1' });

    subs().set(b.id as string, b);
    const back = await syncNow();
    expect(back.counts.subscriptions).toMatchObject({ created: 0, updated: 1, removed: 0 });
    expect((await subRow(b.id as string)).removedAt).toBeNull();
    expect(await billing.count({ where: { tenantId: 'acme', pax8SubscriptionId: b.id as string } })).toBe(1);
    expect(await e2e.dataSource.getRepository(CompanyMapping).count({ where: { tenantId: 'acme' } })).toBe(1);
  });

  it('marks a vanished company removed and keeps its mapping', async () => {
    const company = [...companies().values()].find((c) => c.id !== undefined) as Wire;
    companies().delete(company.id as string);
    try {
      const run = await syncNow();
      expect(run.counts.companies.removed).toBeGreaterThanOrEqual(1);
      const row = await e2e.dataSource.getRepository(Pax8Company).findOneOrFail({ where: { tenantId: 'acme', pax8Id: company.id as string } });
      expect(row.removedAt).not.toBeNull();
    } finally {
      companies().set(company.id as string, company);
    }
    await syncNow();
  });

  it('refreshes one company with only that company\'s subscription calls', async () => {
    const company = [...companies().values()].find((c) => [...subs().values()].some((s) => s.companyId === c.id)) as Wire;
    e2e.sandbox.resetStats();
    const res = await e2e.http.post(`/pax8/sync/companies/${company.id}`).set(acme()).expect(202);
    const run = await waitForRun(e2e, 'acme', res.body.id);
    expect(run).toMatchObject({ status: 'succeeded', kind: 'company' });
    const own = [...subs().values()].filter((s) => s.companyId === company.id).length;
    expect(run.counts.subscriptions.unchanged).toBe(own);
    expect(e2e.sandbox.stats().byRoute['GET /v1/subscriptions']).toBe(Math.max(1, Math.ceil(own / 200)));
    expect(e2e.sandbox.stats().byRoute['GET /v1/companies'] ?? 0).toBe(0);
    await e2e.http.post('/pax8/sync/companies/not-a-company').set(acme()).expect(404);
  });

  it.each([
    ['a 429 burst', { rateLimitBurst: { count: 3, retryAfterSeconds: 1 } }],
    ['5xx answers', { seed: 7, errorRate: { 'GET /v1/subscriptions': { rate: 0.3 } } }],
    ['connection resets', { connectionReset: { count: 2, route: 'GET /v1/subscriptions' } }],
    ['a malformed page', { malformedBody: { count: 1, route: 'GET /v1/subscriptions' } }],
  ])('heals %s by retrying', async (_name, faults) => {
    e2e.sandbox.setFaults(faults);
    try {
      const run = await syncNow();
      expect(run.status).toBe('succeeded');
      expect(run.counts.subscriptions.removed).toBe(0);
    } finally {
      e2e.sandbox.setFaults(undefined);
    }
  });

  it('refetches a short page, and fails loudly without marking anything removed when it stays short', async () => {
    e2e.sandbox.setFaults({ shortPage: { count: 1, route: 'GET /v1/subscriptions' } });
    try {
      const healed = await syncNow();
      expect(healed.status).toBe('succeeded');
      expect(healed.counts.subscriptions.removed).toBe(0);
    } finally {
      e2e.sandbox.setFaults(undefined);
    }
    const live = () => e2e.dataSource.getRepository(Pax8Subscription).count({ where: { tenantId: 'acme', removedAt: IsNull() } });
    const before = await live();
    e2e.sandbox.setFaults({ shortPage: { count: 100, route: 'GET /v1/subscriptions', drop: 5 } });
    try {
      const run = await syncNow();
      expect(run.status).toBe('failed');
      expect(run.error).toMatch(/incomplete list of subscriptions/);
      expect(run.counts.subscriptions.removed).toBe(0);
      expect(await live()).toBe(before);
      const status = await e2e.http.get('/pax8/connection').set(acme()).expect(200);
      expect(status.body.lastError.message).toMatch(/incomplete/);
    } finally {
      e2e.sandbox.setFaults(undefined);
    }
    expect((await syncNow()).status).toBe('succeeded');
  });

  it('stops at once with "re-enter credentials" when Pax8 revokes them mid-run, losing nothing', async () => {
    const before = await e2e.dataSource.getRepository(Pax8Subscription).count({ where: { tenantId: 'acme', removedAt: IsNull() } });
    e2e.sandbox.setFaults({ revokeAfterRequests: { clientId: ACME.clientId, requests: 2 } });
    try {
      const run = await syncNow();
      expect(run.status).toBe('failed');
      expect(run.error).toMatch(/Re-enter the Client ID and Client Secret/);
      const status = await e2e.http.get('/pax8/connection').set(acme()).expect(200);
      expect(status.body.needsCredentials).toBe(true);
      expect(status.body.nextSyncAt).toBeNull();
      expect(await e2e.dataSource.getRepository(Pax8Subscription).count({ where: { tenantId: 'acme', removedAt: IsNull() } })).toBe(before);
      // Rejected credentials are not scheduled.
      expect(await e2e.app.get(SyncScheduler).dueTenants(new Date(Date.now() + 365 * 86_400_000))).not.toContain('acme');
    } finally {
      e2e.sandbox.setFaults(undefined);
      e2e.sandbox.restoreClient(ACME.clientId);
    }
    await e2e.http.put('/pax8/connection').set(acme()).send(ACME).expect(200);
  });

  it('never runs two syncs of one tenant at once: the second caller gets 409 naming the run', async () => {
    e2e.sandbox.setFaults({ latencyMs: 30 });
    try {
      const first = await e2e.http.post('/pax8/sync').set(acme()).expect(202);
      const second = await e2e.http.post('/pax8/sync').set(acme()).expect(409);
      expect(second.body.runId).toBe(first.body.id);
      expect(second.body.message).toContain(first.body.id);
      // Progress is visible while it runs.
      let seen: { phase: string; pagesDone: number; pagesTotal: number } | undefined;
      for (let i = 0; i < 200 && !seen?.pagesTotal; i++) {
        seen = (await e2e.http.get(`/pax8/sync/runs/${first.body.id}`).set(acme())).body.progress;
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(seen!.pagesTotal).toBeGreaterThan(0);
      // A disconnect would race the sync's writes: it waits its turn too.
      const disconnect = await e2e.http.delete('/pax8/connection').set(acme()).send({ confirm: 'DISCONNECT' }).expect(409);
      expect(disconnect.body.runId).toBe(first.body.id);
      const done = await waitForRun(e2e, 'acme', first.body.id);
      expect(done.status).toBe('succeeded');
    } finally {
      e2e.sandbox.setFaults(undefined);
    }
  });

  it('marks a run whose process died as interrupted once the next run takes the lease', async () => {
    const runs = e2e.dataSource.getRepository(SyncRun);
    await runs.insert({ id: '40000000-0000-4000-8000-000000000001', tenantId: 'acme', kind: 'full', trigger: 'schedule', status: 'running', pax8CompanyId: null, startedBy: null, startedAt: new Date(Date.now() - 3_600_000), finishedAt: null, phase: 'subscriptions', pagesDone: 1, pagesTotal: 3, counts: null, error: null });
    await syncNow();
    const stale = await runs.findOneOrFail({ where: { id: '40000000-0000-4000-8000-000000000001' } });
    expect(stale.status).toBe('failed');
    expect(stale.error).toMatch(/Interrupted/);
  });

  it('takes the lease across processes only when it is free or expired', async () => {
    const leases = e2e.app.get(SyncLeaseService);
    expect(await leases.acquire('lease-tenant', 'run-a', 60_000, 'process-a')).toBe(true);
    expect(await leases.acquire('lease-tenant', 'run-b', 60_000, 'process-b')).toBe(false);
    expect(await leases.renew('lease-tenant', 'run-a', 60_000, 'process-a')).toBe(true);
    expect(await leases.renew('lease-tenant', 'run-b', 60_000, 'process-b')).toBe(false);
    // A crashed holder stops renewing: once expired, another process takes over.
    expect(await leases.acquire('lease-tenant', 'run-x', -1000, 'process-x')).toBe(false);
    await leases.release('lease-tenant', 'run-a', 'process-a');
    expect(await leases.acquire('lease-tenant', 'run-c', -1000, 'process-c')).toBe(true);
    expect(await leases.acquire('lease-tenant', 'run-d', 60_000, 'process-d')).toBe(true);
  });

  it('schedules only active, licensed tenants whose credentials are not rejected, staggering first runs', async () => {
    const scheduler = e2e.app.get(SyncScheduler);
    const integrations = e2e.dataSource.getRepository(Pax8Integration);
    const past = new Date(Date.now() - 60_000);
    await integrations.update({ tenantId: 'acme' }, { nextSyncAt: past });
    await integrations.update({ tenantId: 'globex' }, { nextSyncAt: past, status: 'configured' });
    await integrations.insert({ id: '20000000-0000-4000-8000-000000000001', tenantId: 'initech', status: 'active', encryptedCredentials: 'v1:k1:x:y:z', credentialState: 'valid', autoMapEnabled: false, nextSyncAt: past });
    await integrations.insert({ id: '20000000-0000-4000-8000-000000000002', tenantId: 'newcomer', status: 'active', encryptedCredentials: 'v1:k1:x:y:z', credentialState: 'unknown', autoMapEnabled: false, nextSyncAt: null });
    const due = await scheduler.dueTenants(new Date());
    expect(due).toEqual(['acme']); // globex inactive, initech not licensed, newcomer gets a slot first
    const newcomer = await integrations.findOneOrFail({ where: { tenantId: 'newcomer' } });
    expect(newcomer.nextSyncAt).not.toBeNull();
    expect(new Date(newcomer.nextSyncAt!).getTime()).toBeGreaterThan(Date.now() - 1000);
    e2e.store.licensed.set('acme', false);
    expect(await scheduler.dueTenants(new Date())).toEqual([]);
    e2e.store.licensed.set('acme', true);
    await integrations.delete({ tenantId: 'initech' });
    await integrations.delete({ tenantId: 'newcomer' });

    const started = await scheduler.tick(new Date());
    expect(started).toEqual(['acme']);
    const row = await integrations.findOneOrFail({ where: { tenantId: 'acme' } });
    expect(row.lastSyncStatus).toBe('succeeded');
    expect(new Date(row.nextSyncAt!).getTime()).toBeGreaterThan(Date.now());
  });
});
