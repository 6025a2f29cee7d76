/**
 * A write of queued pages. `earlierWrites` settles once every write that started before this one has
 * ended: a write whose rows may also be in one of those (a page repeating an id) waits for it first.
 */
export type PageWrite<T> = (items: T[], pagesDone: number, pagesTotal: number, earlierWrites: () => Promise<void>) => Promise<void>;

/** How pages queue for the writer (see `writeQueueFor` for the sizes each database and pull gets). */
export interface WriteQueue {
  /** Items waiting to be written at most: past it, queuing waits for a write to end. */
  maxQueuedItems: number;
  /** The items one write waits for (flush writes what is left). Default 1. */
  minBatchItems?: number;
  /** Writes at once, each in its own transaction. Default 1. */
  concurrency?: number;
  /** Wake the fetch loop as soon as a write takes the queue, not once the queue has drained. Default false. */
  refillWhileWriting?: boolean;
}

/**
 * Writes pulled pages behind the fetching: the fetch loop queues each verified page and goes on to
 * the next one; pages that arrive while a write runs are merged into the next write (one
 * transaction), so a slow database gets fewer, larger transactions instead of holding up the pull.
 * A write starts once `minBatchItems` are queued (or at `flush`): every transaction costs a commit and
 * rewrites the index pages it touched, so several pages in one cost far less than each alone (SQLite,
 * 40,000 rows: 1,000-row transactions took half the time of 200-row ones). The queue is bounded
 * (`maxQueuedItems`): past it, queuing waits for a write to end. Up to `concurrency` writes run at once
 * (each in its own transaction, on its own connection), so a database server can use more than one core.
 */
export class PageWriter<T> {
  private queue: Array<{ items: T[]; pagesDone: number; pagesTotal: number }> = [];
  private queuedItems = 0;
  /** Running write loops; each takes what is queued until the queue is empty. */
  private readonly loops = new Set<Promise<void>>();
  /** Writes in progress, for a later write's `earlierWrites`. */
  private readonly writes = new Set<Promise<void>>();
  private failure: { error: unknown } | undefined;
  /**
   * The fetch loop waiting for room in a full queue: woken when a write loop ends (the queue is empty then), or,
   * with `refillWhileWriting`, as soon as a write takes the queue. Pages that wait longer outlive V8's young
   * generation, and over the network that garbage set the sync's peak heap; on SQLite (writes on this thread)
   * it did not, and there the writer idled while the next pages were fetched.
   */
  private roomWaiters: Array<() => void> = [];

  private readonly maxQueuedItems: number;
  private readonly minBatchItems: number;
  private readonly concurrency: number;
  private readonly refillWhileWriting: boolean;

  constructor(
    private readonly write: PageWrite<T>,
    queue: WriteQueue,
  ) {
    ({ maxQueuedItems: this.maxQueuedItems, minBatchItems: this.minBatchItems = 1, concurrency: this.concurrency = 1, refillWhileWriting: this.refillWhileWriting = false } = queue);
  }

  /** Queues a page (its items in order); waits while the queue is full; throws a failed write's error. */
  async add(items: T[], pagesDone: number, pagesTotal: number): Promise<void> {
    this.throwIfFailed();
    this.queue.push({ items, pagesDone, pagesTotal });
    this.queuedItems += items.length;
    if (this.queuedItems >= this.minBatchItems) this.startLoops();
    while (this.queuedItems >= this.maxQueuedItems && this.loops.size) await new Promise<void>((r) => this.roomWaiters.push(r));
    this.throwIfFailed();
  }

  /** Waits until every queued page is written; throws a failed write's error. */
  async flush(): Promise<void> {
    this.startLoops();
    while (this.loops.size) {
      await Promise.all(this.loops);
      this.startLoops();
    }
    this.throwIfFailed();
  }

  /** Waits for the writes in progress to end, ignoring their outcome (the pull failed: nothing more is written). */
  async abandon(): Promise<void> {
    this.queue = [];
    this.queuedItems = 0;
    while (this.loops.size) await Promise.all(this.loops);
  }

  private startLoops(): void {
    while (this.queue.length && !this.failure && this.loops.size < this.concurrency) {
      const loop: Promise<void> = this.drain().finally(() => {
        this.loops.delete(loop);
        this.wakeRoomWaiters();
      });
      this.loops.add(loop);
    }
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length && !this.failure) {
        const batch = this.queue.splice(0);
        this.queuedItems = 0;
        if (this.refillWhileWriting) this.wakeRoomWaiters();
        const last = batch[batch.length - 1];
        const earlier = [...this.writes];
        const earlierWrites = () => Promise.allSettled(earlier).then(() => undefined);
        const write = this.write(batch.length === 1 ? last.items : batch.flatMap((b) => b.items), last.pagesDone, last.pagesTotal, earlierWrites);
        this.writes.add(write);
        try {
          await write;
        } finally {
          this.writes.delete(write);
        }
      }
    } catch (error) {
      this.failure ??= { error };
      this.queue = [];
      this.queuedItems = 0;
    }
  }

  private wakeRoomWaiters(): void {
    const waiters = this.roomWaiters;
    this.roomWaiters = [];
    waiters.forEach((wake) => wake());
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure.error;
  }
}
