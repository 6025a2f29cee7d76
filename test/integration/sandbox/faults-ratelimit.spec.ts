import axios from 'axios';
import http from 'http';
import { harness, Harness, expectEnvelope } from './helpers';

describe('sandbox: rate limit (§11.4) and fault injection', () => {
  describe('rate limit', () => {
    let h: Harness;
    beforeAll(async () => {
      h = await harness({ rateLimit: { limit: 5, windowMs: 1000 }, partners: [{ clientId: 'a', clientSecret: 's' }, { clientId: 'b', clientSecret: 's' }] });
    });
    afterAll(() => h.sb.close());

    it('allows `limit` successful requests per credential per window, then 429 (Retry-After only as a quirk)', async () => {
      const t = await h.token('a');
      h.sb.setQuirks({ retryAfterHeader: true });
      for (let i = 0; i < 5; i++) expect((await h.api('GET', '/v1/companies', { token: t })).status).toBe(200);
      const over = await h.api('GET', '/v1/companies', { token: t });
      expectEnvelope(over, 429, 'TOO_MANY_REQUESTS');
      expect(Number(over.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      // another credential has its own bucket
      expect((await h.api('GET', '/v1/companies', { token: await h.token('b') })).status).toBe(200);
      // failures do not count ("successful calls")
      h.sb.setQuirks({ retryAfterHeader: false });
      const noHeader = await h.api('GET', '/v1/companies', { token: t });
      expect(noHeader.status).toBe(429);
      expect(noHeader.headers['retry-after']).toBeUndefined();
      await new Promise((r) => setTimeout(r, 1050));
      expect((await h.api('GET', '/v1/companies', { token: t })).status).toBe(200);
      expect(h.sb.stats().peakPerWindow.a).toBeGreaterThanOrEqual(6);
    });

    it('counts only successful requests', async () => {
      const t = await h.token('b');
      await new Promise((r) => setTimeout(r, 1050));
      for (let i = 0; i < 10; i++) expect((await h.api('GET', '/v1/companies/missing', { token: t })).status).toBe(404);
      expect((await h.api('GET', '/v1/companies', { token: t })).status).toBe(200);
    });
  });

  describe('faults', () => {
    let h: Harness;
    beforeAll(async () => {
      h = await harness({ rateLimit: false });
    });
    afterAll(() => h.sb.close());
    afterEach(() => h.sb.setFaults(undefined));

    it('adds latency', async () => {
      h.sb.setFaults({ latencyMs: 150 });
      const t0 = Date.now();
      expect((await h.api('GET', '/v1/products')).status).toBe(200);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
    });

    it('answers a seeded share of 5xx per route key, identically for the same seed', async () => {
      const run = async () => {
        h.sb.setFaults({ seed: 42, errorRate: { 'GET /v1/subscriptions/:id': { rate: 0.5 } } });
        const id = [...h.sb.store('sandbox-client').subscriptions.keys()][0];
        const statuses: number[] = [];
        for (let i = 0; i < 40; i++) statuses.push((await h.api('GET', `/v1/subscriptions/${id}`)).status);
        expect((await h.api('GET', '/v1/companies')).status).toBe(200); // other routes untouched
        return statuses;
      };
      const first = await run();
      const second = await run();
      expect(second).toEqual(first);
      const failed = first.filter((s) => s >= 500);
      expect(failed.length).toBeGreaterThan(8);
      expect(failed.length).toBeLessThan(32);
      expect(new Set(failed)).toEqual(new Set([500, 502, 503]));
      h.sb.setFaults({ seed: 7, errorRate: { '*': { rate: 1, statuses: [503] } } });
      expectEnvelope(await h.api('GET', '/v1/companies'), 503, 'SERVICE_UNAVAILABLE');
    });

    it('sends 429 bursts for the next N requests on a route', async () => {
      h.sb.setQuirks({ retryAfterHeader: true });
      h.sb.setFaults({ rateLimitBurst: { count: 2, route: 'GET /v1/companies', retryAfterSeconds: 3 } });
      expect((await h.api('GET', '/v1/products')).status).toBe(200);
      const r1 = await h.api('GET', '/v1/companies');
      expect(r1.status).toBe(429);
      expect(r1.headers['retry-after']).toBe('3');
      expect((await h.api('GET', '/v1/companies')).status).toBe(429);
      expect((await h.api('GET', '/v1/companies')).status).toBe(200);
      // Off by default: Pax8 does not document Retry-After.
      h.sb.setQuirks({ retryAfterHeader: false });
      h.sb.setFaults({ rateLimitBurst: { count: 1, route: 'GET /v1/companies', retryAfterSeconds: 3 } });
      const bare = await h.api('GET', '/v1/companies');
      expect(bare.status).toBe(429);
      expect(bare.headers['retry-after']).toBeUndefined();
    });

    it('resets the connection without an answer', async () => {
      await h.api('GET', '/v1/products'); // token fetched before the fault is armed
      h.sb.setFaults({ connectionReset: { count: 1 } });
      const agent = new http.Agent({ keepAlive: false });
      const tok = await h.token();
      await expect(axios.get(`${h.sb.apiBaseUrl}/products`, { httpAgent: agent, headers: { Authorization: `Bearer ${tok}` } })).rejects.toMatchObject({
        code: expect.stringMatching(/ECONNRESET|ERR_BAD_RESPONSE|ECONNABORTED/),
      });
      expect((await h.api('GET', '/v1/products')).status).toBe(200);
      expect(h.sb.stats().byStatus['0']).toBe(1);
    });

    it('returns 200 with a body that is not JSON', async () => {
      h.sb.setFaults({ malformedBody: { count: 1, route: 'GET /v1/companies' } });
      const res = await h.http.get('/v1/companies', { headers: { Authorization: `Bearer ${await h.token()}` }, transformResponse: (x) => x });
      expect(res.status).toBe(200);
      expect(() => JSON.parse(res.data)).toThrow();
      expect((await h.api('GET', '/v1/companies')).status).toBe(200);
    });

    it('revokes the credentials after N more requests', async () => {
      const t = await h.token();
      h.sb.setFaults({ revokeAfterRequests: { clientId: 'sandbox-client', requests: 3 } });
      for (let i = 0; i < 3; i++) expect((await h.api('GET', '/v1/products', { token: t })).status).toBe(200);
      expectEnvelope(await h.api('GET', '/v1/products', { token: t }), 401, 'UNAUTHORIZED');
      await expect(h.token()).rejects.toThrow(/401/);
      h.sb.restoreClient('sandbox-client');
    });

    it('is driven by the admin endpoints too', async () => {
      expect((await h.http.post('/__admin/faults', { rateLimitBurst: { count: 1 } })).status).toBe(200);
      expect((await h.http.get('/__admin/faults')).data).toEqual({ rateLimitBurst: { count: 1 } });
      const t = await h.token(); // the token endpoint is not hit by unnamed faults
      expect((await h.api('GET', '/v1/products', { token: t })).status).toBe(429);
      expect((await h.http.get('/__admin/stats')).data.faultsInjected).toEqual({ rateLimit: 1 });
      await h.http.post('/__admin/faults', {});
      expect((await h.api('GET', '/v1/products', { token: t })).status).toBe(200);
    });
  });
});

describe('sandbox: short pages', () => {
  it('drops items from the next N list answers while keeping the totals', async () => {
    const h = await harness({ partners: [{ clientId: 'a', clientSecret: 's', size: 'small' }] });
    try {
      const full = await h.api('GET', '/v1/subscriptions', { params: { size: 50 } });
      h.sb.setFaults({ shortPage: { count: 1, route: 'GET /v1/subscriptions', drop: 3 } });
      const short = await h.api('GET', '/v1/subscriptions', { params: { size: 50 } });
      expect(short.data.content).toHaveLength(47);
      expect(short.data.page).toEqual(full.data.page);
      const after = await h.api('GET', '/v1/subscriptions', { params: { size: 50 } });
      expect(after.data.content).toHaveLength(50);
      // Other list routes are untouched when a route is named.
      h.sb.setFaults({ shortPage: { count: 1, route: 'GET /v1/subscriptions' } });
      expect((await h.api('GET', '/v1/companies', { params: { size: 10 } })).data.content).toHaveLength(10);
    } finally {
      await h.sb.close();
    }
  });
});
