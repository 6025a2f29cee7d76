import type { DataSource } from 'typeorm';
import { PageWriter } from './page-writer';
import { writeQueueFor } from './sync.service';

/** Writes the test releases by hand (oldest first), so it can queue pages while they run. */
function controlledWriter(minBatch: number, maxQueued = 10_000, concurrency = 1, refillWhileWriting = false) {
  const writes: Array<{ items: number[]; pagesDone: number; pagesTotal: number; earlierWrites: () => Promise<void> }> = [];
  const releases: Array<() => void> = [];
  let fail: Error | undefined;
  const writer = new PageWriter<number>(
    async (items, pagesDone, pagesTotal, earlierWrites) => {
      writes.push({ items, pagesDone, pagesTotal, earlierWrites });
      if (fail) throw fail;
      await new Promise<void>((r) => releases.push(r));
    },
    { maxQueuedItems: maxQueued, minBatchItems: minBatch, concurrency, refillWhileWriting },
  );
  const page = (n: number, size = 200) => Array.from({ length: size }, (_, i) => n * 1000 + i);
  const settle = () => new Promise((r) => setImmediate(r));
  /** With a batch of 200 and a queue of 600: write 1 (page 1) runs, held; pages 2-4 fill the queue and page 4's add waits. */
  const fillUntilBlocked = async () => {
    await writer.add(page(1), 1, 9);
    await writer.add(page(2), 2, 9);
    await writer.add(page(3), 3, 9);
    const state = { added: false };
    const blocked = writer.add(page(4), 4, 9).then(() => void (state.added = true));
    await settle();
    return { blocked, added: () => state.added };
  };
  return { writer, writes, page, settle, fillUntilBlocked, release: () => releases.shift()?.(), running: () => releases.length, failNext: (e: Error) => (fail = e) };
}

