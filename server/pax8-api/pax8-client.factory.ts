import axios, { AxiosInstance } from 'axios';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { assertCredentials, credentialCacheKey, Pax8Credentials } from './credentials';
import { Pax8ClientFactoryOptions, ResolvedPax8Options, resolveOptions } from './options';
import { Pax8Client } from './pax8-client';
import { SlidingWindowRateLimiter } from './rate-limiter';
import { TokenManager } from './token-manager';
import { Pax8Transport } from './http';
import { WarnOnce } from './warnings';

interface CredentialSet {
  tokens: TokenManager;
  transport: Pax8Transport;
}

/**
 * One per process. Hands out Pax8 clients keyed by the caller's cache key (e.g. the tenant) plus a
 * hash of the credentials: clients of one credential set share a token and a rate limiter; two
 * tenants, or one tenant before and after a rotation, never share anything.
 */
export class Pax8ClientFactory {
  private readonly options: ResolvedPax8Options;
  private readonly http: AxiosInstance;
  private readonly warnings: WarnOnce;
  readonly #sets = new Map<string, CredentialSet>();

  constructor(options: Pax8ClientFactoryOptions = {}) {
    this.options = resolveOptions(options);
    this.warnings = new WarnOnce(this.options.logger);
    this.http = axios.create({
      timeout: this.options.timeoutMs,
      validateStatus: () => true,
      // Bodies are parsed by the transport, so a malformed page is detected instead of passed on as text.
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
      httpAgent: new HttpAgent({ keepAlive: true }),
      httpsAgent: new HttpsAgent({ keepAlive: true }),
      maxRedirects: 0,
    });
  }

  client(cacheKey: string, credentials: Pax8Credentials): Pax8Client {
    assertCredentials(credentials);
    const key = credentialCacheKey(cacheKey, credentials);
    let set = this.#sets.get(key);
    if (!set) {
      const tokens = new TokenManager({ clientId: credentials.clientId, clientSecret: credentials.clientSecret }, this.http, this.options);
      const limiter = new SlidingWindowRateLimiter(this.options.requestsPerMinute, this.options.rateLimitWindowMs, this.options.rateLimitSkewMs);
      set = { tokens, transport: new Pax8Transport(this.http, tokens, limiter, this.options, this.warnings) };
      this.#sets.set(key, set);
    }
    return new Pax8Client(set.transport, set.tokens, this.options.pageSize);
  }

  /** Drops every cached token and limiter of a cache key (e.g. after a tenant disconnects). */
  forget(cacheKey: string): void {
    for (const key of [...this.#sets.keys()]) if (key.startsWith(`${cacheKey}#`)) this.#sets.delete(key);
  }
}
