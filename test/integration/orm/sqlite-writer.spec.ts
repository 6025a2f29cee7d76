import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import { SqliteWriter } from '../../../server/common/orm/sqlite-writer';
import { runInTransaction } from '../../../server/common/orm/transaction';
import { isUniqueViolation } from '../../../server/common/orm/write-conflicts';

@Entity('writer_rows')
class WriterRow {
  @PrimaryColumn()
  id: string;

  @Column()
  body: string;

  @Column({ default: false })
  flagged: boolean;

  @Column({ type: 'varchar', unique: true, nullable: true })
  slug: string | null;
}

/** A real SQLite file in WAL mode, the host's shared connection, and the sync's writer on a real worker thread. */
describe('SQLite: a sync writer on a worker thread', () => {
  let dir: string;
  const open: DataSource[] = [];
  const writers: SqliteWriter[] = [];

  const sqlite = async (opts: { wal?: boolean; database?: string } = {}) => {
    const ds = new DataSource({
      type: 'better-sqlite3',
      database: opts.database ?? join(dir, `${randomUUID()}.sqlite`),
      enableWAL: opts.wal ?? true,
      entities: [WriterRow],
      synchronize: true,
    });
    await ds.initialize();
    open.push(ds);
    return ds;
  };
  const writerFor = async (ds: DataSource) => {
    const writer = await SqliteWriter.open(ds);
    if (writer) writers.push(writer);
    return writer;
  };
  const rows = (ds: DataSource) => ds.getRepository(WriterRow).find({ order: { id: 'ASC' } });
  /** A promise's state without waiting for it. */
  const settled = async (p: Promise<unknown>) => Promise.race([p.then(() => true, () => true), new Promise((r) => setImmediate(() => r(false)))]);
  /** A transaction's work that stops half-way until the test (another flow) lets it go on. */
  const pausable = () => {
    let reached!: () => void;
    let resume!: () => void;
    const atPause = new Promise<void>((r) => (reached = r));
    const resumed = new Promise<void>((r) => (resume = r));
    return { atPause, resume, pause: () => (reached(), resumed) };
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pax8-writer-'));
  });
  afterEach(async () => {
    await Promise.all(writers.splice(0).map((w) => w.close()));
    await Promise.all(open.splice(0).map((ds) => ds.destroy()));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("commits through TypeORM's own manager on the worker: its own reads see its rows, the shared connection only after the commit", async () => {
    const ds = await sqlite();
    const writer = (await writerFor(ds))!;
    expect(writer).not.toBeNull();
    let seenInside: WriterRow[] = [];
    const half = pausable();
    const transaction = runInTransaction(
      ds,
      async (m) => {
        await m.getRepository(WriterRow).insert([{ id: 'a', body: 'one', flagged: true }]);
        await m.createQueryBuilder().insert().into(WriterRow).values({ id: 'b', body: 'two' }).execute();
        await m.getRepository(WriterRow).update({ id: 'b' }, { body: 'two, changed' });
        seenInside = await m.getRepository(WriterRow).find({ order: { id: 'ASC' } });
        await half.pause();
      },
      writer,
    );
    await half.atPause;
    // Another flow reads meanwhile: not held (a read cannot conflict with the worker's writes), it sees the last commit.
    expect(await rows(ds)).toEqual([]);
    half.resume();
    await transaction;
    expect(seenInside.map((r) => [r.id, r.body, r.flagged])).toEqual([
      ['a', 'one', true],
      ['b', 'two, changed', false],
    ]);
    expect((await rows(ds)).map((r) => r.id)).toEqual(['a', 'b']);
    expect(writer.usable).toBe(true);
  });

  it("holds another flow's write until the worker's transaction ends, and keeps it when that transaction rolls back", async () => {
    const ds = await sqlite();
    const writer = (await writerFor(ds))!;
    const half = pausable();
    const failing = runInTransaction(
      ds,
      async (m) => {
        await m.query('INSERT INTO writer_rows (id, body, flagged) VALUES (?, ?, ?)', ['sync', 'from the sync', 0]);
        await half.pause();
        throw new Error('the sync write failed');
      },
      writer,
    );
    await half.atPause;
    // A user's save while the sync's transaction holds the database's write lock on the worker's connection: sent at
    // once it would find the lock taken (and SQLite's busy wait would stop the event loop).
    const userWrite = ds.getRepository(WriterRow).insert({ id: 'user', body: "a user's change" });
    for (let i = 0; i < 5; i++) expect(await settled(userWrite)).toBe(false);
    half.resume();
    await expect(failing).rejects.toThrow('the sync write failed');
    await userWrite;
    expect((await rows(ds)).map((r) => r.id)).toEqual(['user']); // the user's write kept, the failed write gone
    // The writer goes on after a rollback.
    await runInTransaction(ds, (m) => m.query("INSERT INTO writer_rows (id, body, flagged) VALUES ('next', 'x', 0)"), writer);
    expect((await rows(ds)).map((r) => r.id)).toEqual(['next', 'user']);
  });

  it("reports a constraint's error as the driver's (a unique violation is recognised) and rolls the whole transaction back", async () => {
    const ds = await sqlite();
    const writer = (await writerFor(ds))!;
    await ds.getRepository(WriterRow).insert({ id: 'taken', body: 'x', slug: 'taken' });
    const error = await runInTransaction(
      ds,
      async (m) => {
        await m.getRepository(WriterRow).insert({ id: 'fresh', body: 'y' });
        await m.getRepository(WriterRow).insert({ id: 'other', body: 'z', slug: 'taken' });
      },
      writer,
    ).catch((e: unknown) => e);
    expect(isUniqueViolation(error)).toBe(true);
    expect((await rows(ds)).map((r) => [r.id, r.body])).toEqual([['taken', 'x']]);
    expect(writer.usable).toBe(true);
  });

  it("refuses a statement sent on the shared connection from inside the worker's transaction", async () => {
    const ds = await sqlite();
    const writer = (await writerFor(ds))!;
    const wrong = runInTransaction(
      ds,
      async (m) => {
        await m.query("INSERT INTO writer_rows (id, body, flagged) VALUES ('kept?', 'x', 0)");
        await ds.query('SELECT 1'); // outside the transaction's manager: it would not see the row above
      },
      writer,
    );
    await expect(wrong).rejects.toThrow("use the transaction's manager");
    expect(await rows(ds)).toEqual([]);
  });

  it("runs two syncs' writers side by side (one transaction at a time, none busy) with the host's writes between them", async () => {
    const ds = await sqlite();
    const [first, second] = [(await writerFor(ds))!, (await writerFor(ds))!];
    const insert = (id: string) => (m: { query(sql: string, params: unknown[]): Promise<unknown> }) =>
      m.query('INSERT INTO writer_rows (id, body, flagged) VALUES (?, ?, 0)', [id, 'x'.repeat(2000)]);
    await Promise.all([
      ...Array.from({ length: 20 }, (_, i) => runInTransaction(ds, insert(`first-${i}`), first)),
      ...Array.from({ length: 20 }, (_, i) => runInTransaction(ds, insert(`second-${i}`), second)),
      // The host's writes: bare inserts, and saves (TypeORM opens a transaction of its own for each).
      ...Array.from({ length: 10 }, (_, i) => ds.getRepository(WriterRow).insert({ id: `host-${i}`, body: 'y' })),
      ...Array.from({ length: 10 }, (_, i) => ds.getRepository(WriterRow).save({ id: `saved-${i}`, body: 'z' })),
    ]);
    expect(await ds.getRepository(WriterRow).count()).toBe(60);
  });

  it('is not opened where a second connection would not see the same database or would lock its readers out', async () => {
    expect(await writerFor(await sqlite({ database: ':memory:' }))).toBeNull();
    expect(await writerFor(await sqlite({ wal: false }))).toBeNull();
  });

  it('hands transactions back to the shared connection once its thread has stopped, and fails the one it took along', async () => {
    const ds = await sqlite();
    const writer = (await writerFor(ds))!;
    const worker = (writer as unknown as { worker: { terminate(): Promise<number> } }).worker;
    const cut = runInTransaction(
      ds,
      async (m) => {
        await m.query("INSERT INTO writer_rows (id, body, flagged) VALUES ('lost', 'x', 0)");
        await worker.terminate();
        await m.query("INSERT INTO writer_rows (id, body, flagged) VALUES ('never', 'x', 0)");
      },
      writer,
    );
    await expect(cut).rejects.toThrow();
    expect(writer.usable).toBe(false);
    await runInTransaction(ds, (m) => m.getRepository(WriterRow).insert({ id: 'after', body: 'x' }), writer);
    expect((await rows(ds)).map((r) => r.id)).toEqual(['after']);
  });
});
