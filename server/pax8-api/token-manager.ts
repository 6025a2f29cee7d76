import type { AxiosInstance } from 'axios';
import { Pax8AuthenticationError, Pax8CredentialsRejectedError, Pax8UnavailableError } from './errors';
import { tokenRefreshMarginMs } from './inferences';
import type { ResolvedPax8Options } from './options';
import { parseErrorBody } from './parse/error-body';
import { clip, redact } from './redact';
import { classifyNetworkError, parseRetryAfterMs, READ_POLICY, retryDelayMs, sleep } from './retry';
import type { Pax8Credentials } from './credentials';

const TOKEN_PATH = '/token';

/** What the transport needs from a token source: client credentials (TokenManager) or a delegated grant. */
export interface AccessTokenProvider {
  get(): Promise<string>;
  refresh(): Promise<string>;
  invalidate(value: string): void;
  /** Values to scrub from any text that leaves the client. */
  secrets(): string[];
  readonly expiresAt: number | undefined;
  requests: number;
}

/**
 * One access token per credential set: fetched on first use, reused until shortly before it expires
 * (tokenRefreshMarginMs), shared by concurrent callers (one request in flight), dropped when the API
 * refuses it. The credentials live in a closure, never in an enumerable field that could be logged.
 */
export class TokenManager implements AccessTokenProvider {
  // ES private fields: invisible to util.inspect and JSON, so a logged manager never shows the token.
  #token: { value: string; refreshAt: number; expiresAt: number } | undefined;
  #inFlight: Promise<string> | undefined;
  /** Token requests made (for tests and diagnostics). */
  requests = 0;
  private readonly fetchToken: () => Promise<{ value: string; refreshAt: number; expiresAt: number }>;
  readonly secrets: () => string[];

  constructor(
    credentials: Pax8Credentials,
    http: AxiosInstance,
    options: ResolvedPax8Options,
    private readonly now: () => number = Date.now,
  ) {
    const clientId = credentials.clientId;
    const clientSecret = credentials.clientSecret;
    this.secrets = () => [clientSecret, this.#token?.value ?? ''];
    this.fetchToken = async () => {
      for (let attempt = 1; ; attempt++) {
        this.requests++;
        // Lifetime counts from before the request: a slow answer then errs on the early side.
        const sentAt = now();
        let res;
        try {
          res = await http.request({
            method: 'POST',
            url: options.tokenUrl,
            data: JSON.stringify({ client_id: clientId, client_secret: clientSecret, audience: options.audience, grant_type: 'client_credentials' }),
            headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          });
        } catch (err) {
          const failure = classifyNetworkError(err);
          if (attempt < options.maxAttempts) {
            await sleep(retryDelayMs(attempt, options));
            continue;
          }
          throw new Pax8UnavailableError(`The Pax8 token endpoint did not answer (${failure.code}) after ${attempt} attempts. Try again later.`, {
            method: 'POST',
            path: TOKEN_PATH,
            attempts: attempt,
            code: failure.code,
          });
        }
        const body = safeJson(res.data);
        if (res.status === 200 && body && typeof body.access_token === 'string') {
          const lifetimeMs = (typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : 86_400) * 1000;
          const expiresAt = sentAt + lifetimeMs;
          return { value: body.access_token, expiresAt, refreshAt: expiresAt - tokenRefreshMarginMs(lifetimeMs) };
        }
        const parsed = parseErrorBody(body);
        const reason = parsed.message ? clip(redact(parsed.message, [clientSecret])) : undefined;
        if ((res.status === 401 || res.status === 403) && parsed.type) {
          throw new Pax8CredentialsRejectedError({ status: res.status, method: 'POST', path: TOKEN_PATH, pax8Type: parsed.type, attempts: attempt }, reason);
        }
        if (READ_POLICY.retryStatus(res.status) && attempt < options.maxAttempts) {
          await sleep(retryDelayMs(attempt, options, parseRetryAfterMs(res.headers?.['retry-after'])));
          continue;
        }
        if (res.status >= 500 || res.status === 429) {
          throw new Pax8UnavailableError(`The Pax8 token endpoint kept failing (HTTP ${res.status}) after ${attempt} attempts. Try again later.`, {
            status: res.status,
            method: 'POST',
            path: TOKEN_PATH,
            attempts: attempt,
          });
        }
        throw new Pax8AuthenticationError(`The Pax8 token endpoint refused the request (HTTP ${res.status}${reason ? `: ${reason}` : ''}). Check the token URL and audience settings.`, {
          status: res.status,
          method: 'POST',
          path: TOKEN_PATH,
          pax8Type: parsed.type,
          attempts: attempt,
        });
      }
    };
  }

  /** A valid token, from cache when it is still fresh. */
  async get(): Promise<string> {
    if (this.#token && this.now() < this.#token.refreshAt) return this.#token.value;
    return this.refresh();
  }

  /** A new token now, whatever the cache holds (also what a credential test uses). */
  refresh(): Promise<string> {
    if (!this.#inFlight) {
      this.#inFlight = this.fetchToken()
        .then((t) => {
          this.#token = t;
          return t.value;
        })
        .finally(() => {
          this.#inFlight = undefined;
        });
    }
    return this.#inFlight;
  }

  /** The API refused this token: forget it (unless a newer one already replaced it). */
  invalidate(value: string): void {
    if (this.#token?.value === value) this.#token = undefined;
  }

  /** When the cached token expires at Pax8 (ms since epoch). */
  get expiresAt(): number | undefined {
    return this.#token?.expiresAt;
  }
}

function safeJson(data: unknown): Record<string, any> | undefined {
  if (data && typeof data === 'object') return data as Record<string, any>;
  if (typeof data !== 'string' || !data) return undefined;
  try {
    const v = JSON.parse(data);
    return v && typeof v === 'object' ? v : undefined;
  } catch {
    return undefined;
  }
}