describe('PageWriter', () => {
  it('waits for the minimum batch before the first write, then writes the pages in order in one call', async () => {
    const w = controlledWriter(1000);
    for (let n = 1; n <= 4; n++) await w.writer.add(w.page(n), n, 10);
    await w.settle();
    expect(w.writes).toHaveLength(0); // 800 items: below the batch
    await w.writer.add(w.page(5), 5, 10);
    await w.settle();
    expect(w.writes).toHaveLength(1);
    expect(w.writes[0].items).toEqual([1, 2, 3, 4, 5].flatMap((n) => w.page(n)));
    expect(w.writes[0]).toMatchObject({ pagesDone: 5, pagesTotal: 10 });
  });

  it('merges pages that arrive during a write into the next one, and flush writes a short remainder', async () => {
    const w = controlledWriter(400);
    await w.writer.add(w.page(1), 1, 4);
    await w.writer.add(w.page(2), 2, 4); // 400: the first write starts and is held
    await w.writer.add(w.page(3), 3, 4); // arrives during it
    await w.settle();
    expect(w.writes.map((x) => x.pagesDone)).toEqual([2]);
    const flushed = w.writer.flush();
    w.release();
    await w.settle();
    expect(w.writes.map((x) => x.items.length)).toEqual([400, 200]); // page 3 alone, below the batch, at flush
    w.release();
    await flushed;
    expect(w.writes.map((x) => x.pagesDone)).toEqual([2, 3]);
  });

  it('holds the fetch loop back while the queue is full', async () => {
    const w = controlledWriter(200, 600);
    const { blocked, added } = await w.fillUntilBlocked();
    expect(added()).toBe(false);
    w.release();
    await w.settle();
    expect(added()).toBe(false); // write 2 took the queue, but the loop has not drained it yet
    w.release();
    await blocked;
    expect(added()).toBe(true);
  });

  it('with refillWhileWriting, lets the fetch loop refill the queue as soon as a write takes it', async () => {
    const w = controlledWriter(200, 600, 1, true);
    const { blocked, added } = await w.fillUntilBlocked();
    expect(added()).toBe(false);
    w.release(); // write 1 ends; write 2 takes pages 2-4 and is held
    await blocked;
    expect(added()).toBe(true); // woken while write 2 runs (without the option: only once the queue drained)
    expect(w.running()).toBe(1);
    expect(w.writes.map((x) => x.items.length)).toEqual([200, 600]);
    await w.writer.add(w.page(5), 5, 9); // refills during write 2
    const flushed = w.writer.flush();
    w.release();
    await w.settle();
    w.release();
    await flushed;
    expect(w.writes.map((x) => x.pagesDone)).toEqual([1, 4, 5]);
  });

  it('surfaces a failed write to the next add and to flush, and writes nothing after it', async () => {
    const w = controlledWriter(200);
    w.failNext(new Error('disk full'));
    await w.writer.add(w.page(1), 1, 3);
    await w.settle();
    await expect(w.writer.add(w.page(2), 2, 3)).rejects.toThrow('disk full');
    await expect(w.writer.flush()).rejects.toThrow('disk full');
    expect(w.writes).toHaveLength(1);
  });

  it('abandon drops queued pages without writing them', async () => {
    const w = controlledWriter(1000);
    await w.writer.add(w.page(1), 1, 3);
    await w.writer.abandon();
    await w.writer.flush();
    expect(w.writes).toHaveLength(0);
  });

  describe('with two writes at once', () => {
    it('starts a second write for pages that queue during the first, and no third', async () => {
      const w = controlledWriter(200, 10_000, 2);
      await w.writer.add(w.page(1), 1, 9);
      await w.writer.add(w.page(2), 2, 9);
      await w.writer.add(w.page(3), 3, 9);
      await w.settle();
      expect(w.writes.map((x) => x.pagesDone)).toEqual([1, 2]);
      expect(w.running()).toBe(2); // page 3 waits for one of them
      w.release();
      await w.settle();
      expect(w.writes.map((x) => x.pagesDone)).toEqual([1, 2, 3]);
      const flushed = w.writer.flush();
      w.release();
      w.release();
      await flushed;
      expect(w.writes.flatMap((x) => x.items)).toEqual([1, 2, 3].flatMap((n) => w.page(n)));
    });

    it("tells each write when the writes started before it have ended, in any order they end", async () => {
      const w = controlledWriter(200, 10_000, 2);
      await w.writer.add(w.page(1), 1, 9);
      await w.writer.add(w.page(2), 2, 9);
      await w.settle();
      let earlierDone = false;
      void w.writes[1].earlierWrites().then(() => (earlierDone = true));
      await w.settle();
      expect(earlierDone).toBe(false); // write 1 still runs
      w.release(); // ends write 1
      await w.settle();
      expect(earlierDone).toBe(true);
      let firstHasNone = false;
      await w.writes[0].earlierWrites().then(() => (firstHasNone = true));
      expect(firstHasNone).toBe(true);
      w.release();
      await w.writer.flush();
    });

    it('holds the fetch loop while the queue is full, until a write loop finds nothing left to take', async () => {
      const w = controlledWriter(200, 400, 2);
      await w.writer.add(w.page(1), 1, 9);
      await w.writer.add(w.page(2), 2, 9); // two writes held
      await w.writer.add(w.page(3), 3, 9);
      let added = false;
      const blocked = w.writer.add(w.page(4), 4, 9).then(() => (added = true)); // 400 queued: full
      await w.settle();
      expect(added).toBe(false);
      w.release(); // write 1 ends; its loop takes pages 3 and 4 into one write
      await w.settle();
      expect(w.writes.map((x) => x.pagesDone)).toEqual([1, 2, 4]);
      expect(added).toBe(false); // both loops still write
      w.release(); // write 2 ends with the queue empty: its loop ends
      await blocked;
      w.release();
      await w.writer.flush();
    });

    it('a failed write stops the pull while the other write ends; abandon waits for it', async () => {
      const w = controlledWriter(200, 10_000, 2);
      await w.writer.add(w.page(1), 1, 9); // held
      w.failNext(new Error('deadlock'));
      await w.writer.add(w.page(2), 2, 9); // fails at once
      await w.settle();
      await expect(w.writer.add(w.page(3), 3, 9)).rejects.toThrow('deadlock');
      let abandoned = false;
      const done = w.writer.abandon().then(() => (abandoned = true));
      await w.settle();
      expect(abandoned).toBe(false); // write 1 still runs
      w.release();
      await done;
      expect(w.writes.map((x) => x.pagesDone)).toEqual([1, 2]);
    });
  });
});

describe('writeQueueFor', () => {
  const on = (type: string) => ({ options: { type } }) as unknown as DataSource;

  it('writes side by side only on a first pull on PostgreSQL or MariaDB, as many as the option says', () => {
    expect(writeQueueFor(on('postgres'), true, 2).concurrency).toBe(2);
    expect(writeQueueFor(on('mysql'), true, 1).concurrency).toBe(1);
    expect(writeQueueFor(on('mariadb'), true, 3).concurrency).toBe(3);
    expect(writeQueueFor(on('postgres'), false, 2).concurrency).toBe(1);
    expect(writeQueueFor(on('better-sqlite3'), true, 2).concurrency).toBe(1); // one connection
    expect(writeQueueFor(on('better-sqlite3'), false, 2).concurrency).toBe(1);
  });

  it('refills the queue during a write only on a first pull on SQLite', () => {
    expect(writeQueueFor(on('better-sqlite3'), true).refillWhileWriting).toBe(true);
    expect(writeQueueFor(on('better-sqlite3'), false).refillWhileWriting).toBe(false);
    expect(writeQueueFor(on('postgres'), true).refillWhileWriting).toBe(false);
    expect(writeQueueFor(on('mariadb'), true).refillWhileWriting).toBe(false);
  });
});
