import { IsNull } from 'typeorm';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteWriter } from '../../server/common/orm/sqlite-writer';
import * as checkpoints from '../../server/common/orm/wal-checkpointer';
import { SubscriptionVersion } from '../../server/invoicing/entities/subscription-version.entity';
import { Pax8Company } from '../../server/sync/entities/pax8-company.entity';
import { Pax8Subscription } from '../../server/sync/entities/pax8-subscription.entity';
import { ACME, E2eApp, GLOBEX, startE2eApp, waitForRun } from '../helpers/e2e-app';

/**
 * A host's SQLite as the demo and most hosts keep it: a file in WAL mode (the other suites use memory). A full sync
 * leaves its checkpoints to a worker thread and gives the connection its own setting back; with
 * `sync.sqliteWriterThread` its writes also run on a worker thread's connection.
 */
describe.each([false, true])('sync on a SQLite file in WAL mode (writes on a worker thread: %s)', (sqliteWriterThread) => {
  let e2e: E2eApp;
  let dir: string;
  const setting = async () => Number((await e2e.dataSource.query('PRAGMA wal_autocheckpoint'))[0].wal_autocheckpoint);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pax8-sync-file-'));
    e2e = await startE2eApp({
      db: { name: 'sqlite', options: { type: 'better-sqlite3', database: join(dir, 'host.sqlite'), enableWAL: true } },
      sandbox: { partners: [{ ...ACME, seed: 31, size: { companies: 120, subscriptions: 4000 } }, { ...GLOBEX, seed: 32, size: 'demo' }] },
      pax8: { sync: { enabled: false, sqliteWriterThread } },
    });
    await e2e.http.put('/pax8/connection').set(e2e.as('acme')).send(ACME).expect(200);
  });
  afterAll(async () => {
    await e2e.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('checkpoints on the worker during a full sync, stores every row, and restores the connection\'s setting', async () => {
    expect(await setting()).toBe(1000); // SQLite's default, the host's here
    const holds = jest.spyOn(checkpoints, 'holdWalCheckpoints');
    const writers = jest.spyOn(SqliteWriter, 'open');
    const seen = new Set<number>();
    const res = await e2e.http.post('/pax8/sync').set(e2e.as('acme')).expect(202);
    let running = true;
    const polling = (async () => {
      while (running) {
        seen.add(await setting());
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    const run = await waitForRun(e2e, 'acme', res.body.id);
    running = false;
    await polling;

    expect(run.status).toBe('succeeded');
    expect(run.counts.subscriptions.created).toBe(4000);
    expect(await e2e.dataSource.getRepository(Pax8Subscription).count({ where: { tenantId: 'acme' } })).toBe(4000);
    expect(await e2e.dataSource.getRepository(Pax8Company).count({ where: { tenantId: 'acme' } })).toBe(120);
    expect(holds).toHaveBeenCalledTimes(1);
    const hold = await holds.mock.results[0].value;
    expect(hold.maxWalPages).toBeGreaterThan(0); // the worker checkpointed the sync's commits
    expect(seen.has(0)).toBe(true); // the connection's own checkpoints were off during the pull
    expect(await setting()).toBe(1000); // back before the run showed as finished
    // The history's first versions are written in the same transactions as the rows, on whichever connection wrote them.
    expect(await e2e.dataSource.getRepository(SubscriptionVersion).count({ where: { tenantId: 'acme', source: 'sync' } })).toBe(4000);
    if (sqliteWriterThread) {
      const writer = await writers.mock.results[0].value;
      expect(writer).toBeInstanceOf(SqliteWriter); // opened: the file and driver allow a second connection
      expect(writer.usable).toBe(false); // closed with the pull
    } else expect(writers).not.toHaveBeenCalled();
    writers.mockRestore();
    holds.mockRestore();

    // A re-sync on the same file: nothing changed, nothing lost, the setting comes back again.
    const again = await e2e.http.post('/pax8/sync').set(e2e.as('acme')).expect(202);
    const second = await waitForRun(e2e, 'acme', again.body.id);
    expect(second.status).toBe('succeeded');
    expect(second.counts.subscriptions).toMatchObject({ created: 0, updated: 0, unchanged: 4000, removed: 0 });
    expect(await setting()).toBe(1000);
  });

  it('gives the setting back when a run fails half-way, and marks nothing removed', async () => {
    const live = () => e2e.dataSource.getRepository(Pax8Subscription).count({ where: { tenantId: 'acme', removedAt: IsNull() } });
    const before = await live();
    e2e.sandbox.setFaults({ shortPage: { count: 100, route: 'GET /v1/subscriptions', drop: 5 } });
    try {
      const res = await e2e.http.post('/pax8/sync').set(e2e.as('acme')).expect(202);
      const run = await waitForRun(e2e, 'acme', res.body.id);
      expect(run.status).toBe('failed');
      expect(run.counts.subscriptions.removed).toBe(0);
    } finally {
      e2e.sandbox.setFaults(undefined);
    }
    expect(await setting()).toBe(1000);
    expect(await live()).toBe(before);
  });
});
