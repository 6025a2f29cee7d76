/**
 * Writes pulled pages behind the fetching: the fetch loop queues each verified page and goes on to
 * the next one; pages that arrive while a write runs are merged into the next write (one
 * transaction), so a slow database gets fewer, larger transactions instead of holding up the pull.
 * A write starts once `minBatchItems` are queued (or at `flush`): every transaction costs a commit and
 * rewrites the index pages it touched, so several pages in one cost far less than each alone (SQLite,
 * 40,000 rows: 1,000-row transactions took half the time of 200-row ones). The queue is bounded (`maxQueuedItems`): past it, queuing waits for the writer.
 */
export class PageWriter<T> {
  private queue: Array<{ items: T[]; pagesDone: number; pagesTotal: number }> = [];
  private queuedItems = 0;
  private running: Promise<void> | undefined;
  private failure: { error: unknown } | undefined;

  constructor(
    private readonly write: (items: T[], pagesDone: number, pagesTotal: number) => Promise<void>,
    private readonly maxQueuedItems: number,
    private readonly minBatchItems = 1,
  ) {}

  /** Queues a page (its items in order); waits while the queue is full; throws a failed write's error. */
  async add(items: T[], pagesDone: number, pagesTotal: number): Promise<void> {
    this.throwIfFailed();
    this.queue.push({ items, pagesDone, pagesTotal });
    this.queuedItems += items.length;
    if (this.queuedItems >= this.minBatchItems) this.running ??= this.drain();
    while (this.queuedItems >= this.maxQueuedItems && this.running) await this.running;
    this.throwIfFailed();
  }

  /** Waits until every queued page is written; throws a failed write's error. */
  async flush(): Promise<void> {
    if (this.queue.length) this.running ??= this.drain();
    while (this.running) await this.running;
    this.throwIfFailed();
  }

  /** Waits for a write in progress to end, ignoring its outcome (the pull failed: nothing more is written). */
  async abandon(): Promise<void> {
    this.queue = [];
    this.queuedItems = 0;
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length && !this.failure) {
        const batch = this.queue.splice(0);
        this.queuedItems = 0;
        const last = batch[batch.length - 1];
        await this.write(batch.length === 1 ? last.items : batch.flatMap((b) => b.items), last.pagesDone, last.pagesTotal);
      }
    } catch (error) {
      this.failure = { error };
      this.queue = [];
      this.queuedItems = 0;
    } finally {
      this.running = undefined;
    }
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure.error;
  }
}
