import { tokenRefreshMarginMs } from './inferences';
import type { AccessTokenProvider } from './token-manager';

/**
 * Where a delegated client gets access tokens: the caller (the connection feature) owns the refresh
 * token, its storage and the one-refresh-per-tenant lock; this package only asks.
 */
export interface DelegatedTokenSource {
  /**
   * A valid access token and when it expires (ms since epoch). `staleToken`: the API refused this
   * token (or a fresh one is wanted), so do not hand it back.
   */
  accessToken(staleToken?: string): Promise<{ value: string; expiresAt: number }>;
}

/** The delegated counterpart of TokenManager: caches the source's token, one request in flight. */
export class DelegatedTokenManager implements AccessTokenProvider {
  #token: { value: string; refreshAt: number; expiresAt: number } | undefined;
  #inFlight: Promise<string> | undefined;
  requests = 0;

  constructor(
    private readonly source: DelegatedTokenSource,
    private readonly now: () => number = Date.now,
  ) {}

  async get(): Promise<string> {
    if (this.#token && this.now() < this.#token.refreshAt) return this.#token.value;
    return this.load(this.#token?.value);
  }

  /** A token newer than the cached one (what "check the connection" uses). */
  refresh(): Promise<string> {
    return this.load(this.#token?.value ?? '');
  }

  invalidate(value: string): void {
    if (this.#token?.value === value) this.#token = { ...this.#token, refreshAt: 0 };
  }

  secrets(): string[] {
    return [this.#token?.value ?? ''];
  }

  get expiresAt(): number | undefined {
    return this.#token?.expiresAt;
  }

  private load(stale: string | undefined): Promise<string> {
    if (!this.#inFlight) {
      this.requests++;
      this.#inFlight = this.source
        .accessToken(stale)
        .then((t) => {
          const lifetime = Math.max(0, t.expiresAt - this.now());
          this.#token = { value: t.value, expiresAt: t.expiresAt, refreshAt: t.expiresAt - tokenRefreshMarginMs(lifetime) };
          return t.value;
        })
        .finally(() => {
          this.#inFlight = undefined;
        });
    }
    return this.#inFlight;
  }
}
