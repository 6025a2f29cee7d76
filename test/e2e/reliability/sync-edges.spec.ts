import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Repository } from 'typeorm';
import { Pax8Integration } from '../../../server/connection/pax8-integration.entity';
import { SyncRun } from '../../../server/sync/entities/sync-run.entity';
import { Pax8Company } from '../../../server/sync/entities/pax8-company.entity';
import { Pax8Subscription } from '../../../server/sync/entities/pax8-subscription.entity';
import { writeQueueFor } from '../../../server/sync/sync.service';
import { startSandbox, SandboxHandle } from '../../../server/sandbox';
import { testDatabases } from '../../helpers/databases';
import { ACME, E2eApp, GLOBEX, startE2eApp, waitForRun } from '../../helpers/e2e-app';

type Wire = Record<string, unknown>;

/**
 * A pass-through proxy in front of the sandbox that runs `onRequest` before forwarding a request, so a
 * test can change Pax8's data between two pages of one sync (as live data does).
 */
async function shiftingProxy(target: string, onRequest: (method: string, url: URL) => void): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    onRequest(req.method!, new URL(req.url!, 'http://proxy'));
    const up = http.request(`${target}${req.url}`, { method: req.method, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode!, r.headers);
      r.pipe(res);
    });
    req.pipe(up);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}

