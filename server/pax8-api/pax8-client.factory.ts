import axios, { AxiosInstance } from 'axios';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { assertCredentials, credentialCacheKey, Pax8Credentials } from './credentials';
import { Pax8ClientFactoryOptions, ResolvedPax8Options, resolveOptions } from './options';
import { Pax8Client } from './pax8-client';
import { SlidingWindowRateLimiter } from './rate-limiter';
import { AccessTokenProvider, TokenManager } from './token-manager';
import { DelegatedTokenManager, DelegatedTokenSource } from './delegated-token-manager';
import { RedisWindowRateLimiter } from './redis-rate-limiter';
import type IORedis from 'ioredis';
import type { Redis } from 'ioredis';
import { Pax8Transport } from './http';
import { WarnOnce } from './warnings';

/** ioredis is an optional peer: loaded only when the rate limit is shared across processes. */
function openRedis(url: string): Redis {
  let ioredis: { default?: typeof IORedis } & typeof IORedis;
  try {
    ioredis = require('ioredis');
  } catch (err) {
    throw new Error(`A rate limit shared through Redis needs the ioredis package installed in the host (${(err as Error).message.split('\n')[0]})`);
  }
  const Client = ioredis.default ?? ioredis;
  return new Client(url, { lazyConnect: true });
}

interface CredentialSet {
  tokens: AccessTokenProvider;
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
  private readonly redis?: Redis;

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
    if (this.options.rateLimitRedisUrl) this.redis = openRedis(this.options.rateLimitRedisUrl);
  }

  /** Closes the Redis connection of a shared rate limit (Nest calls this on shutdown). */
  async onModuleDestroy(): Promise<void> {
    await this.redis?.quit().catch(() => undefined);
  }

  client(cacheKey: string, credentials: Pax8Credentials): Pax8Client {
    assertCredentials(credentials);
    const set = this.set(credentialCacheKey(cacheKey, credentials), credentials.clientId, () => new TokenManager({ clientId: credentials.clientId, clientSecret: credentials.clientSecret }, this.http, this.options));
    return new Pax8Client(set.transport, set.tokens, this.options.pageSize, this.options.webhooksApiBaseUrl);
  }

  /**
   * A client on a delegated grant (Connect with Pax8): tokens come from `source`; `grantKey` names the
   * grant (a new consent gets a new key, so nothing is shared across consents). Same limiter rules.
   */
  delegatedClient(cacheKey: string, grantKey: string, source: DelegatedTokenSource): Pax8Client {
    const set = this.set(`${cacheKey}#delegated:${grantKey}`, `delegated:${grantKey}`, () => new DelegatedTokenManager(source));
    return new Pax8Client(set.transport, set.tokens, this.options.pageSize, this.options.webhooksApiBaseUrl);
  }

  /** The cached set for a key, or a new one; `limiterId` names the budget Pax8 counts (shared through Redis when configured). */
  private set(key: string, limiterId: string, tokens: () => AccessTokenProvider): CredentialSet {
    let set = this.#sets.get(key);
    if (set) {
      // Map order is the recency order: move this set to the end.
      this.#sets.delete(key);
      this.#sets.set(key, set);
      return set;
    }
    const provider = tokens();
    const { requestsPerMinute: limit, rateLimitWindowMs: windowMs, rateLimitSkewMs: skewMs } = this.options;
    const limiter = this.redis ? new RedisWindowRateLimiter(this.redis, limiterId, limit, windowMs, skewMs) : new SlidingWindowRateLimiter(limit, windowMs, skewMs);
    set = { tokens: provider, transport: new Pax8Transport(this.http, provider, limiter, this.options, this.warnings) };
    this.#sets.set(key, set);
    // Drop the least recently used: a tenant's live set is used on every request, stale test sets are not.
    while (this.#sets.size > this.options.maxCredentialSets) this.#sets.delete(this.#sets.keys().next().value!);
    return set;
  }

  /** How many credential sets are cached (bounded by `maxCredentialSets`). */
  get cachedCredentialSets(): number {
    return this.#sets.size;
  }

  /** Drops every cached token and limiter of a cache key (e.g. after a tenant disconnects). */
  forget(cacheKey: string): void {
    for (const key of [...this.#sets.keys()]) if (key.startsWith(`${cacheKey}#`)) this.#sets.delete(key);
  }
}
