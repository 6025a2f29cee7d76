import { testDatabases } from '../helpers/databases';
import { ACME, E2eApp, GLOBEX, startE2eApp, waitForRun } from '../helpers/e2e-app';

type Wire = { id: string; name: string; status?: string };

/** What the elements read: the session (access and plan) and the company list's sort, filters and summary. */
describe.each(testDatabases())('session and company list on $name', (db) => {
  let e2e: E2eApp;
  let live: Wire[];
  let deleted: Wire[];
  const acme = () => e2e.as('acme');

  beforeAll(async () => {
    e2e = await startE2eApp({ db, sandbox: { partners: [{ ...ACME, seed: 41, size: { companies: 14, subscriptions: 70 } }, { ...GLOBEX, seed: 42, size: 'demo' }] } });
    const all = [...e2e.sandbox.store(ACME.clientId).companies.values()] as unknown as Wire[];
    live = all.filter((c) => c.status !== 'Deleted');
    deleted = all.filter((c) => c.status === 'Deleted');
    e2e.store.tenants.set('acme', {
      clients: [
        { id: 'c-1', name: 'Alpha Client' },
        { id: 'c-2', name: 'Beta Client' },
        { id: 'c-3', name: 'Gamma Client' },
      ],
      invoices: [],
    });
    await e2e.http.put('/pax8/connection').set(acme()).send(ACME).expect(200);
    const run = await e2e.http.post('/pax8/sync').set(acme()).expect(202);
    expect((await waitForRun(e2e, 'acme', run.body.id)).status).toBe('succeeded');
  });
  afterAll(() => e2e?.close());

  it('tells each persona its access and plan, also when the plan lacks the feature', async () => {
    const expectations: Array<[string, string, boolean, string]> = [
      ['acme', 'Owner', true, 'manage'],
      ['acme', 'Admin without permission', true, 'view'],
      ['acme', 'Technician', true, 'view'],
      ['acme', 'Guest', true, 'none'],
      ['initech', 'Owner', false, 'manage'],
    ];
    for (const [tenant, role, licensed, access] of expectations) {
      const res = await e2e.http.get('/pax8/session').set(e2e.as(tenant, role)).expect(200);
      expect(res.body).toMatchObject({ licensed, access, feature: 'pax8Integration' });
    }
    await e2e.http.get('/pax8/session').expect(401);
    // The other routes still refuse the unlicensed tenant.
    await e2e.http.get('/pax8/connection').set(e2e.as('initech')).expect(404);
  });

  it('summarises the tenant whatever the filter, and filters removed companies on their own', async () => {
    await e2e.http.put(`/pax8/companies/${live[0].id}/mapping`).set(acme()).send({ clientId: 'c-1' }).expect(200);
    const res = await e2e.http.get('/pax8/companies').query({ mapping: 'unmapped', limit: 5 }).set(acme()).expect(200);
    expect(res.body.summary).toEqual({ companies: live.length, mapped: 1, unmapped: live.length - 1, removed: deleted.length });
    expect(res.body.total).toBe(live.length - 1);
    // A page past the end has no rows to carry the counts: the summary is the same.
    const past = await e2e.http.get('/pax8/companies').query({ offset: 10_000 }).set(acme()).expect(200);
    expect(past.body).toMatchObject({ items: [], summary: res.body.summary, total: live.length });
    const removed = await e2e.http.get('/pax8/companies').query({ mapping: 'removed' }).set(acme()).expect(200);
    expect(removed.body.items.map((c: Wire) => c.id).sort()).toEqual(deleted.map((c) => c.id).sort());
    expect(removed.body.items.every((c: { removed: boolean }) => c.removed)).toBe(true);
    await e2e.http.get('/pax8/companies').query({ mapping: 'gone' }).set(acme()).expect(400);
  });

  it('gives as total the number of companies each filter lists (the summary answers most of them)', async () => {
    expect(deleted.length).toBeGreaterThan(0);
    // A mapped company that later vanished from Pax8: with includeRemoved it counts as mapped, else only as removed.
    await e2e.http.put(`/pax8/companies/${deleted[0].id}/mapping`).set(acme()).send({ clientId: 'c-2' }).expect(200);
    // The summary counts only live companies as mapped: the removed one's mapping is subtracted.
    const summary = (await e2e.http.get('/pax8/companies').set(acme()).expect(200)).body.summary;
    expect(summary).toEqual({ companies: live.length, mapped: 1, unmapped: live.length - 1, removed: deleted.length });
    const word = live[1].name.split(' ')[0];
    for (const mapping of ['all', 'mapped', 'unmapped', 'removed']) {
      for (const includeRemoved of ['false', 'true']) {
        for (const search of [undefined, word]) {
          const res = await e2e.http.get('/pax8/companies').query({ mapping, includeRemoved, limit: 200, ...(search ? { search } : {}) }).set(acme()).expect(200);
          expect({ mapping, includeRemoved, search, total: res.body.total }).toEqual({ mapping, includeRemoved, search, total: res.body.items.length });
        }
      }
    }
    await e2e.http.delete(`/pax8/companies/${deleted[0].id}/mapping`).set(acme()).expect(200);
  });

  it('sorts by name either way, by active subscription count, and refuses unknown sorts', async () => {
    const get = async (sort: string) => (await e2e.http.get('/pax8/companies').query({ sort, limit: 200 }).set(acme()).expect(200)).body.items as Array<{ name: string; activeSubscriptions: number }>;
    const names = (await get('name')).map((c) => c.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect((await get('-name')).map((c) => c.name)).toEqual([...names].reverse());
    const counts = (await get('-subscriptions')).map((c) => c.activeSubscriptions);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(new Set(counts).size).toBeGreaterThan(1);
    const ascending = (await get('subscriptions')).map((c) => c.activeSubscriptions);
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    const bad = await e2e.http.get('/pax8/companies').query({ sort: 'name; drop table' }).set(acme()).expect(400);
    expect(bad.body.errors[0].field).toBe('sort');
  });

  it('marks the clients already mapped to a company, so the picker can refuse them up front', async () => {
    const res = await e2e.http.get('/pax8/clients').query({ search: 'client' }).set(acme()).expect(200);
    const byId = Object.fromEntries(res.body.items.map((c: { id: string; mappedTo: string | null }) => [c.id, c.mappedTo]));
    expect(byId).toEqual({ 'c-1': live[0].id, 'c-2': null, 'c-3': null });
  });
});
