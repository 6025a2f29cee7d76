/** Contract: tokens, revocation, injected faults, rate limiting and tenant isolation against the sandbox. */
import {
  Pax8CredentialsRejectedError,
  Pax8RateLimitedError,
  Pax8ResponseError,
  Pax8UnavailableError,
} from '../../../server/pax8-api';
import { SandboxHandle, startSandbox } from '../../../server/sandbox';
import { collect, factoryFor, rejection, tokenRequests } from './helpers';

const A = { clientId: 'partner-a', clientSecret: 'secret-a-123456' };
const B = { clientId: 'partner-b', clientSecret: 'secret-b-123456' };

describe('tokens', () => {
  let sb: SandboxHandle;
  beforeEach(async () => {
    sb = await startSandbox({
      partners: [{ ...A, size: { companies: 20, subscriptions: 1000 } }],
      tokenLifetimeSeconds: 2,
      faults: { latencyMs: 30 },
    });
  });
  afterEach(() => sb.close());

  it('refreshes before expiry mid-iteration: one token request per lifetime, never a 401', async () => {
    const { factory } = factoryFor(sb);
    const client = factory.client('t', A);
    const started = Date.now();
    const pages = await collect(client.subscriptions.pages({ size: 10 }));
    const elapsedMs = Date.now() - started;
    expect(pages).toHaveLength(100);
    expect(pages.flatMap((p) => p.items)).toHaveLength(1000);
    expect(elapsedMs).toBeGreaterThan(2000); // the iteration outlived at least one token
    const tokens = tokenRequests(sb);
    // Refreshed at 90% of the 2 s lifetime: at most one request per 1.8 s started, at least one per 2 s.
    expect(tokens).toBeGreaterThanOrEqual(Math.ceil(elapsedMs / 2000));
    expect(tokens).toBeLessThanOrEqual(Math.ceil(elapsedMs / 1800) + 1);
    expect(sb.stats().byStatus['401']).toBeUndefined();
  });

  it('concurrent callers share one in-flight token request; testCredentials fetches a fresh one', async () => {
    const { factory } = factoryFor(sb);
    const client = factory.client('t', A);
    await Promise.all(Array.from({ length: 10 }, (_, i) => client.companies.page({ size: 1 }, i)));
    expect(tokenRequests(sb)).toBe(1);
    const result = await client.testCredentials();
    expect(result.ok).toBe(true);
    expect(result.expiresAt.getTime()).toBeGreaterThan(Date.now());
    expect(result.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + 2000);
    expect(tokenRequests(sb)).toBe(2);
  });

  it('a token dead on the server (revoked then restored) is replaced once after a 401', async () => {
    const { factory } = factoryFor(sb);
    const client = factory.client('t', A);
    await client.companies.page({}, 0);
    sb.revokeClient(A.clientId);
    sb.restoreClient(A.clientId);
    await client.companies.page({}, 0);
    expect(sb.stats().byStatus['401']).toBe(1);
    expect(tokenRequests(sb)).toBe(2);
  });

  it('revoked credentials give Pax8CredentialsRejectedError, from testCredentials and from API calls', async () => {
    const { factory } = factoryFor(sb);
    const client = factory.client('t', A);
    sb.revokeClient(A.clientId);
    const err = await rejection(client.testCredentials());
    expect(err).toBeInstanceOf(Pax8CredentialsRejectedError);
    expect(err.message).toMatch(/rejected or have expired/);
    expect(err.message).toMatch(/connection card/);
    expect(await rejection(client.companies.page({}, 0))).toBeInstanceOf(Pax8CredentialsRejectedError);
    expect(JSON.stringify(err)).not.toContain(A.clientSecret);
  });

  it('revocation mid-run stops the iteration with Pax8CredentialsRejectedError', async () => {
    const { factory } = factoryFor(sb);
    const client = factory.client('t', A);
    sb.setFaults({ revokeAfterRequests: { clientId: A.clientId, requests: 3 } });
    const seen: number[] = [];
    const err = await rejection(
      (async () => {
        for await (const p of client.subscriptions.pages({ size: 50 })) seen.push(p.page.number);
      })(),
    );
    expect(err).toBeInstanceOf(Pax8CredentialsRejectedError);
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(seen.length).toBeLessThan(20);
  });
});

