import { CompanyMapping } from '../../../server/mapping/company-mapping.entity';
import { testDatabases } from '../../helpers/databases';
import { ACME, E2eApp, GLOBEX, startE2eApp, waitForRun } from '../../helpers/e2e-app';

type Wire = Record<string, unknown>;
const ROUNDS = 3;
const PARALLEL = 20;

/** Concurrent mapping requests: the one-client-one-company rule holds because the database enforces it. */
describe.each(testDatabases())('mapping under concurrency on $name', (db) => {
  let e2e: E2eApp;
  let companies: Wire[];
  const acme = () => e2e.as('acme');
  const mappings = () => e2e.dataSource.getRepository(CompanyMapping).find({ where: { tenantId: 'acme' } });
  const clearMappings = () => e2e.dataSource.getRepository(CompanyMapping).delete({ tenantId: 'acme' });

  beforeAll(async () => {
    e2e = await startE2eApp({ db, sandbox: { partners: [{ ...ACME, seed: 41, size: { companies: 30, subscriptions: 60 } }, { ...GLOBEX, seed: 42, size: 'demo' }] } });
    companies = ([...e2e.sandbox.store(ACME.clientId).companies.values()] as unknown as Wire[]).filter((c) => c.status !== 'Deleted');
    const clients = Array.from({ length: PARALLEL }, (_, i) => ({ id: `c-${i}`, name: `Race Client ${i}` }));
    // Auto-map targets: one client per company, named exactly like it.
    e2e.store.tenants.set('acme', { clients: [...clients, ...companies.map((c) => ({ id: `auto-${c.id}`, name: c.name as string }))], invoices: [] });
    await e2e.http.put('/pax8/connection').set(acme()).send(ACME).expect(200);
    const run = await e2e.http.post('/pax8/sync').set(acme()).expect(202);
    expect((await waitForRun(e2e, 'acme', run.body.id)).status).toBe('succeeded');
  });
  afterAll(() => e2e.close());

  it(`maps one free client to exactly one of ${PARALLEL} companies raced at it, the rest get 409 naming the winner`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      await clearMappings();
      const racers = companies.slice(0, PARALLEL);
      const answers = await Promise.all(racers.map((c) => e2e.http.put(`/pax8/companies/${c.id}/mapping`).set(acme()).send({ clientId: 'c-0' })));
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses).toEqual([200, ...Array(PARALLEL - 1).fill(409)]);
      const winner = answers.find((a) => a.status === 200)!.body.pax8CompanyId;
      const winnerName = companies.find((c) => c.id === winner)!.name;
      for (const lost of answers.filter((a) => a.status === 409)) {
        expect(lost.body).toMatchObject({ pax8CompanyId: winner, pax8CompanyName: winnerName });
        expect(lost.body.message).toContain(winner);
      }
      expect((await mappings()).filter((m) => m.clientId === 'c-0')).toHaveLength(1);
    }
  });

  it(`maps one company raced to ${PARALLEL} clients once, never a 500`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      await clearMappings();
      const company = companies[round];
      const answers = await Promise.all(Array.from({ length: PARALLEL }, (_, i) => e2e.http.put(`/pax8/companies/${company.id}/mapping`).set(acme()).send({ clientId: `c-${i}` })));
      expect(answers.filter((a) => a.status !== 200 && a.status !== 409)).toEqual([]);
      expect(answers.some((a) => a.status === 200)).toBe(true);
      const rows = (await mappings()).filter((m) => m.pax8CompanyId === company.id);
      expect(rows).toHaveLength(1);
      for (const lost of answers.filter((a) => a.status === 409)) expect(lost.body.message).toMatch(/mapped/);
    }
  });

  it('runs five auto-maps at once without a 500 and leaves every client with one company', async () => {
    await clearMappings();
    const alone = (await e2e.http.post('/pax8/mapping/auto').set(acme()).expect(200)).body.mapped;
    expect(alone).toBeGreaterThan(PARALLEL / 2);
    for (let round = 0; round < ROUNDS; round++) {
      await clearMappings();
      const answers = await Promise.all(Array.from({ length: 5 }, () => e2e.http.post('/pax8/mapping/auto').set(acme())));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
      const rows = await mappings();
      const perClient = new Map<string, number>();
      for (const r of rows) perClient.set(r.clientId, (perClient.get(r.clientId) ?? 0) + 1);
      expect([...perClient.values()].every((n) => n === 1)).toBe(true);
      expect(new Set(rows.map((r) => r.pax8CompanyId)).size).toBe(rows.length);
      // Every link is reported by exactly one of the runs.
      expect(answers.reduce((n, a) => n + a.body.mapped, 0)).toBe(rows.length);
      expect(rows.length).toBe(alone);
    }
  });
});

describe.each(testDatabases())('allowMultipleCompaniesPerClient under concurrency on $name', (db) => {
  let e2e: E2eApp;
  beforeAll(async () => {
    e2e = await startE2eApp({ db, pax8: { allowMultipleCompaniesPerClient: true }, sandbox: { partners: [{ ...ACME, seed: 43, size: { companies: 25, subscriptions: 40 } }, { ...GLOBEX, seed: 44, size: 'demo' }] } });
    e2e.store.tenants.set('acme', { clients: [{ id: 'shared', name: 'Shared Client' }], invoices: [] });
    await e2e.http.put('/pax8/connection').set(e2e.as('acme')).send(ACME).expect(200);
    const run = await e2e.http.post('/pax8/sync').set(e2e.as('acme')).expect(202);
    expect((await waitForRun(e2e, 'acme', run.body.id)).status).toBe('succeeded');
  });
  afterAll(() => e2e.close());

  it('lets every company map to one client at once', async () => {
    const ids = ([...e2e.sandbox.store(ACME.clientId).companies.values()] as unknown as Wire[]).filter((c) => c.status !== 'Deleted').slice(0, 20).map((c) => c.id);
    const answers = await Promise.all(ids.map((id) => e2e.http.put(`/pax8/companies/${id}/mapping`).set(e2e.as('acme')).send({ clientId: 'shared' })));
    expect(answers.map((a) => a.status)).toEqual(ids.map(() => 200));
    expect(await e2e.dataSource.getRepository(CompanyMapping).count({ where: { tenantId: 'acme', clientId: 'shared' } })).toBe(ids.length);
  });
});