describe.each(testDatabases())('sync reliability on $name', (db) => {
  let e2e: E2eApp;
  let sandbox: SandboxHandle;
  let proxy: Awaited<ReturnType<typeof shiftingProxy>>;
  let onRequest: (method: string, url: URL) => void = () => undefined;
  const acme = () => e2e.as('acme');
  const store = () => sandbox.store(ACME.clientId);
  const company = (pax8Id: string) => e2e.dataSource.getRepository(Pax8Company).findOne({ where: { tenantId: 'acme', pax8Id } });
  const subscription = (pax8Id: string) => e2e.dataSource.getRepository(Pax8Subscription).findOne({ where: { tenantId: 'acme', pax8Id } });
  const syncNow = async () => waitForRun(e2e, 'acme', (await e2e.http.post('/pax8/sync').set(acme()).expect(202)).body.id);

  beforeAll(async () => {
    sandbox = await startSandbox({ partners: [{ ...ACME, seed: 51, size: { companies: 230, subscriptions: 420 } }, { ...GLOBEX, seed: 52, size: 'demo' }] });
    // Live rows only, so the rows the shift moves are not already marked removed by their status.
    for (const c of sandbox.store(ACME.clientId).companies.values()) (c as Wire).status = 'Active';
    for (const sub of sandbox.store(ACME.clientId).subscriptions.values()) (sub as Wire).status = 'Active';
    proxy = await shiftingProxy(sandbox.url, (m, u) => onRequest(m, u));
    e2e = await startE2eApp({ db, existingSandbox: sandbox, pax8: { api: { apiBaseUrl: `${proxy.url}/v1`, tokenUrl: `${proxy.url}/v1/token`, timeoutMs: 5000 } } });
    await e2e.http.put('/pax8/connection').set(acme()).send(ACME).expect(200);
    expect((await syncNow()).status).toBe('succeeded');
  });
  afterAll(async () => {
    await e2e.close();
    await proxy.close();
    await sandbox.close();
  });

  /** Deletes the first row of `list` and appends a copy under a new id just before page 1 is served, once. */
  const shiftBeforePage1 = (path: string, rows: () => Map<string, Wire>) => {
    const changed: { deleted?: string; slid?: string; appended?: string } = {};
    onRequest = (method, url) => {
      if (method !== 'GET' || url.pathname !== path || url.searchParams.get('page') !== '1' || changed.deleted) return;
      const list = [...rows().values()];
      changed.deleted = list[0].id as string;
      changed.slid = list[200].id as string; // first row of page 1, about to move to page 0
      changed.appended = `${changed.deleted.slice(0, 30)}-appended`;
      rows().delete(changed.deleted);
      rows().set(changed.appended, { ...list[1], id: changed.appended });
    };
    return changed;
  };

  it('never marks a live company removed when the list shifts between pages; confirms the vanished one with one GET', async () => {
    const changed = shiftBeforePage1('/v1/companies', () => store().companies as unknown as Map<string, Wire>);
    sandbox.resetStats();
    const run = await syncNow();
    onRequest = () => undefined;
    expect(run.status).toBe('succeeded');
    expect(changed.slid).toBeDefined();
    // The slid row was missed by both pages; its direct read proves it live.
    expect((await company(changed.slid!))?.removedAt).toBeNull();
    expect((await company(changed.appended!))?.removedAt).toBeNull();
    expect(run.counts.companies).toMatchObject({ removalChecks: 1, removed: 0 });
    expect(sandbox.stats().byRoute['GET /v1/companies/:id']).toBe(1);
    // The deleted row was read on page 0 before it went; the next sync misses it, reads it (404) and marks it.
    sandbox.resetStats();
    const next = await syncNow();
    expect(next.counts.companies).toMatchObject({ removalChecks: 1, removed: 1 });
    expect(sandbox.stats().byRoute['GET /v1/companies/:id']).toBe(1);
    expect((await company(changed.deleted!))?.removedAt).not.toBeNull();
    expect((await company(changed.slid!))?.removedAt).toBeNull();
  });

  it('never marks a live subscription removed when the list shifts between pages', async () => {
    const changed = shiftBeforePage1('/v1/subscriptions', () => store().subscriptions as unknown as Map<string, Wire>);
    const run = await syncNow();
    onRequest = () => undefined;
    expect(run.status).toBe('succeeded');
    expect((await subscription(changed.slid!))?.removedAt).toBeNull();
    expect(run.counts.subscriptions).toMatchObject({ removalChecks: 1, removed: 0 });
    const next = await syncNow();
    expect(next.counts.subscriptions).toMatchObject({ removalChecks: 1, removed: 1 });
    expect((await subscription(changed.deleted!))?.removedAt).not.toBeNull();
    expect((await subscription(changed.slid!))?.removedAt).toBeNull();
  });

  it('a re-sync with nothing vanished makes exactly the minimum calls', async () => {
    sandbox.resetStats();
    const run = await syncNow();
    expect(run.status).toBe('succeeded');
    const byRoute = sandbox.stats().byRoute;
    expect(byRoute['GET /v1/companies/:id'] ?? 0).toBe(0);
    expect(byRoute['GET /v1/subscriptions/:id'] ?? 0).toBe(0);
    expect(run.counts.apiCalls).toBe(Math.ceil(store().companies.size / 200) + Math.ceil(store().subscriptions.size / 200));
  });

  it('stores odd records it can, keeps raw values, finishes, and names each record and field in the warnings', async () => {
    const companies = [...store().companies.values()] as Wire[];
    const subs = [...store().subscriptions.values()] as Wire[];
    const longName = `Long ${'N'.repeat(600)}`;
    Object.assign(companies[3], { name: longName });
    Object.assign(companies[4], { website: `https://example.com/${'w'.repeat(3000)}` });
    Object.assign(companies[5], { externalId: 'E'.repeat(130) });
    Object.assign(companies[6], { name: 'Nul\u0000Byte Ltd' });
    const longId = 'i'.repeat(70);
    store().companies.set(longId, { ...companies[7], id: longId });
    Object.assign(subs[3], { quantity: 3e9 });
    Object.assign(subs[4], { quantity: 1.5 });
    Object.assign(subs[5], { price: 1e20 });
    Object.assign(subs[6], { currencyCode: 'USDX' });
    Object.assign(subs[7], { partnerCost: 1.23456 });

    const run = await syncNow();
    expect(run.status).toBe('succeeded');
    const warned = (run.counts.warnings as Array<{ pax8Id: string; field: string; stored: string }>).map((w) => `${w.pax8Id}/${w.field}/${w.stored}`);
    expect(warned).toEqual(
      expect.arrayContaining([
        `${companies[3].id}/name/truncated`,
        `${companies[4].id}/website/null`,
        `${companies[5].id}/externalId/null`,
        `${companies[6].id}/name/cleaned`,
        `${longId}/pax8Id/skipped`,
        `${subs[3].id}/quantity/null`,
        `${subs[4].id}/quantity/null`,
        `${subs[5].id}/price/null`,
        `${subs[6].id}/currencyCode/null`,
        `${subs[7].id}/partnerCost/null`,
      ]),
    );
    const long = (await company(companies[3].id as string))!;
    expect([...long.name].length).toBeLessThanOrEqual(512);
    expect(long.oddValues?.name.raw).toBe(longName);
    expect((await company(companies[6].id as string))!.name).toBe('NulByte Ltd');
    // Money and quantity are never altered: left empty, the exact value kept raw.
    const q = (await subscription(subs[3].id as string))!;
    expect(q.quantity).toBeNull();
    expect(q.oddValues?.quantity.raw).toBe(3e9);
    const fractional = (await subscription(subs[4].id as string))!;
    expect(fractional.quantity).toBeNull();
    expect(fractional.oddValues?.quantity.raw).toBe(1.5);
    const price = (await subscription(subs[5].id as string))!;
    expect(price.price).toBeNull();
    expect(price.oddValues?.price.raw).toBe('100000000000000000000');
    expect((await subscription(subs[7].id as string))!.oddValues?.partnerCost.raw).toBe('1.23456');
    // The next sync succeeds the same way (nothing stays stuck on the odd records).
    const again = await syncNow();
    expect(again.status).toBe('succeeded');
    expect(again.counts.warningsTotal).toBe(run.counts.warningsTotal);
  });
});

