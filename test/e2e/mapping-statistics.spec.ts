import { testDatabases } from '../helpers/databases';
import { ACME, E2eApp, GLOBEX, startE2eApp, waitForRun } from '../helpers/e2e-app';

// A first auto-map writes hundreds of links at once; the list's join must not be planned on the empty
// table's statistics (autovacuum can be off on a host), so auto-map refreshes them past ANALYZE_AFTER_ROWS.
describe.each(testDatabases())('auto-map refreshes the mapping statistics on $name', (db) => {
  let e2e: E2eApp;
  const analysed = async (): Promise<boolean> => {
    if (db.name === 'postgres') {
      const [row] = await e2e.dataSource.query(`SELECT last_analyze FROM pg_stat_user_tables WHERE relname = 'pax8_company_mappings'`);
      return row.last_analyze !== null;
    }
    if (db.name === 'sqlite') {
      const [row] = await e2e.dataSource.query(`SELECT count(*) AS n FROM sqlite_stat1 WHERE tbl = 'pax8_company_mappings'`).catch(() => [{ n: 0 }]);
      return Number(row.n) > 0;
    }
    // MariaDB keeps no per-table "last analysed" time: the statement ran if the route answered (checked below).
    return true;
  };

  beforeAll(async () => {
    e2e = await startE2eApp({ db, sandbox: { partners: [{ ...ACME, seed: 61, size: { companies: 600, subscriptions: 200 } }, { ...GLOBEX, seed: 62, size: 'demo' }] } });
    await e2e.http.put('/pax8/connection').set(e2e.as('acme')).send(ACME).expect(200);
    const res = await e2e.http.post('/pax8/sync').set(e2e.as('acme')).expect(202);
    expect((await waitForRun(e2e, 'acme', res.body.id)).status).toBe('succeeded');
  });
  afterAll(() => e2e.close());

  it('analyses the mappings table after an auto-map that linked 250 companies or more', async () => {
    if (db.name !== 'mariadb') expect(await analysed()).toBe(false);
    const res = await e2e.http.post('/pax8/mapping/auto').set(e2e.as('acme')).expect(200);
    expect(res.body.mapped).toBeGreaterThanOrEqual(250);
    expect(await analysed()).toBe(true);
    const list = await e2e.http.get('/pax8/companies?limit=50&mapping=mapped').set(e2e.as('acme')).expect(200);
    expect(list.body.items).toHaveLength(50);
    expect(list.body.items.every((c: { mapping: unknown }) => c.mapping !== null)).toBe(true);
  });
});
