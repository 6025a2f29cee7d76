import { randomUUID } from 'node:crypto';
import { mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { runInTransaction } from '../../server/common/orm/transaction';
import { holdWalCheckpoints } from '../../server/common/orm/wal-checkpointer';

/** Real SQLite files and a real worker thread: the checkpoints a sync's writes leave to the worker. */
describe('SQLite checkpoints on a worker thread while a sync writes', () => {
  let dir: string;
  const open: DataSource[] = [];

  const sqlite = async (opts: { wal?: boolean; hostSetting?: number; file?: string } = {}) => {
    const ds = new DataSource({
      type: 'better-sqlite3',
      database: opts.file ?? join(dir, `${randomUUID()}.sqlite`),
      enableWAL: opts.wal ?? true,
      prepareDatabase: (db: { pragma(s: string): unknown }) => void (opts.hostSetting !== undefined && db.pragma(`wal_autocheckpoint = ${opts.hostSetting}`)),
    });
    await ds.initialize();
    open.push(ds);
    await ds.query('CREATE TABLE rows_written (id TEXT PRIMARY KEY, body TEXT NOT NULL)');
    return ds;
  };
  const setting = async (ds: DataSource) => Number((await ds.query('PRAGMA wal_autocheckpoint'))[0].wal_autocheckpoint);
  /** Frames in the WAL after a PASSIVE checkpoint of what it holds (SQLite starts the WAL over once all was copied). */
  const walFrames = async (ds: DataSource) => Number((await ds.query('PRAGMA wal_checkpoint(PASSIVE)'))[0].log);
  /** One transaction of `n` rows with random keys: each touches pages all over the primary key's index. */
  const writeRows = (ds: DataSource, n: number) =>
    runInTransaction(ds, async (m) => {
      for (let i = 0; i < n; i += 100) {
        const ids = Array.from({ length: Math.min(100, n - i) }, () => randomUUID());
        await m.query(`INSERT INTO rows_written (id, body) VALUES ${ids.map(() => '(?, ?)').join(', ')}`, ids.flatMap((id) => [id, 'x'.repeat(200)]));
      }
    });

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pax8-wal-'));
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((ds) => ds.destroy()));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('turns the connection\'s own checkpoints off while held, checkpoints every commit on the worker, and gives the setting back', async () => {
    // The host never checkpoints (0): without the worker, the WAL would only grow.
    const ds = await sqlite({ hostSetting: 0 });
    const hold = await holdWalCheckpoints(ds);
    expect(await setting(ds)).toBe(0);
    for (let i = 0; i < 5; i++) {
      await writeRows(ds, 2000);
      hold.afterCommit();
      await hold.beforeWrite();
    }
    await hold.release();
    expect(await setting(ds)).toBe(0);
    expect(hold.maxWalPages).toBeGreaterThan(100);
    // Everything was copied into the database file, so the next commit starts the WAL over: a few frames, not 10,000 rows'.
    await writeRows(ds, 1);
    expect(await walFrames(ds)).toBeLessThan(20);
    expect((await ds.query('SELECT COUNT(*) AS n FROM rows_written'))[0].n).toBe(10_001);
  });

  it('gives back a host\'s own setting; one worker serves the syncs that run at once; the last one out restores it', async () => {
    const ds = await sqlite({ hostSetting: 777 });
    const first = await holdWalCheckpoints(ds);
    const second = await holdWalCheckpoints(ds);
    expect(await setting(ds)).toBe(0);
    await writeRows(ds, 500);
    first.afterCommit();
    await first.release();
    await first.release(); // a second release of the same hold counts once
    expect(await setting(ds)).toBe(0);
    second.afterCommit();
    await second.release();
    expect(await setting(ds)).toBe(777);

    // A sync that starts while the last one's worker is still closing reads the host's 777, not the 0 being undone.
    const third = await holdWalCheckpoints(ds);
    const closing = third.release();
    const fourth = await holdWalCheckpoints(ds);
    await closing;
    expect(await setting(ds)).toBe(0);
    await fourth.release();
    expect(await setting(ds)).toBe(777);
  });

  it('leaves the connection alone where a worker cannot or need not checkpoint', async () => {
    const memory = new DataSource({ type: 'better-sqlite3', database: ':memory:' });
    await memory.initialize();
    open.push(memory);
    const rollbackJournal = await sqlite({ wal: false });
    for (const ds of [memory, rollbackJournal]) {
      const before = await setting(ds);
      const hold = await holdWalCheckpoints(ds);
      expect(await setting(ds)).toBe(before);
      hold.afterCommit();
      await hold.beforeWrite();
      await hold.release();
      expect(hold.maxWalPages).toBe(0);
    }

    // The worker cannot open the file (it was moved; this connection keeps its open handle): the connection keeps
    // checkpointing for itself, and writes go on.
    const file = join(dir, 'moved.sqlite');
    const moved = await sqlite({ file, hostSetting: 500 });
    renameSync(file, `${file}.elsewhere`);
    const hold = await holdWalCheckpoints(moved);
    expect(await setting(moved)).toBe(500);
    await writeRows(moved, 300);
    hold.afterCommit();
    await hold.release();
    expect((await moved.query('SELECT COUNT(*) AS n FROM rows_written'))[0].n).toBe(300);
  });

  it('never makes the connection\'s own writes busy: reads and read-then-write transactions run between the sync\'s commits', async () => {
    const ds = await sqlite();
    const hold = await holdWalCheckpoints(ds);
    let hostWrites = 0;
    const host = (async () => {
      for (let i = 0; i < 200; i++) {
        await runInTransaction(ds, async (m) => {
          const [{ n }] = await m.query('SELECT COUNT(*) AS n FROM rows_written');
          await m.query('INSERT INTO rows_written (id, body) VALUES (?, ?)', [`host-${i}`, String(n)]);
        });
        hostWrites++;
        await new Promise((r) => setImmediate(r));
      }
    })();
    for (let i = 0; i < 10; i++) {
      await hold.beforeWrite();
      await writeRows(ds, 1000);
      hold.afterCommit();
      await new Promise((r) => setImmediate(r));
    }
    await host;
    await hold.release();
    expect(hostWrites).toBe(200);
    expect((await ds.query('SELECT COUNT(*) AS n FROM rows_written'))[0].n).toBe(10_200);
    expect(hold.maxWalPages).toBeGreaterThan(0);
  });
});
