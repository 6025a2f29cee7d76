import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { harness, Harness } from './helpers';

const DAY = 86_400_000;
const verifier = 'v'.repeat(50);
const challenge = createHash('sha256').update(verifier).digest('base64url');
const APP = { client_id: 'sandbox-platform', client_secret: 'sandbox-platform-secret' };
const REDIRECT = 'http://platform.test/callback';

/** The sandbox's Pax8 login side (§14) and webhooks v2 (§15), over HTTP. */
describe('sandbox: delegated authorization and webhooks', () => {
  let h: Harness;
  let received: Array<{ auth: string | undefined; body: any }>;
  let answer = 200;
  let receiver: http.Server;
  let receiverUrl: string;

  beforeAll(async () => {
    h = await harness({ partners: [{ clientId: 'p1', clientSecret: 's1', size: 'demo' }, { clientId: 'p2', clientSecret: 's2', size: 'demo', seed: 2 }], webhooks: { deliveryDelayMs: 0, retryDelayMs: 10 } });
    received = [];
    receiver = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        received.push({ auth: req.headers.authorization, body: JSON.parse(raw) });
        res.writeHead(answer).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  });
  afterAll(async () => {
    await h.sb.close();
    await new Promise((r) => receiver.close(r));
  });

  const authorize = async (partner: string, extra: Record<string, string> = {}) => {
    h.sb.oauth.setAutoApprove(partner);
    const params = new URLSearchParams({ response_type: 'code', client_id: APP.client_id, redirect_uri: REDIRECT, scope: 'Manage:Pax8Data offline_access', audience: 'https://api.pax8.com', state: 'st', code_challenge: challenge, code_challenge_method: 'S256', ...extra });
    const res = await h.http.get(`/authorize?${params}`, { maxRedirects: 0 });
    h.sb.oauth.setAutoApprove(undefined);
    return new URL(res.headers.location).searchParams;
  };
  const exchange = (code: string, v = verifier) => h.http.post('/oauth/token', { ...APP, grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: v });
  const refresh = (token: string) => h.http.post('/oauth/token', { ...APP, grant_type: 'refresh_token', refresh_token: token });

  it('shows a consent page, and sends decline back as access_denied with the state', async () => {
    const page = await h.http.get(`/authorize?response_type=code&client_id=${APP.client_id}&redirect_uri=${encodeURIComponent(REDIRECT)}&audience=https://api.pax8.com&state=xyz`);
    expect(page.status).toBe(200);
    expect(page.data).toContain('Accept');
    const request = /name="request" value="([^"]+)"/.exec(page.data)![1];
    const declined = await h.http.post('/authorize/decision', new URLSearchParams({ request, partner: 'p1', decision: 'decline' }).toString(), { maxRedirects: 0, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    const back = new URL(declined.headers.location);
    expect(Object.fromEntries(back.searchParams)).toEqual({ error: 'access_denied', error_description: expect.any(String), state: 'xyz' });
    expect((await h.http.get(`/authorize?response_type=code&client_id=nobody&redirect_uri=${REDIRECT}`)).status).toBe(400);
    expect((await authorize('p1', { audience: '' })).get('error')).toBe('invalid_request');
  });

  it('exchanges a code once, with the right PKCE verifier, for tokens that call the API as the partner', async () => {
    const bad = await authorize('p1');
    expect((await exchange(bad.get('code')!, 'w'.repeat(50))).data.error).toBe('invalid_grant');
    const q = await authorize('p1');
    expect(q.get('state')).toBe('st');
    const res = await exchange(q.get('code')!);
    expect(res.status).toBe(200);
    expect(res.data).toEqual(expect.objectContaining({ token_type: 'Bearer', expires_in: 86400, refresh_token: expect.stringMatching(/^rt_/) }));
    const claims = JSON.parse(Buffer.from(res.data.access_token.split('.')[1], 'base64url').toString());
    expect(claims['https://api.pax8.com/partner_id']).toBe(h.sb.accountIdOf('p1'));
    expect((await h.api('GET', '/v1/companies', { token: res.data.access_token })).status).toBe(200);
    expect((await exchange(q.get('code')!)).data.error).toBe('invalid_grant');
    // The replay also ended what the first exchange issued.
    expect(h.sb.oauth.refreshTokenAlive(res.data.refresh_token)).toBe(false);
    expect((await h.http.post('/oauth/token', { ...APP, client_secret: 'x', grant_type: 'refresh_token', refresh_token: 'r' })).status).toBe(401);
  });

  it('refreshes, rotates when asked, expires after 90 days on the movable clock, and revokes', async () => {
    const first = (await exchange((await authorize('p1')).get('code')!)).data.refresh_token;
    const plain = await refresh(first);
    expect(plain.status).toBe(200);
    expect(plain.data.refresh_token).toBeUndefined();
    h.sb.oauth.setRotation(true);
    const rotated = (await refresh(first)).data.refresh_token;
    h.sb.oauth.setRotation(false);
    expect(rotated).not.toBe(first);
    expect((await refresh(first)).data).toEqual({ error: 'invalid_grant', error_description: expect.any(String) });
    h.sb.oauth.advanceClock(90 * DAY - 60_000);
    expect((await refresh(rotated)).status).toBe(200);
    h.sb.oauth.advanceClock(60_000);
    expect((await refresh(rotated)).data.error).toBe('invalid_grant');
    h.sb.oauth.advanceClock(-90 * DAY);
    const again = (await exchange((await authorize('p1')).get('code')!)).data.refresh_token;
    expect((await h.http.post('/oauth/revoke', { ...APP, token: again })).status).toBe(200);
    expect((await refresh(again)).data.error).toBe('invalid_grant');
  });

  it('lists topic definitions, registers, delivers with the Authorization value, retries 3 times, logs and replays', async () => {
    const defs = (await h.api('GET', '/api/v2/webhooks/topic-definitions')).data.content;
    expect(defs.map((d: any) => d.topic)).toEqual(expect.arrayContaining(['SUBSCRIPTION', 'COMPANY', 'INVOICE']));
    expect((await h.api('POST', '/api/v2/webhooks', { data: { url: receiverUrl } })).status).toBe(422);
    const created = await h.api('POST', '/api/v2/webhooks', { data: { displayName: 'test', url: receiverUrl, authorization: 'secret-value', webhookTopics: [{ topic: 'SUBSCRIPTION', filters: [] }] } });
    expect(created.status).toBe(201);
    expect(JSON.stringify(created.data)).not.toContain('secret-value');
    const id = created.data.id;
    const sub = [...h.sb.store('p1').subscriptions.values()][0] as any;
    h.sb.changeSubscription('p1', sub.id, { quantity: sub.quantity + 1 });
    await h.sb.webhooks.idle();
    expect(received.at(-1)!.auth).toBe('secret-value');
    expect(received.at(-1)!.body).toEqual(expect.objectContaining({ accountId: h.sb.accountIdOf('p1'), webhookId: id, webhookTopic: expect.objectContaining({ topic: 'SUBSCRIPTION' }), payloadData: expect.objectContaining({ type: 'Change', subscriptionId: sub.id, companyId: sub.companyId }) }));
    // Another partner's change is not this webhook's business.
    const count = received.length;
    const other = [...h.sb.store('p2').subscriptions.values()][0] as any;
    h.sb.changeSubscription('p2', other.id, { quantity: other.quantity + 1 });
    await h.sb.webhooks.idle();
    expect(received.length).toBe(count);

    answer = 500;
    h.sb.changeSubscription('p1', sub.id, { status: 'Cancelled' });
    await h.sb.webhooks.idle();
    expect(received.length).toBe(count + 3);
    expect(received.at(-1)!.body.payloadData.type).toBe('Cancel');
    const failed = (await h.api('GET', `/api/v2/webhooks/${id}/logs`, { params: { status: 'FAILED' } })).data.content;
    expect(failed[0]).toEqual(expect.objectContaining({ status: 'FAILED', attempts: 3, responseStatus: 500 }));
    answer = 200;
    expect((await h.api('POST', `/api/v2/webhooks/${id}/logs/${failed[0].id}/retry`)).status).toBe(202);
    await h.sb.webhooks.idle();
    expect(received.length).toBe(count + 4);
    expect((await h.api('GET', `/api/v2/webhooks/${id}/logs`, { params: { status: 'FAILED' } })).data.content).toEqual([]);
    expect((await h.api('DELETE', `/api/v2/webhooks/${id}`)).status).toBe(204);
  });

  it('an integration webhook needs the integrationId and hears every partner that consented', async () => {
    const token = async (partner: string) => (await exchange((await authorize(partner)).get('code')!)).data.access_token as string;
    const t1 = await token('p1');
    await token('p2');
    const body = { displayName: 'platform', url: receiverUrl, authorization: 'platform-auth', webhookTopics: [{ topic: 'SUBSCRIPTION' }] };
    expect((await h.api('POST', '/api/v2/webhooks', { token: t1, data: body })).status).toBe(422);
    expect((await h.api('POST', '/api/v2/webhooks', { token: t1, data: { ...body, integrationId: 'sandbox-integration' } })).status).toBe(201);
    const before = received.length;
    for (const p of ['p1', 'p2']) {
      const s = [...h.sb.store(p).subscriptions.values()][1] as any;
      h.sb.changeSubscription(p, s.id, { quantity: s.quantity + 2 });
    }
    await h.sb.webhooks.idle();
    const platform = received.slice(before).filter((r) => r.auth === 'platform-auth');
    expect(platform.map((r) => r.body.accountId).sort()).toEqual([h.sb.accountIdOf('p1'), h.sb.accountIdOf('p2')].sort());
  });
});