describe.each(testDatabases())('first pull of a tenant on $name', (db) => {
  let e2e: E2eApp;
  let sandbox: SandboxHandle;
  let proxy: Awaited<ReturnType<typeof shiftingProxy>>;
  let onRequest: (method: string, url: URL) => void = () => undefined;

  beforeAll(async () => {
    sandbox = await startSandbox({ partners: [{ ...ACME, seed: 55, size: { companies: 20, subscriptions: 1_400 } }, { ...GLOBEX, seed: 56, size: 'demo' }] });
    proxy = await shiftingProxy(sandbox.url, (m, u) => onRequest(m, u));
    e2e = await startE2eApp({ db, existingSandbox: sandbox, pax8: { api: { apiBaseUrl: `${proxy.url}/v1`, tokenUrl: `${proxy.url}/v1/token`, timeoutMs: 5000 } } });
    await e2e.http.put('/pax8/connection').set(e2e.as('acme')).send(ACME).expect(200);
  });
  afterAll(async () => {
    await e2e.close();
    await proxy.close();
    await sandbox.close();
  });

  // A first pull skips reading what the tenant already has (nothing); a row it met in an earlier write
  // must still be updated, not inserted twice.
  it('stores a subscription that a shift repeats on a later page (another write batch) once', async () => {
    // The first write takes exactly the pages before `boundary` (minBatchItems of them, 200 a page);
    // a row its last page held, repeated on page `boundary`, is met again in the next write.
    const { minBatchItems } = writeQueueFor(e2e.dataSource, true);
    const boundary = minBatchItems / 200;
    let repeated: string | undefined;
    onRequest = (method, url) => {
      if (method !== 'GET' || url.pathname !== '/v1/subscriptions' || url.searchParams.get('page') !== String(boundary) || repeated) return;
      // A new subscription at the head of the list pushes the first write's last row onto the next page.
      const subs = sandbox.store(ACME.clientId).subscriptions as unknown as Map<string, Wire>;
      const list = [...subs.values()];
      repeated = list[minBatchItems - 1].id as string;
      const added = { ...list[0], id: `${(list[0].id as string).slice(0, 30)}-new` };
      subs.clear();
      for (const row of [added, ...list]) subs.set(row.id as string, row);
    };
    const updates = jest.spyOn(Repository.prototype, 'update');
    const run = await waitForRun(e2e, 'acme', (await e2e.http.post('/pax8/sync').set(e2e.as('acme')).expect(202)).body.id);
    onRequest = () => undefined;
    // Writes side by side (PostgreSQL, MariaDB) may end in either order: the progress they send only moves forward.
    const sent = updates.mock.calls
      .filter((call, i) => (updates.mock.contexts[i] as Repository<object>).metadata.target === SyncRun && (call[1] as Partial<SyncRun>).phase === 'subscriptions')
      .map((call) => (call[1] as Partial<SyncRun>).pagesDone!);
    updates.mockRestore();
    expect(sent.length).toBeGreaterThan(1);
    expect(sent).toEqual([...sent].sort((a, b) => a - b));
    expect(sent[sent.length - 1]).toBe(Math.ceil(1_401 / 200));
    expect(run.status).toBe('succeeded');
    expect(repeated).toBeDefined();
    expect(run.counts.subscriptions).toMatchObject({ created: 1_400, updated: 0, unchanged: 1 });
    expect(await e2e.dataSource.getRepository(Pax8Subscription).count({ where: { tenantId: 'acme', pax8Id: repeated } })).toBe(1);
  });
});

describe.each(testDatabases())('retry after a failed sync on $name', (db) => {
  let e2e: E2eApp;
  const syncNow = async () => waitForRun(e2e, 'acme', (await e2e.http.post('/pax8/sync').set(e2e.as('acme')).expect(202)).body.id);
  const delayMinutes = async (run: Record<string, any>) => {
    const row = await e2e.dataSource.getRepository(Pax8Integration).findOneOrFail({ where: { tenantId: 'acme' } });
    return Math.round((new Date(row.nextSyncAt!).getTime() - new Date(run.finishedAt).getTime()) / 60_000);
  };

  beforeAll(async () => {
    e2e = await startE2eApp({ db, pax8: { sync: { enabled: false, intervalMinutes: 240 } }, sandbox: { partners: [{ ...ACME, seed: 53, size: { companies: 5, subscriptions: 10 } }, { ...GLOBEX, seed: 54, size: 'demo' }] } });
    await e2e.http.put('/pax8/connection').set(e2e.as('acme')).send(ACME).expect(200);
  });
  afterAll(() => e2e.close());

  it('retries sooner after failures (5, 10, 20 minutes), and returns to the interval after a success', async () => {
    e2e.sandbox.setFaults({ errorRate: { 'GET /v1/companies': { rate: 1, statuses: [503] } } });
    const delays: number[] = [];
    for (let i = 0; i < 3; i++) {
      const run = await syncNow();
      expect(run.status).toBe('failed');
      delays.push(await delayMinutes(run));
    }
    expect(delays).toEqual([5, 10, 20]);
    e2e.sandbox.setFaults(undefined);
    const ok = await syncNow();
    expect(ok.status).toBe('succeeded');
    expect(await delayMinutes(ok)).toBe(240);
  });
});
