import {
  backoffDelayMs,
  classifyNetworkError,
  CREATE_ONCE_POLICY,
  IDEMPOTENT_WRITE_POLICY,
  parseRetryAfterMs,
  READ_POLICY,
  retryDelayMs,
} from './retry';

describe('retry delays', () => {
  it('grows exponentially up to the ceiling, with full jitter', () => {
    const top = () => 0.999999;
    expect(backoffDelayMs(1, 100, 10_000, top)).toBe(99);
    expect(backoffDelayMs(2, 100, 10_000, top)).toBe(199);
    expect(backoffDelayMs(4, 100, 10_000, top)).toBe(799);
    expect(backoffDelayMs(20, 100, 10_000, top)).toBe(9999);
    expect(backoffDelayMs(3, 100, 10_000, () => 0)).toBe(0);
    for (let i = 0; i < 100; i++) {
      const d = backoffDelayMs(3, 100, 10_000);
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThan(400);
    }
  });

  it('lets Retry-After win, plus a little jitter', () => {
    expect(retryDelayMs(1, { baseDelayMs: 100, maxDelayMs: 1000 }, 5000, () => 0.5)).toBe(5050);
    expect(retryDelayMs(1, { baseDelayMs: 100, maxDelayMs: 1000 }, undefined, () => 0.5)).toBe(50);
  });

  it('parses Retry-After seconds and HTTP dates', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfterMs('2', now)).toBe(2000);
    expect(parseRetryAfterMs('0.5', now)).toBe(500);
    expect(parseRetryAfterMs(['3'], now)).toBe(3000);
    expect(parseRetryAfterMs('Wed, 01 Jan 2025 00:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfterMs('Tue, 31 Dec 2024 00:00:10 GMT', now)).toBe(0);
    expect(parseRetryAfterMs('soon', now)).toBeUndefined();
    expect(parseRetryAfterMs(undefined, now)).toBeUndefined();
  });
});

describe('retry policies', () => {
  it('classifies network failures by code only', () => {
    expect(classifyNetworkError({ code: 'ECONNREFUSED' }).kind).toBe('not-sent');
    expect(classifyNetworkError({ code: 'ECONNRESET' }).kind).toBe('reset');
    expect(classifyNetworkError({ message: 'socket hang up' })).toEqual({ kind: 'reset', code: 'ECONNRESET' });
    expect(classifyNetworkError({ code: 'ECONNABORTED', message: 'timeout of 10ms exceeded' }).kind).toBe('timeout');
    expect(classifyNetworkError({ code: 'ERR_BAD_RESPONSE' }).kind).toBe('other');
  });

  it('retries reads broadly, writes narrowly, and order creation only when provably unprocessed', () => {
    for (const s of [429, 500, 502, 503, 504]) expect(READ_POLICY.retryStatus(s)).toBe(true);
    expect(READ_POLICY.retryStatus(404)).toBe(false);
    expect(IDEMPOTENT_WRITE_POLICY.retryStatus(500)).toBe(false);
    expect(IDEMPOTENT_WRITE_POLICY.retryStatus(503)).toBe(true);
    expect(CREATE_ONCE_POLICY.retryStatus(429)).toBe(true);
    for (const s of [500, 502, 503, 504, 408]) expect(CREATE_ONCE_POLICY.retryStatus(s)).toBe(false);
    expect(CREATE_ONCE_POLICY.retryNetwork('not-sent')).toBe(true);
    for (const k of ['reset', 'timeout', 'other'] as const) expect(CREATE_ONCE_POLICY.retryNetwork(k)).toBe(false);
    expect(CREATE_ONCE_POLICY.retryMalformedBody).toBe(false);
  });
});
