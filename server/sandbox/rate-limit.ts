/**
 * Sliding-window counters per credential (§11.4). One class serves two uses: the limiter (counts only
 * successful requests, as the "1000 successful calls" wording suggests) and the peak meter in the stats
 * (counts every API request).
 */
export class SlidingWindow {
  private readonly hits = new Map<string, { times: number[]; head: number }>();
  private readonly peaks = new Map<string, number>();

  constructor(public windowMs: number) {}

  private bucket(key: string, now: number) {
    let b = this.hits.get(key);
    if (!b) {
      b = { times: [], head: 0 };
      this.hits.set(key, b);
    }
    while (b.head < b.times.length && b.times[b.head] <= now - this.windowMs) b.head++;
    // Compact now and then so the array does not grow without bound.
    if (b.head > 1024 && b.head * 2 > b.times.length) {
      b.times = b.times.slice(b.head);
      b.head = 0;
    }
    return b;
  }

  count(key: string, now: number): number {
    const b = this.bucket(key, now);
    return b.times.length - b.head;
  }

  add(key: string, now: number): void {
    const b = this.bucket(key, now);
    b.times.push(now);
    const n = b.times.length - b.head;
    if (n > (this.peaks.get(key) ?? 0)) this.peaks.set(key, n);
  }

  /** ms until the oldest hit leaves the window. */
  msUntilFree(key: string, now: number): number {
    const b = this.bucket(key, now);
    if (b.head >= b.times.length) return 0;
    return Math.max(0, b.times[b.head] + this.windowMs - now);
  }

  peaksByKey(): Record<string, number> {
    return Object.fromEntries(this.peaks);
  }

  reset(): void {
    this.hits.clear();
    this.peaks.clear();
  }
}

export class RateLimiter {
  private readonly window: SlidingWindow;
  constructor(
    public limit: number,
    windowMs: number,
  ) {
    this.window = new SlidingWindow(windowMs);
  }
  /** undefined when allowed, else seconds to wait. */
  check(clientId: string, now: number): number | undefined {
    if (this.window.count(clientId, now) < this.limit) return undefined;
    return Math.max(1, Math.ceil(this.window.msUntilFree(clientId, now) / 1000));
  }
  recordSuccess(clientId: string, now: number): void {
    this.window.add(clientId, now);
  }
}
