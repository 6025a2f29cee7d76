import type { AxiosInstance, AxiosResponse } from 'axios';
import { formatPax8Date } from './dates';
import {
  Pax8ApiError,
  Pax8AuthenticationError,
  Pax8NotFoundError,
  Pax8RateLimitedError,
  Pax8ResponseError,
  Pax8UnavailableError,
  Pax8ValidationError,
} from './errors';
import type { ResolvedPax8Options } from './options';
import { ParseContext } from './parse/context';
import { parseErrorBody } from './parse/error-body';
import type { RateLimiter } from './rate-limiter';
import { clip, redact } from './redact';
import { classifyNetworkError, parseRetryAfterMs, READ_POLICY, retryDelayMs, RetryPolicy, sleep } from './retry';
import type { AccessTokenProvider } from './token-manager';
import type { WarnOnce } from './warnings';

export type QueryValue = string | number | boolean | Date | undefined | null;

export interface Pax8Request<T> {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Relative to the API base, e.g. /subscriptions/123. */
  path: string;
  /** Another base than `apiBaseUrl` (the v2 webhooks API). */
  baseUrl?: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  policy?: RetryPolicy;
  /** Turns the JSON body (undefined for 204) into the result. */
  parse: (c: ParseContext, body: unknown) => T;
}

/**
 * Sends one logical call: waits for the shared rate limiter before every attempt, attaches the
 * token (refreshing it once on a 401), retries what the call's policy allows with backoff and
 * Retry-After, and maps the final answer to a typed error. Errors carry only redacted plain data.
 */
export class Pax8Transport {
  /** HTTP attempts made against the API (not the token endpoint), for run statistics. */
  calls = 0;

  constructor(
    private readonly http: AxiosInstance,
    private readonly tokens: AccessTokenProvider,
    private readonly limiter: RateLimiter,
    private readonly options: ResolvedPax8Options,
    private readonly warnings: WarnOnce,
  ) {}

  async send<T>(req: Pax8Request<T>): Promise<T> {
    const policy = req.policy ?? READ_POLICY;
    const { method, path } = req;
    let malformedLeft = policy.retryMalformedBody ? this.options.malformedBodyRetries : 0;
    let refreshedAfter401 = false;
    for (let attempt = 1; ; attempt++) {
      // Limiter first, token second: a request queued behind the limiter never leaves with a stale token.
      await this.limiter.acquire();
      const token = await this.tokens.get();
      this.calls++;
      let res: AxiosResponse<string>;
      try {
        res = await this.http.request<string>({
          method,
          url: `${req.baseUrl ?? this.options.apiBaseUrl}${path}`,
          params: serializeQuery(req.query),
          data: req.body === undefined ? undefined : JSON.stringify(req.body),
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', Accept: 'application/json' },
        });
      } catch (err) {
        const failure = classifyNetworkError(err);
        if (policy.retryNetwork(failure.kind) && attempt < this.options.maxAttempts) {
          this.options.logger?.debug?.(`Pax8 ${method} ${path}: ${failure.code}, retrying (attempt ${attempt})`);
          await sleep(retryDelayMs(attempt, this.options));
          continue;
        }
        const unknownOutcome = policy.name !== 'read' && failure.kind !== 'not-sent';
        throw new Pax8UnavailableError(
          `Pax8 did not answer ${method} ${path} (${failure.code}) after ${attempt} attempt(s).` +
            (unknownOutcome ? ' The request may have reached Pax8: check before repeating it.' : ' Try again in a few minutes.'),
          { method, path, attempts: attempt, code: failure.code, outcomeUnknown: unknownOutcome },
        );
      }

      const status = res.status;
      if (status === 401 && !refreshedAfter401) {
        // Authentication happens before processing, so one repeat with a fresh token is safe for every method.
        refreshedAfter401 = true;
        this.tokens.invalidate(token);
        attempt--;
        continue;
      }
      if (status >= 200 && status < 300) {
        const text = typeof res.data === 'string' ? res.data : '';
        let json: unknown;
        if (text.trim() !== '') {
          try {
            json = JSON.parse(text);
          } catch {
            if (malformedLeft-- > 0) {
              this.options.logger?.warn(`Pax8 answered ${method} ${path} with an unreadable body; asking again`);
              await sleep(retryDelayMs(attempt, this.options));
              continue;
            }
            throw new Pax8ResponseError(`Pax8 answered ${method} ${path} with a body that is not valid JSON, ${attempt} time(s). Try again later.`, { status, method, path, attempts: attempt });
          }
        }
        return req.parse(new ParseContext(this.warnings, method, path), json);
      }

      const retryAfterMs = parseRetryAfterMs(res.headers?.['retry-after']);
      if (status === 429) {
        // Our limiter should prevent this; if it happens, every caller on this credential set holds back.
        this.options.logger?.warn(`Pax8 answered ${method} ${path} with 429 (too many requests); pausing this credential set`);
        this.limiter.pause(retryAfterMs ?? retryDelayMs(attempt, this.options));
        if (retryAfterMs !== undefined && retryAfterMs > this.options.maxRetryAfterMs) throw this.errorFor(res, method, path, attempt, retryAfterMs);
      }
      if (policy.retryStatus(status) && attempt < this.options.maxAttempts) {
        this.options.logger?.debug?.(`Pax8 ${method} ${path}: HTTP ${status}, retrying (attempt ${attempt})`);
        await sleep(retryDelayMs(attempt, this.options, retryAfterMs));
        continue;
      }
      throw this.errorFor(res, method, path, attempt, retryAfterMs, policy);
    }
  }

