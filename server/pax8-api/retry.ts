/**
 * Retry rules: which failures are worth repeating for which kind of request, and how long to wait.
 * Backoff is exponential with FULL jitter (a random wait in [0, min(max, base·2^(n-1))]) so many clients
 * failing together do not retry in lock-step; a Retry-After from Pax8 always wins when it is longer.
 */

export type NetworkFailureKind =
  /** The connection was refused or the host not found: the request provably never reached Pax8. */
  | 'not-sent'
  /** Reset or closed mid-flight (ECONNRESET, socket hang up): Pax8 may or may not have processed it. */
  | 'reset'
  /** No answer in time: Pax8 may or may not have processed it. */
  | 'timeout'
  | 'other';

export interface NetworkFailure {
  kind: NetworkFailureKind;
  /** An error code only (ECONNRESET, ...): the raw axios error is never kept, its config holds the token. */
  code: string;
}

const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);
const RESET = new Set(['ECONNRESET', 'EPIPE', 'ERR_SOCKET_CONNECTION_TIMEOUT', 'ECONNABORTED_RESET']);
const TIMEOUT = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']);

/** Reads only the code and a fixed message check from a thrown network error; nothing else is copied. */
export function classifyNetworkError(err: unknown): NetworkFailure {
  const e = (err ?? {}) as { code?: unknown; message?: unknown; cause?: { code?: unknown } };
  const code = typeof e.code === 'string' ? e.code : typeof e.cause?.code === 'string' ? (e.cause.code as string) : '';
  const message = typeof e.message === 'string' ? e.message : '';
  if (NOT_SENT.has(code)) return { kind: 'not-sent', code };
  if (RESET.has(code) || /socket hang up/i.test(message)) return { kind: 'reset', code: code || 'ECONNRESET' };
  if (TIMEOUT.has(code) || /timeout/i.test(message)) return { kind: 'timeout', code: code || 'ETIMEDOUT' };
  return { kind: 'other', code: code || 'ERR_NETWORK' };
}

export interface RetryPolicy {
  readonly name: 'read' | 'idempotent-write' | 'create-once';
  retryStatus(status: number): boolean;
  retryNetwork(kind: NetworkFailureKind): boolean;
  /** Repeat a 200 whose body is not JSON (only safe for reads). */
  readonly retryMalformedBody: boolean;
}

/** GETs: repeat on 408, 429, 500, 502, 503, 504 and on any network failure (RETRY_500_ON_GET in inferences.ts). */
export const READ_POLICY: RetryPolicy = {
  name: 'read',
  retryStatus: (s) => s === 408 || s === 429 || s === 500 || s === 502 || s === 503 || s === 504,
  retryNetwork: () => true,
  retryMalformedBody: true,
};

/** PUT quantity (absolute value) and DELETE (cancel): repeating is harmless, so 429/502/503/504 and network failures. */
export const IDEMPOTENT_WRITE_POLICY: RetryPolicy = {
  name: 'idempotent-write',
  retryStatus: (s) => s === 429 || s === 502 || s === 503 || s === 504,
  retryNetwork: () => true,
  retryMalformedBody: false,
};

/**
 * HOW THE CLIENT GUARANTEES NO DOUBLED ORDER. Pax8's POST /orders has no idempotency key and a repeated POST
 * creates a second, billable order (pax8-api.md §5, §7). So `orders.create` is repeated ONLY when Pax8
 * provably did not process the first request:
 *   - a 429 answer (the rate limiter refused it before any processing);
 *   - a 401 answer, repeated once with a fresh token (authentication happens before processing);
 *   - a connection that was never established (ECONNREFUSED, ENOTFOUND, EAI_AGAIN, ENETUNREACH, EHOSTUNREACH).
 * Every other failure (timeout, connection reset, 5xx, unreadable 200) is thrown at once; network failures
 * and 5xx throw Pax8UnavailableError with `outcomeUnknown: true`, telling the caller to look at
 * GET /orders?companyId=… before deciding to order again. Callers should first send the same body with
 * `isMock: true` (Pax8 runs every validation and creates nothing), so a real order is only posted once it
 * is known to be valid and a validation failure never needs a retry.
 */
export const ORDER_CREATE_NO_DOUBLE_ORDER_GUARANTEE =
  'POST /orders is repeated only after a 429, a 401 (once, with a fresh token) or a connection that was never ' +
  'established; timeouts, resets, 5xx and unreadable answers are never repeated and report outcomeUnknown so the ' +
  'caller checks GET /orders first. Validate with isMock=true before the real order.';

export const CREATE_ONCE_POLICY: RetryPolicy = {
  name: 'create-once',
  retryStatus: (s) => s === 429,
  retryNetwork: (kind) => kind === 'not-sent',
  retryMalformedBody: false,
};

/** Full-jitter exponential backoff for the n-th failed attempt (1-based). */
export function backoffDelayMs(failedAttempt: number, baseDelayMs: number, maxDelayMs: number, random: () => number = Math.random): number {
  const exp = baseDelayMs * 2 ** Math.max(0, failedAttempt - 1);
  const cap = Math.min(maxDelayMs, exp);
  return Math.floor(random() * cap);
}

/**
 * The wait before the next attempt: Retry-After when Pax8 sent one (plus a little jitter so clients
 * sharing a credential do not all return in the same millisecond), otherwise full-jitter backoff.
 */
export function retryDelayMs(
  failedAttempt: number,
  opts: { baseDelayMs: number; maxDelayMs: number },
  retryAfterMs?: number,
  random: () => number = Math.random,
): number {
  if (retryAfterMs !== undefined) return retryAfterMs + Math.floor(random() * Math.min(opts.baseDelayMs, 1000));
  return backoffDelayMs(failedAttempt, opts.baseDelayMs, opts.maxDelayMs, random);
}

/** Retry-After as delay-seconds ("120") or an HTTP date ("Wed, 21 Oct 2015 07:28:00 GMT"); undefined if absent/invalid. */
export function parseRetryAfterMs(header: unknown, now: number = Date.now()): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return Math.round(value * 1000);
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