describe('injected faults', () => {
  let sb: SandboxHandle;
  beforeAll(async () => {
    sb = await startSandbox({ partners: [{ ...A, size: 'small' }] });
  });
  afterAll(() => sb.close());
  beforeEach(() => {
    sb.setFaults(undefined);
    sb.resetStats();
  });

  it('a 429 burst with Retry-After is waited out and heals', async () => {
    const { factory } = factoryFor(sb);
    const client = factory.client('t', A);
    sb.setQuirks({ retryAfterHeader: true }); // off by default, as Pax8 does not document it
    sb.setFaults({ rateLimitBurst: { count: 2, retryAfterSeconds: 1 } });
    const started = Date.now();
    const subs = await collect(client.subscriptions.all());
    expect(subs).toHaveLength(500);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(sb.stats().byStatus['429']).toBe(2);
  });

  it('429s beyond the attempts give Pax8RateLimitedError with the wait Pax8 asked for', async () => {
    const { factory } = factoryFor(sb, { maxAttempts: 3 });
    const client = factory.client('t', A);
    sb.setQuirks({ retryAfterHeader: true }); // off by default, as Pax8 does not document it
    sb.setFaults({ rateLimitBurst: { count: 10, retryAfterSeconds: 0 } });
    const err = await rejection(client.companies.page({}, 0));
    expect(err).toBeInstanceOf(Pax8RateLimitedError);
    expect(err).toMatchObject({ status: 429, attempts: 3, method: 'GET', path: '/companies', retryAfterMs: 0 });
    expect(err.message).toContain('Pax8 said: Too many requests'); // Pax8's own words are kept
  });

  it('a Retry-After longer than we accept fails at once with Pax8RateLimitedError', async () => {
    const { factory } = factoryFor(sb, { maxRetryAfterMs: 500 });
    sb.setQuirks({ retryAfterHeader: true }); // off by default, as Pax8 does not document it
    sb.setFaults({ rateLimitBurst: { count: 1, retryAfterSeconds: 30 } });
    const err = await rejection(factory.client('t', A).companies.page({}, 0));
    expect(err).toBeInstanceOf(Pax8RateLimitedError);
    expect((err as Pax8RateLimitedError).retryAfterMs).toBe(30_000);
  });

  it('a 5xx rate heals through retries', async () => {
    const { factory } = factoryFor(sb);
    const client = factory.client('t', A);
    sb.setFaults({ seed: 3, errorRate: { 'GET /v1/subscriptions': { rate: 0.4, statuses: [500, 502, 503] } } });
    const pages = await collect(client.subscriptions.pages({ size: 20 }));
    expect(pages.flatMap((p) => p.items)).toHaveLength(500);
    const s = sb.stats().byStatus;
    expect((s['500'] ?? 0) + (s['502'] ?? 0) + (s['503'] ?? 0)).toBeGreaterThan(0);
  });

  it('a permanent 5xx gives Pax8UnavailableError naming method, path, attempts and status', async () => {
    const { factory } = factoryFor(sb, { maxAttempts: 3 });
    sb.setFaults({ errorRate: { 'GET /v1/companies': { rate: 1, statuses: [503] } } });
    const err = await rejection(factory.client('t', A).companies.page({ status: 'Active' }, 0));
    expect(err).toBeInstanceOf(Pax8UnavailableError);
    expect(err).toMatchObject({ status: 503, attempts: 3, method: 'GET', path: '/companies' });
    expect(err.message).toMatch(/GET \/companies .*503.*3 attempt/);
    expect(err.message).not.toContain('status=Active');
  });

  it('connection resets heal on reads; persistent resets give Pax8UnavailableError', async () => {
    const { factory } = factoryFor(sb, { maxAttempts: 3 });
    const client = factory.client('t', A);
    sb.setFaults({ connectionReset: { count: 2 } });
    expect((await client.companies.page({}, 0)).items.length).toBeGreaterThan(0);
    sb.setFaults({ connectionReset: { count: 10 } });
    const err = await rejection(client.companies.page({}, 0));
    expect(err).toBeInstanceOf(Pax8UnavailableError);
    expect((err as Pax8UnavailableError).code).toBe('ECONNRESET');
    expect((err as Pax8UnavailableError).attempts).toBe(3);
  });

  it('a malformed 200 body on a GET is asked again, then gives Pax8ResponseError', async () => {
    const { factory } = factoryFor(sb);
    const client = factory.client('t', A);
    sb.setFaults({ malformedBody: { count: 1 } });
    expect((await client.companies.page({}, 0)).items.length).toBeGreaterThan(0);
    sb.setFaults({ malformedBody: { count: 10 } });
    const err = await rejection(client.companies.page({}, 0));
    expect(err).toBeInstanceOf(Pax8ResponseError);
    expect(sb.stats().byRoute['GET /v1/companies']).toBe(2 + 3); // 1 + 1 healed, then 1 + malformedBodyRetries (2)
  });

  it('a short page can be fetched again on its own', async () => {
    const { factory } = factoryFor(sb);
    const client = factory.client('t', A);
    sb.setFaults({ shortPage: { count: 1, route: 'GET /v1/subscriptions', drop: 5 } });
    const first = await client.subscriptions.page({}, 0);
    expect(first.items.length).toBe(195);
    expect(first.page.totalElements).toBe(500);
    const again = await client.subscriptions.page({}, 0);
    expect(again.items.length).toBe(200);
  });

  async function orderBody(client: ReturnType<ReturnType<typeof factoryFor>['factory']['client']>) {
    const company = (await collect(client.companies.all({ status: 'Active' })))[0];
    const product = (await collect(client.products.all({ vendorName: 'Microsoft' }))).find((p) => p.requiresCommitment)!;
    const dep = (await client.products.dependencies(product.id)).commitmentDependencies.find((d) => d.term === 'Monthly')!;
    return {
      companyId: company.id,
      lineItems: [{ lineItemNumber: 1, productId: product.id, quantity: 1, billingTerm: 'Monthly', commitmentTermId: dep.id,
        provisioningDetails: [{ key: 'msDomain', values: ['faulttest'] }] }],
    };
  }

  it('orders.create is never repeated after a reset or a 5xx (outcomeUnknown), but is after a 429', async () => {
    const { factory } = factoryFor(sb);
    const client = factory.client('t', A);
    const body = await orderBody(client);
    const store = sb.store(A.clientId).orders;

    sb.resetStats();
    sb.setFaults({ connectionReset: { count: 1, route: 'POST /v1/orders' } });
    const reset = await rejection(client.orders.create(body));
    expect(reset).toBeInstanceOf(Pax8UnavailableError);
    expect((reset as Pax8UnavailableError).outcomeUnknown).toBe(true);
    expect(reset.message).toMatch(/check before repeating/);
    expect(sb.stats().byRoute['POST /v1/orders']).toBe(1);

    sb.resetStats();
    sb.setFaults({ errorRate: { 'POST /v1/orders': { rate: 1, statuses: [503] } } });
    const e503 = await rejection(client.orders.create(body));
    expect(e503).toBeInstanceOf(Pax8UnavailableError);
    expect((e503 as Pax8UnavailableError).outcomeUnknown).toBe(true);
    expect(sb.stats().byRoute['POST /v1/orders']).toBe(1);

    sb.resetStats();
    sb.setFaults({ malformedBody: { count: 1, route: 'POST /v1/orders' } });
    expect(await rejection(client.orders.create(body))).toBeInstanceOf(Pax8ResponseError);
    expect(sb.stats().byRoute['POST /v1/orders']).toBe(1);

    sb.resetStats();
    const before = store.size;
    sb.setFaults({ rateLimitBurst: { count: 1, route: 'POST /v1/orders', retryAfterSeconds: 0 } });
    const order = await client.orders.create(body);
    expect(order.id).toBeTruthy();
    expect(sb.stats().byRoute['POST /v1/orders']).toBe(2);
    expect(store.size).toBe(before + 1);
  });

  it('quantity updates and cancels (idempotent) are retried through 5xx and resets', async () => {
    const { factory } = factoryFor(sb);
    const client = factory.client('t', A);
    const sub = (await collect(client.subscriptions.all({ status: 'Active' }))).find((s) => !s.commitment || s.commitment.term === 'Monthly')!;
    sb.setFaults({ errorRate: { 'PUT /v1/subscriptions/:id': { rate: 1, statuses: [503] } } });
    // 503 every time: retried maxAttempts times, then a clean error.
    const err = await rejection(client.subscriptions.updateQuantity(sub.id, (sub.quantity ?? 1) + 1));
    expect(err).toBeInstanceOf(Pax8UnavailableError);
    expect((err as Pax8UnavailableError).attempts).toBe(5);
    sb.setFaults({ connectionReset: { count: 1, route: 'PUT /v1/subscriptions/:id' } });
    const updated = await client.subscriptions.updateQuantity(sub.id, (sub.quantity ?? 1) + 1);
    expect(updated.quantity).toBe((sub.quantity ?? 1) + 1);
    sb.setFaults({ connectionReset: { count: 1, route: 'DELETE /v1/subscriptions/:id' } });
    await client.subscriptions.cancel(sub.id);
    expect(sb.stats().byRoute['DELETE /v1/subscriptions/:id']).toBe(2);
  });
});

