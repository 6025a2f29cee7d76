import { Pax8Clock } from '../../server/common/clock';
import { CredentialCipher } from '../../server/common/crypto/credential-cipher';
import { ConsentMonitor } from '../../server/connection/delegated/consent-monitor.service';
import { DelegatedGrant } from '../../server/connection/delegated/delegated-grant.entity';
import { DelegatedTokensService } from '../../server/connection/delegated/delegated-tokens.service';
import { OAuthState } from '../../server/connection/delegated/oauth-state.entity';
import { Pax8Company } from '../../server/sync/entities/pax8-company.entity';
import { PAX8_DELEGATED_AUTH, PAX8_OPTIONS } from '../../server/pax8.constants';
import { testDatabases } from '../helpers/databases';
import { ACME, E2eApp, GLOBEX, startE2eApp, waitForRun } from '../helpers/e2e-app';
import { authorizeAs, callback, connectDelegated, delegatedOptions } from '../helpers/delegated';
import { startSandbox } from '../../server/sandbox';

const DAY = 86_400_000;

describe.each(testDatabases())('connect with Pax8 (delegated OAuth) on $name', (db) => {
  let e2e: E2eApp;
  const grantRow = (tenantId = 'acme') => e2e.dataSource.getRepository(DelegatedGrant).findOneOrFail({ where: { tenantId } });
  const status = async (tenant = 'acme') => (await e2e.http.get('/pax8/connection').set(e2e.as(tenant)).expect(200)).body;
  const expireAccessToken = (tenantId = 'acme') => e2e.dataSource.getRepository(DelegatedGrant).update({ tenantId }, { accessTokenExpiresAt: new Date(Date.now() - 1000) });
  const cipher = () => e2e.app.get(CredentialCipher);
  const storedRefresh = async (tenantId = 'acme') => cipher().decrypt((await grantRow(tenantId)).encryptedRefreshToken, tenantId);

  beforeAll(async () => {
    const sandbox = await startSandbox({
      partners: [
        { ...ACME, seed: 11, size: 'demo' },
        { ...GLOBEX, seed: 12, size: 'demo' },
      ],
    });
    e2e = await startE2eApp({ db, existingSandbox: sandbox, pax8: { delegated: delegatedOptions(sandbox) } });
  });
  afterAll(async () => {
    await e2e.close();
    await e2e.sandbox.close();
  });
  afterEach(() => jest.restoreAllMocks());

  it('starts with an authorize URL carrying state, PKCE S256, audience and offline_access', async () => {
    const res = await e2e.http.post('/pax8/connection/delegated/start').set(e2e.as('acme')).send({}).expect(200);
    const url = new URL(res.body.authorizeUrl);
    expect(url.origin + url.pathname).toBe(e2e.sandbox.oauth.authorizeUrl);
    expect(Object.fromEntries(url.searchParams)).toEqual(
      expect.objectContaining({
        response_type: 'code',
        client_id: 'sandbox-platform',
        audience: 'https://api.pax8.com',
        scope: 'Manage:Pax8Data offline_access',
        code_challenge_method: 'S256',
        redirect_uri: delegatedOptions(e2e.sandbox).redirectUrl,
      }),
    );
    expect(url.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Only a hash of the state is stored.
    const rows = await e2e.dataSource.getRepository(OAuthState).find({ where: { tenantId: 'acme' } });
    expect(rows.some((r) => r.stateHash === url.searchParams.get('state'))).toBe(false);
    expect(rows.length).toBeGreaterThan(0);
    await e2e.http.post('/pax8/connection/delegated/start').set(e2e.as('acme', 'Technician')).send({}).expect(403);
    await e2e.http.post('/pax8/connection/delegated/start').set(e2e.as('acme')).send({ extra: 1 }).expect(400);
  });

  it('refuses tampered, other-tenant, other-user, expired and replayed states, connecting nothing', async () => {
    const params = await authorizeAs(e2e, 'acme', ACME.clientId);
    const state = params.get('state')!;
    const tampered = new URLSearchParams(params);
    tampered.set('state', (state[0] === 'A' ? 'B' : 'A') + state.slice(1));
    expect((await callback(e2e, 'acme', tampered).expect(400)).body.errors).toEqual([{ field: 'state', reason: expect.stringContaining('not valid') }]);
    expect((await callback(e2e, 'globex', params).expect(400)).body.message).toContain('another account');
    expect((await callback(e2e, 'acme', params, 'Admin').expect(400)).body.message).toContain('another user');
    expect((await status()).state).toBe('not_connected');

    const late = await authorizeAs(e2e, 'acme', ACME.clientId);
    await e2e.dataSource.getRepository(OAuthState).update({ tenantId: 'acme' }, { expiresAt: new Date(Date.now() - 1000) });
    expect((await callback(e2e, 'acme', late).expect(400)).body.message).toContain('expired');
    expect((await status()).state).toBe('not_connected');

    const once = await authorizeAs(e2e, 'acme', ACME.clientId);
    await callback(e2e, 'acme', once).expect(200);
    expect((await callback(e2e, 'acme', once).expect(400)).body.message).toContain('already used');
  });

  it('shows the delegated connection: method, partner account, the 90-day window; syncs on the delegated token', async () => {
    const s = await status();
    expect(s).toEqual(
      expect.objectContaining({ state: 'connected', method: 'delegated', availableMethods: ['client_credentials', 'delegated'], needsReauthorization: false, credentials: null, warnings: [] }),
    );
    expect(s.delegated.pax8AccountId).toBe(e2e.sandbox.accountIdOf(ACME.clientId));
    expect(new Date(s.delegated.consentEndsAt).getTime() - new Date(s.delegated.consentGivenAt).getTime()).toBe(90 * DAY);
    expect(s.delegated.daysLeft).toBe(90);

    e2e.sandbox.resetStats();
    const run = await waitForRun(e2e, 'acme', (await e2e.http.post('/pax8/sync').set(e2e.as('acme')).expect(202)).body.id);
    expect(run.status).toBe('succeeded');
    expect(await e2e.dataSource.getRepository(Pax8Company).count({ where: { tenantId: 'acme' } })).toBe(e2e.sandbox.store(ACME.clientId).companies.size);
    // The access token from the code exchange is used: no token request of any kind.
    expect(e2e.sandbox.stats().byRoute['POST /v1/token'] ?? 0).toBe(0);
    expect(e2e.sandbox.stats().byRoute['POST /oauth/token'] ?? 0).toBe(0);
  });

  it('refreshes an expired access token, storing a rotated refresh token and never reusing the old one', async () => {
    e2e.sandbox.oauth.setRotation(true);
    try {
      const before = await storedRefresh();
      const refreshes = e2e.sandbox.oauth.grants().refresh_token;
      await expireAccessToken();
      await e2e.http.post('/pax8/connection/check').set(e2e.as('acme')).expect(200);
      expect(e2e.sandbox.oauth.grants().refresh_token).toBe(refreshes + 1);
      const after = await storedRefresh();
      expect(after).not.toBe(before);
      expect(e2e.sandbox.oauth.refreshTokenAlive(before)).toBe(false);
      expect(e2e.sandbox.oauth.refreshTokenAlive(after)).toBe(true);
      // The encrypted column never holds the token in clear.
      expect((await grantRow()).encryptedRefreshToken).not.toContain(after);
      const run = await waitForRun(e2e, 'acme', (await e2e.http.post('/pax8/sync').set(e2e.as('acme')).expect(202)).body.id);
      expect(run.status).toBe('succeeded');
    } finally {
      e2e.sandbox.oauth.setRotation(false);
    }
  });

  it('two replicas refreshing one tenant at once make one refresh and share its token', async () => {
    e2e.sandbox.oauth.setRotation(true);
    try {
      await expireAccessToken();
      const mine = e2e.app.get(DelegatedTokensService);
      const replica = new DelegatedTokensService(e2e.dataSource, e2e.app.get(PAX8_OPTIONS), cipher(), e2e.app.get(Pax8Clock), e2e.app.get(PAX8_DELEGATED_AUTH));
      replica.holder = 'replica-2';
      const refreshes = e2e.sandbox.oauth.grants().refresh_token;
      const [a, b] = await Promise.all([mine.accessToken('acme'), replica.accessToken('acme')]);
      expect(a.value).toBe(b.value);
      expect(e2e.sandbox.oauth.grants().refresh_token).toBe(refreshes + 1);
      expect(e2e.sandbox.oauth.refreshTokenAlive(await storedRefresh())).toBe(true);
      expect((await grantRow()).refreshHolder).toBeNull();
    } finally {
      e2e.sandbox.oauth.setRotation(false);
    }
  });

  it('refuses a Pax8 account already connected to another tenant, and keeps the first connection', async () => {
    const res = await callback(e2e, 'globex', await authorizeAs(e2e, 'globex', ACME.clientId));
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('already connected to another account');
    expect((await status('globex')).state).toBe('not_connected');
    expect((await status('acme')).state).toBe('connected');
  });

  it('warns 14, 7 and 1 days ahead (once each), then asks to re-authorize at day 90, keeping the data', async () => {
    const clock = e2e.app.get(Pax8Clock);
    const monitor = e2e.app.get(ConsentMonitor);
    const published: Array<Record<string, unknown>> = [];
    jest.spyOn(e2e.app.get(DelegatedTokensService), 'publish').mockImplementation(async (ev) => void published.push(ev));
    const given = new Date((await grantRow()).consentGivenAt).getTime();
    const at = (days: number) => jest.spyOn(clock, 'now').mockReturnValue(new Date(given + days * DAY));

    at(70);
    expect((await monitor.check()).warned).toBe(0);
    at(77);
    expect((await monitor.check()).warned).toBe(1);
    expect((await monitor.check()).warned).toBe(0);
    const s = await status();
    expect(s.warnings).toEqual([expect.objectContaining({ code: 'consent_ending', severity: 'warning', message: expect.stringContaining('13 days') })]);
    at(84);
    await monitor.check();
    at(89.5);
    await monitor.check();
    expect(published.map((e) => [e.type, e.daysLeft])).toEqual([
      ['pax8.consent.expiring', 13],
      ['pax8.consent.expiring', 6],
      ['pax8.consent.expiring', 1],
    ]);
    expect((await status()).warnings[0].severity).toBe('critical');

    at(90);
    e2e.sandbox.oauth.advanceClock(90 * DAY);
    try {
      expect((await monitor.check()).ended).toBe(1);
      const ended = await status();
      expect(ended).toEqual(expect.objectContaining({ state: 'connected', needsReauthorization: true, needsCredentials: false, nextSyncAt: null }));
      expect(ended.warnings[0].code).toBe('reauthorize');
      expect(published.at(-1)).toEqual(expect.objectContaining({ type: 'pax8.consent.ended', tenantId: 'acme' }));
      // Nothing else lost.
      expect(await e2e.dataSource.getRepository(Pax8Company).count({ where: { tenantId: 'acme' } })).toBeGreaterThan(0);
      // A sync cannot start until the admin re-authorizes: a clear 409, and no failed run left behind.
      const refused = await e2e.http.post('/pax8/sync').set(e2e.as('acme')).expect(409);
      expect(refused.body.message).toContain('Re-authorize with Pax8');
    } finally {
      e2e.sandbox.oauth.advanceClock(-90 * DAY);
    }
    jest.restoreAllMocks();

    // Re-authorizing brings it back, with a new 90 days.
    await connectDelegated(e2e, 'acme', ACME.clientId);
    const back = await status();
    expect(back).toEqual(expect.objectContaining({ needsReauthorization: false, warnings: [], lastError: null }));
    expect(back.delegated.daysLeft).toBe(90);
  });

  it('turns to "re-authorize" when Pax8 answers invalid_grant (consent revoked in Pax8)', async () => {
    const app = e2e.sandbox.oauth.apps[0].clientId;
    e2e.sandbox.oauth.revokeConsent(app, ACME.clientId);
    await expireAccessToken();
    await e2e.http.post('/pax8/connection/check').set(e2e.as('acme')).expect(200);
    const s = await status();
    expect(s.needsReauthorization).toBe(true);
    expect(s.lastError.message).toContain('Re-authorize with Pax8');
    await connectDelegated(e2e, 'acme', ACME.clientId);
    expect((await status()).needsReauthorization).toBe(false);
  });

  it('a declined consent connects nothing and says so', async () => {
    const start = await e2e.http.post('/pax8/connection/delegated/start').set(e2e.as('globex')).send({}).expect(200);
    const state = new URL(start.body.authorizeUrl).searchParams.get('state')!;
    const res = await callback(e2e, 'globex', new URLSearchParams({ error: 'access_denied', error_description: 'The user did not authorize the application.', state })).expect(200);
    expect(res.body).toEqual({ outcome: 'declined', message: expect.stringContaining('declined') });
    expect((await status('globex')).state).toBe('not_connected');
  });

  it('disconnect revokes the grant at Pax8 and forgets the tokens', async () => {
    const refresh = await storedRefresh();
    const res = await e2e.http.delete('/pax8/connection').set(e2e.as('acme')).send({ confirm: 'DISCONNECT' }).expect(200);
    expect(res.body.pax8AccessRevoked).toBe(true);
    expect(e2e.sandbox.oauth.refreshTokenAlive(refresh)).toBe(false);
    expect(await e2e.dataSource.getRepository(DelegatedGrant).count({ where: { tenantId: 'acme' } })).toBe(0);
    expect((await status()).state).toBe('not_connected');
    for (const body of e2e.responses) expect(body).not.toContain(refresh);
    for (const line of e2e.logger.lines) expect(line).not.toContain(refresh);
  });
});
