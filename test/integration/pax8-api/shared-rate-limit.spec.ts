import IORedis from 'ioredis';
import { startSandbox } from '../../../server/sandbox';
import { factoryFor } from './helpers';

/**
 * Two factories stand for two processes (replicas, queue workers) calling Pax8 with one credential
 * set. Needs PAX8_TEST_REDIS_URL (`.ci/run` sets it).
 */
const REDIS_URL = process.env.PAX8_TEST_REDIS_URL;
const A = { clientId: 'shared-rl-client', clientSecret: 'shared-rl-secret' };
const WINDOW = { limit: 30, windowMs: 2000 };

describe('rate limit across processes', () => {
  if (!REDIS_URL) {
    it('needs PAX8_TEST_REDIS_URL (set by .ci/run)', () => expect(REDIS_URL).toBeUndefined());
    return;
  }

  const burst = async (rateLimitRedisUrl?: string) => {
    const sb = await startSandbox({ partners: [{ ...A, size: 'demo' }], rateLimit: WINDOW });
    // The skew is the limiter's margin for the time between a granted slot and the request's arrival at
    // Pax8 (250 ms by default). Here the sandbox shares the test's event loop, which on a loaded CI
    // machine delays arrivals by far more than a network would, so the margin is set to half the window.
    const processes = [0, 1].map(
      () => factoryFor(sb, { requestsPerMinute: WINDOW.limit, rateLimitWindowMs: WINDOW.windowMs, rateLimitSkewMs: WINDOW.windowMs / 2, maxAttempts: 1, rateLimitRedisUrl }).factory,
    );
    try {
      const clients = processes.map((f) => f.client('tenant', A));
      const ids = (await clients[0].companies.page({}, 0)).items.map((c) => c.id);
      // 2 × 25 calls at once: each process alone stays under 30, together they exceed it.
      const results = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => clients[i % 2].companies.get(ids[i % ids.length])));
      return { failed: results.filter((r) => r.status === 'rejected').length, stats: sb.stats() };
    } finally {
      await Promise.all(processes.map((f) => f.onModuleDestroy()));
      await sb.close();
    }
  };

  afterAll(async () => {
    const redis = new IORedis(REDIS_URL);
    const keys = await redis.keys('pax8:ratelimit:*');
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  it('without Redis each process keeps only its own budget: together they draw 429s (the in-process promise)', async () => {
    const { stats } = await burst();
    expect(stats.byStatus['429']).toBeGreaterThan(0);
  });

  it('with rateLimitRedisUrl the processes share one window and draw no 429', async () => {
    const { failed, stats } = await burst(REDIS_URL);
    expect(failed).toBe(0);
    expect(stats.byStatus['429']).toBeUndefined();
    expect(stats.peakPerWindow[A.clientId]).toBeLessThanOrEqual(WINDOW.limit);
  });
});