  private errorFor(res: AxiosResponse<string>, method: string, path: string, attempts: number, retryAfterMs?: number, policy: RetryPolicy = READ_POLICY): Pax8ApiError {
    const status = res.status;
    const parsed = parseErrorBody(res.data);
    const said = parsed.message ? clip(redact(parsed.message, this.tokens.secrets())) : undefined;
    const details = parsed.details.map((d) => ({ ...d, message: clip(redact(d.message, this.tokens.secrets())) }));
    const init = { status, method, path, pax8Type: parsed.type, details, attempts };
    const suffix = said ? ` Pax8 said: ${said}` : '';
    switch (true) {
      case status === 401:
        return new Pax8AuthenticationError(`Pax8 refused the access token for ${method} ${path} even after a fresh one was issued. Check the API base URL and audience.${suffix}`, init);
      case status === 404:
        return new Pax8NotFoundError(`Pax8 has no resource at ${method} ${path}.${suffix}`, init);
      case status === 400 || status === 422:
        return new Pax8ValidationError(
          `Pax8 rejected ${method} ${path} (HTTP ${status}).${suffix}${details.length ? ` Details: ${details.map((d) => d.message).join('; ')}` : ''}`,
          init,
        );
      case status === 403:
        return new Pax8ApiError(`Pax8 does not allow ${method} ${path} for these credentials (HTTP 403).${suffix}`, init);
      case status === 429:
        return new Pax8RateLimitedError(
          `Pax8 kept answering "too many requests" for ${method} ${path} after ${attempts} attempt(s)${retryAfterMs !== undefined ? ` (asked to wait ${Math.ceil(retryAfterMs / 1000)} s)` : ''}. Try again later.${suffix}`,
          { ...init, retryAfterMs },
        );
      case status >= 500:
        return new Pax8UnavailableError(`Pax8 failed ${method} ${path} with HTTP ${status} after ${attempts} attempt(s). Try again in a few minutes.${suffix}`, {
          ...init,
          outcomeUnknown: policy.name === 'create-once',
        });
      default:
        return new Pax8ApiError(`Pax8 answered ${method} ${path} with HTTP ${status}.${suffix}`, init);
    }
  }
}

function serializeQuery(query: Record<string, QueryValue> | undefined): Record<string, string> | undefined {
  if (!query) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    out[k] = v instanceof Date ? formatPax8Date(v) : String(v);
  }
  return out;
}
