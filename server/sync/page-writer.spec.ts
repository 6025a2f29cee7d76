import { PageWriter } from './page-writer';

/** A write the test releases by hand, so it can queue pages while one runs. */
function controlledWriter(minBatch: number, maxQueued = 10_000) {
  const writes: Array<{ items: number[]; pagesDone: number; pagesTotal: number }> = [];
  let release: (() => void) | undefined;
  let fail: Error | undefined;
  const writer = new PageWriter<number>(
    async (items, pagesDone, pagesTotal) => {
      writes.push({ items, pagesDone, pagesTotal });
      if (fail) throw fail;
      await new Promise<void>((r) => (release = r));
    },
    maxQueued,
    minBatch,
  );
  const page = (n: number, size = 200) => Array.from({ length: size }, (_, i) => n * 1000 + i);
  const settle = () => new Promise((r) => setImmediate(r));
  return { writer, writes, page, settle, release: () => release?.(), failNext: (e: Error) => (fail = e) };
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
    await w.writer.add(w.page(1), 1, 9); // write 1 starts, held
    await w.writer.add(w.page(2), 2, 9);
    await w.writer.add(w.page(3), 3, 9);
    let added = false;
    const blocked = w.writer.add(w.page(4), 4, 9).then(() => (added = true)); // queue reaches 600
    await w.settle();
    expect(added).toBe(false);
    w.release();
    await w.settle();
    w.release();
    await blocked;
    expect(added).toBe(true);
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
});
