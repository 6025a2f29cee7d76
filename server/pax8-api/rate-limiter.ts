/** What the transport waits on before every request: in-process (below) or shared through Redis. */
export interface RateLimiter {
  acquire(): Promise<void>;
  pause(ms: number): void;
}

/**
 * Sliding-window limiter shared by every request of one credential set (all clients built for the same
 * cacheKey + credentials get the same instance). At most `limit` requests START in any window of
 * `windowMs + skewMs`; the skew covers latency differences between our send time and Pax8's arrival time,
 * so Pax8's own window never sees more than `limit`. A 429 pauses everyone on the credential set.
 * Waiters are served first come, first served.
 */
export class SlidingWindowRateLimiter implements RateLimiter {
  private readonly starts: number[] = [];
  private readonly queue: Array<() => void> = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private pausedUntil = 0;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    readonly skewMs = 0,
    private readonly now: () => number = Date.now,
  ) {}

  /** Resolves when the caller may send one request (and counts it). */
  acquire(): Promise<void> {
    return new Promise((resolve) => {
      this.queue.push(resolve);
      this.drain();
    });
  }

  /** Holds every waiter back for `ms` (after a 429), without dropping the window history. */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
  }

  /** Requests counted in the current window (for tests and diagnostics). */
  inWindow(): number {
    this.expire(this.now());
    return this.starts.length;
  }

  private expire(now: number): void {
    const span = this.windowMs + this.skewMs;
    while (this.starts.length && this.starts[0] <= now - span) this.starts.shift();
  }

  private drain(): void {
    if (this.timer) return;
    while (this.queue.length) {
      const now = this.now();
      this.expire(now);
      let waitUntil = this.pausedUntil > now ? this.pausedUntil : 0;
      if (!waitUntil && this.starts.length >= this.limit) waitUntil = this.starts[0] + this.windowMs + this.skewMs;
      if (waitUntil) {
        this.timer = setTimeout(() => {
          this.timer = undefined;
          this.drain();
        }, Math.max(1, waitUntil - now + 1));
        return;
      }
      this.starts.push(now);
      this.queue.shift()!();
    }
  }
}
