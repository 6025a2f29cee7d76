import { harness, Harness, expectEnvelope, sleep } from './helpers';

describe('sandbox: token endpoint and authentication (§1, §11.1, §11.2)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness({ tokenLifetimeSeconds: 1, partners: [{ clientId: 'p1', clientSecret: 's1' }, { clientId: 'p2', clientSecret: 's2' }] });
  });
  afterAll(() => h.sb.close());

  const body = (over: Record<string, unknown> = {}) => ({ client_id: 'p1', client_secret: 's1', audience: 'https://api.pax8.com', grant_type: 'client_credentials', ...over });

  it('issues a bearer token with the documented shape', async () => {
    const res = await h.http.post('/v1/token', body());
    expect(res.status).toBe(200);
    expect(res.data).toEqual(expect.objectContaining({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 1 }));
    // JWT-shaped with a real exp
    const payload = JSON.parse(Buffer.from(res.data.access_token.split('.')[1], 'base64url').toString());
    expect(payload.exp - payload.iat).toBe(1);
  });

  it('accepts the older api://p8p.client audience and the /oauth/token alias', async () => {
    expect((await h.http.post('/v1/token', body({ audience: 'api://p8p.client' }))).status).toBe(200);
    expect((await h.http.post('/oauth/token', body())).status).toBe(200);
  });

  it('rejects bad credentials, grant type and audience with OAuth-style bodies', async () => {
    const bad = await h.http.post('/v1/token', body({ client_secret: 'wrong' }));
    expect(bad.status).toBe(401);
    expect(bad.data).toEqual({ error: 'access_denied', error_description: 'Unauthorized' });
    const unknown = await h.http.post('/v1/token', body({ client_id: 'nobody' }));
    expect(unknown.status).toBe(401);
    const grant = await h.http.post('/v1/token', body({ grant_type: 'password' }));
    expect(grant.status).toBe(400);
    expect(grant.data).toEqual({ error: 'unsupported_grant_type' });
    const aud = await h.http.post('/v1/token', body({ audience: 'api://provisioning' }));
    expect(aud.status).toBe(403);
    expect(aud.data).toEqual({ error: 'access_denied', error_description: 'Service not enabled within domain: api://provisioning' });
  });

  it('answers 401 UNAUTHORIZED envelopes for missing, unknown and expired tokens', async () => {
    expectEnvelope(await h.http.get('/v1/companies'), 401, 'UNAUTHORIZED');
    expectEnvelope(await h.http.get('/v1/companies', { headers: { Authorization: 'Bearer nonsense' } }), 401, 'UNAUTHORIZED');
    const t = await h.token('p1');
    expect((await h.api('GET', '/v1/companies', { token: t })).status).toBe(200);
    await sleep(1100);
    const expired = await h.api('GET', '/v1/companies', { token: t });
    expectEnvelope(expired, 401, 'UNAUTHORIZED');
    expect(expired.data.message).toMatch(/expired/i);
  });

  it('revokeClient kills credentials and issued tokens; restoreClient lets new tokens work', async () => {
    const t = await h.token('p1');
    const other = await h.token('p2');
    h.sb.revokeClient('p1');
    expectEnvelope(await h.api('GET', '/v1/companies', { token: t }), 401, 'UNAUTHORIZED');
    expect((await h.http.post('/v1/token', body())).status).toBe(401);
    expect((await h.api('GET', '/v1/companies', { token: other })).status).toBe(200); // other partner unaffected
    h.sb.restoreClient('p1');
    expect((await h.api('GET', '/v1/companies', { token: t })).status).toBe(401); // old token stays dead
    expect((await h.api('GET', '/v1/companies', { token: await h.token('p1') })).status).toBe(200);
  });

  it('revokes and restores through the admin endpoints', async () => {
    const t = await h.token('p2');
    expect((await h.http.post('/__admin/revoke', { clientId: 'p2' })).data).toEqual({ clientId: 'p2', revoked: true });
    expect((await h.api('GET', '/v1/products', { token: t })).status).toBe(401);
    expect((await h.http.post('/__admin/restore', { clientId: 'p2' })).data.revoked).toBe(false);
    expect((await h.api('GET', '/v1/products', { token: await h.token('p2') })).status).toBe(200);
    expect((await h.http.post('/__admin/revoke', { clientId: 'ghost' })).status).toBe(400);
  });
});