describe('rate limiting', () => {
  it('with a client limiter matching the server window, a burst of calls draws no 429', async () => {
    const sb = await startSandbox({ partners: [{ ...A, size: 'demo' }], rateLimit: { limit: 50, windowMs: 2000 } });
    try {
      const { factory } = factoryFor(sb, { requestsPerMinute: 50, rateLimitWindowMs: 2000 });
      const client = factory.client('t', A);
      const companies = (await client.companies.page({}, 0)).items;
      // 120 calls from 3 clients of the same credential set: they share one limiter.
      const clients = [client, factory.client('t', A), factory.client('t', A)];
      await Promise.all(Array.from({ length: 119 }, (_, i) => clients[i % 3].companies.get(companies[i % companies.length].id)));
      const stats = sb.stats();
      expect(stats.byStatus['429']).toBeUndefined();
      expect(stats.peakPerWindow[A.clientId]).toBeLessThanOrEqual(50);
      expect(stats.peakPerWindow[A.clientId]).toBeGreaterThan(40);
      expect(tokenRequests(sb)).toBe(1);
    } finally {
      await sb.close();
    }
  });
});

describe('tenant isolation', () => {
  it('two cache keys with different credentials never share a token or data', async () => {
    const sb = await startSandbox({ partners: [{ ...A, seed: 1, size: 'demo' }, { ...B, seed: 2, size: 'demo' }] });
    try {
      const { factory } = factoryFor(sb);
      const a = factory.client('tenant-a', A);
      const b = factory.client('tenant-b', B);
      const idsA = (await collect(a.companies.all())).map((c) => c.id);
      const idsB = (await collect(b.companies.all())).map((c) => c.id);
      expect(idsA.filter((id) => idsB.includes(id))).toEqual([]);
      expect(tokenRequests(sb)).toBe(2);
      expect(sb.stats().byClient[A.clientId]).toBeGreaterThan(0);
      expect(sb.stats().byClient[B.clientId]).toBeGreaterThan(0);

      // Same credentials, same key: shared token. Same key, rotated (different) credentials: a new token.
      await factory.client('tenant-a', A).companies.page({}, 0);
      expect(tokenRequests(sb)).toBe(2);
      await factory.client('tenant-a', B).companies.page({}, 0);
      expect(tokenRequests(sb)).toBe(3);

      // Revoking A leaves B untouched.
      sb.revokeClient(A.clientId);
      expect(await rejection(a.testCredentials())).toBeInstanceOf(Pax8CredentialsRejectedError);
      expect((await b.companies.page({}, 0)).items.length).toBe(idsB.length);
    } finally {
      await sb.close();
    }
  });
});
