import { createHash } from 'node:crypto';
import type Redis from 'ioredis';
import type { RateLimiter } from './rate-limiter';

/**
 * One atomic step on Redis's own clock (every process sees the same time): drop starts older than the
 * window, then either record a start and answer 0, or answer how many ms to wait (a pause set after a
 * 429 wins). KEYS[1] = starts (sorted set), KEYS[2] = pause; ARGV = limit, span ms, member.
 */
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local paused = redis.call('PTTL', KEYS[2])
if paused > 0 then return paused end
local span = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - span)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], span)
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return math.max(1, tonumber(oldest[2]) + span - now + 1)
`;

/**
 * The sliding window of `SlidingWindowRateLimiter`, kept in Redis so every process calling Pax8 with
 * one credential set shares one budget (Pax8 counts per credential, not per process). The key is a
 * hash of the client id: no secret reaches Redis.
 */
export class RedisWindowRateLimiter implements RateLimiter {
  private readonly startsKey: string;
  private readonly pauseKey: string;
  private seq = 0;

  constructor(
    private readonly redis: Redis,
    clientId: string,
    readonly limit: number,
    readonly windowMs: number,
    readonly skewMs = 0,
  ) {
    const id = createHash('sha256').update(clientId).digest('hex').slice(0, 32);
    this.startsKey = `pax8:ratelimit:${id}`;
    this.pauseKey = `pax8:ratelimit:${id}:pause`;
  }

  /** Resolves when the caller may send one request (and counts it in the shared window). */
  async acquire(): Promise<void> {
    const member = `${process.pid}:${Date.now()}:${this.seq++}:${Math.random()}`;
    for (;;) {
      const wait = Number(await this.redis.eval(ACQUIRE, 2, this.startsKey, this.pauseKey, this.limit, this.windowMs + this.skewMs, member));
      if (wait <= 0) return;
      await new Promise((r) => setTimeout(r, wait));
    }
  }

  /** After a 429: every process on this credential set holds back for `ms`. */
  pause(ms: number): void {
    if (ms > 0) this.redis.set(this.pauseKey, '1', 'PX', Math.ceil(ms)).catch(() => undefined);
  }
}
