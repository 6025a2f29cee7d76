/** Where the client reports retries and data surprises. Messages never contain secrets or tokens. */
export interface Pax8Logger {
  warn(message: string): void;
  debug?(message: string): void;
}

/** Options of a Pax8ClientFactory (one per process). Every field has a default. */
export interface Pax8ClientFactoryOptions {
  /** API base URL. Default https://api.pax8.com/v1 (pax8-api.md §1). */
  apiBaseUrl?: string;
  /** Webhooks API base (v2, §15). Default https://api.pax8.com/api/v2. */
  webhooksApiBaseUrl?: string;
  /** OAuth token endpoint. Default https://api.pax8.com/v1/token. */
  tokenUrl?: string;
  /** OAuth audience. Default https://api.pax8.com (partner endpoints). */
  audience?: string;
  /** Page size for list calls. Default and maximum 200 (Pax8's maximum, §2). */
  pageSize?: number;
  /** Client-side limit per credential set. Default 900 per minute: a margin under Pax8's 1000/min (§3). */
  requestsPerMinute?: number;
  /**
   * Window of the sliding limiter in ms. Default 60,000 (so the limit is `requestsPerMinute` per minute).
   * Tests use short windows: `{requestsPerMinute: 45, rateLimitWindowMs: 2000}` = 45 per 2 s.
   */
  rateLimitWindowMs?: number;
  /**
   * Extra time a request stays counted in the window, covering latency differences between our send time
   * and Pax8's arrival time. Default 250 ms.
   */
  rateLimitSkewMs?: number;
  /** HTTP attempts per call, including the first. Default 5. */
  maxAttempts?: number;
  /** Backoff base (exponential, full jitter). Default 500 ms. */
  baseDelayMs?: number;
  /** Backoff ceiling for one wait. Default 30,000 ms. */
  maxDelayMs?: number;
  /** Longest Retry-After we wait for inside a call; longer asks fail with Pax8RateLimitedError. Default 120,000 ms. */
  maxRetryAfterMs?: number;
  /** Per-request timeout. Default 30,000 ms. */
  timeoutMs?: number;
  /** How often a GET answered 200 with a non-JSON body is repeated before Pax8ResponseError. Default 2. */
  malformedBodyRetries?: number;
  /**
   * Credential sets (token + limiter) kept in memory; the least recently used beyond this are dropped.
   * Every credential test with a new secret makes one, so without a bound they would pile up. Default 1000.
   */
  maxCredentialSets?: number;
  /**
   * Redis URL: when set, the rate limit window of each credential set lives in Redis, shared by every
   * process (replicas, queue workers) that calls Pax8 with it. Unset: each process limits itself alone.
   */
  rateLimitRedisUrl?: string;
  logger?: Pax8Logger;
}

export type ResolvedPax8Options = Required<Omit<Pax8ClientFactoryOptions, 'logger' | 'rateLimitRedisUrl'>> & { logger?: Pax8Logger; rateLimitRedisUrl?: string };

export const PAX8_MAX_PAGE_SIZE = 200;

export const PAX8_DEFAULT_OPTIONS: Readonly<Required<Omit<Pax8ClientFactoryOptions, 'logger' | 'rateLimitRedisUrl'>>> = Object.freeze({
  apiBaseUrl: 'https://api.pax8.com/v1',
  webhooksApiBaseUrl: 'https://api.pax8.com/api/v2',
  tokenUrl: 'https://api.pax8.com/v1/token',
  audience: 'https://api.pax8.com',
  pageSize: PAX8_MAX_PAGE_SIZE,
  requestsPerMinute: 900,
  rateLimitWindowMs: 60_000,
  rateLimitSkewMs: 250,
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
  timeoutMs: 30_000,
  malformedBodyRetries: 2,
  maxCredentialSets: 1000,
});

/** Applies defaults and rejects nonsense early (at start-up rather than mid-sync). */
export function resolveOptions(options: Pax8ClientFactoryOptions = {}): ResolvedPax8Options {
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  const o = { ...PAX8_DEFAULT_OPTIONS, ...defined } as ResolvedPax8Options;
  const positiveInt = (name: keyof ResolvedPax8Options, min = 1) => {
    const v = o[name] as unknown;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min) {
      throw new Error(`Pax8 client option ${String(name)} must be an integer >= ${min} (got ${String(v)})`);
    }
  };
  positiveInt('pageSize');
  positiveInt('requestsPerMinute');
  positiveInt('rateLimitWindowMs');
  positiveInt('rateLimitSkewMs', 0);
  positiveInt('maxAttempts');
  positiveInt('baseDelayMs', 0);
  positiveInt('maxDelayMs', 0);
  positiveInt('maxRetryAfterMs', 0);
  positiveInt('timeoutMs');
  positiveInt('malformedBodyRetries', 0);
  positiveInt('maxCredentialSets');
  if (o.pageSize > PAX8_MAX_PAGE_SIZE) {
    throw new Error(`Pax8 client option pageSize must be at most ${PAX8_MAX_PAGE_SIZE} (Pax8's maximum)`);
  }
  o.apiBaseUrl = o.apiBaseUrl.replace(/\/+$/, '');
  o.webhooksApiBaseUrl = o.webhooksApiBaseUrl.replace(/\/+$/, '');
  return o;
}
