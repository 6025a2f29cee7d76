/**
 * Delegated authorization (§14): Pax8's login side for third-party platforms. An authorize page with a
 * consent screen (approve or decline, or auto-approve for tests), the authorization-code and
 * refresh-token grants on /oauth/token, refresh tokens with an absolute 90-day life measured on a clock
 * tests can move, optional rotation, Auth0-style `invalid_grant`, and revocation. Choices the sources
 * leave open are in SANDBOX_CHOICES.oauth.
 */
import { createHash, randomBytes } from 'crypto';
import type { Reply } from './errors';
import { SANDBOX_CHOICES } from './quirks';
import type { SandboxOAuthApp, SandboxOAuthOptions } from './sandbox.types';
import type { TokenService } from './auth';

interface PendingConsent {
  app: SandboxOAuthApp;
  redirectUri: string;
  state: string | null;
  scope: string;
  audience: string;
  codeChallenge: string | null;
  expiresAt: number;
}

interface CodeRecord extends Omit<PendingConsent, 'state'> {
  partner: string;
  used: boolean;
}

interface RefreshRecord {
  appClientId: string;
  partner: string;
  audience: string;
  scope: string;
  /** One consent = one family: rotation keeps the family, revocation ends all of it. */
  family: string;
  expiresAt: number;
  dead: boolean;
}

export interface PartnerAccount {
  clientId: string;
  accountId: string;
  name: string;
}

const e = SANDBOX_CHOICES.oauth;
const random = () => randomBytes(24).toString('base64url');
const html = (status: number, body: string): { reply: Reply; raw: string } => ({
  reply: { status, headers: { 'Content-Type': 'text/html; charset=utf-8' } },
  raw: `<!doctype html><html><head><meta charset="utf-8"><title>Pax8 sandbox login</title></head><body style="font-family:sans-serif;max-width:36rem;margin:3rem auto">${body}</body></html>`,
});
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const redirect = (to: string): { reply: Reply; raw?: string } => ({ reply: { status: 302, headers: { Location: to } } });

export class OAuthService {
  readonly apps: SandboxOAuthApp[];
  rotateRefreshTokens: boolean;
  autoApprove: string | undefined;
  /** Added to Date.now() for refresh-token expiry: `advanceClock(91 days)` ends every consent. */
  clockOffsetMs = 0;
  /** Grants answered, by type (tests count refreshes). */
  readonly grants = { authorization_code: 0, refresh_token: 0, revoked: 0 };
  private readonly pending = new Map<string, PendingConsent>();
  private readonly codes = new Map<string, CodeRecord>();
  private readonly refreshTokens = new Map<string, RefreshRecord>();
  /** Consents given: `${app}|${partner}` → live family, so a webhook can tell who granted the platform access. */
  private readonly consents = new Map<string, string>();

  constructor(
    options: SandboxOAuthOptions | undefined,
    private readonly partners: PartnerAccount[],
    private readonly tokens: TokenService,
  ) {
    this.apps = options?.apps?.length ? options.apps : [e.defaultApp];
    this.rotateRefreshTokens = options?.rotateRefreshTokens ?? false;
    this.autoApprove = options?.autoApprove;
  }

  now(): number {
    return Date.now() + this.clockOffsetMs;
  }

  /** Partners that granted this application access and have not revoked it (the webhook audience, §15). */
  consentingPartners(appClientId: string): string[] {
    const out: string[] = [];
    for (const [key, family] of this.consents) {
      const [app, partner] = key.split('|');
      if (app !== appClientId) continue;
      const live = [...this.refreshTokens.values()].some((r) => r.family === family && !r.dead && r.expiresAt > this.now());
      if (live) out.push(partner);
    }
    return out;
  }

  /** GET /authorize: checks the request, then shows the consent screen (or approves at once). */
  authorize(q: URLSearchParams): { reply: Reply; raw?: string } {
    const app = this.apps.find((a) => a.clientId === q.get('client_id'));
    const redirectUri = q.get('redirect_uri') ?? '';
    // Errors about the client or redirect are shown here, never sent to an unverified redirect URI.
    if (!app) return html(400, `<h1>Unknown application</h1><p>client_id ${esc(q.get('client_id') ?? '(missing)')} is not registered.</p>`);
    if (!redirectUri || (app.redirectUris?.length && !app.redirectUris.includes(redirectUri)))
      return html(400, `<h1>Redirect URI not allowed</h1><p>${esc(redirectUri || '(missing)')} is not registered for this application.</p>`);
    const back = (params: Record<string, string>) => {
      const url = new URL(redirectUri);
      for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
      if (q.get('state') !== null) url.searchParams.set('state', q.get('state')!);
      return redirect(url.toString());
    };
    if (q.get('response_type') !== 'code') return back({ error: 'unsupported_response_type', error_description: 'Only response_type=code is supported' });
    const audience = q.get('audience');
    if (!audience) return back({ error: 'invalid_request', error_description: 'audience is required' });
    if (!(SANDBOX_CHOICES.acceptedAudiences as readonly string[]).includes(audience))
      return back({ error: 'access_denied', error_description: `Service not enabled within domain: ${audience}` });
    const method = q.get('code_challenge_method');
    if (q.get('code_challenge') && method !== 'S256') return back({ error: 'invalid_request', error_description: 'code_challenge_method must be S256' });
    const consent: PendingConsent = {
      app,
      redirectUri,
      state: q.get('state'),
      scope: q.get('scope') ?? '',
      audience,
      codeChallenge: q.get('code_challenge'),
      expiresAt: Date.now() + e.consentPageTtlMs,
    };
    if (this.autoApprove) return this.approve(consent, this.autoApprove);
    const id = random();
    this.pending.set(id, consent);
    const options = this.partners.map((p) => `<option value="${esc(p.clientId)}">${esc(p.name)}</option>`).join('');
    return html(
      200,
      `<h1>Pax8 sandbox</h1><form method="post" action="/authorize/decision">
<input type="hidden" name="request" value="${id}">
<p><label>Sign in as <select name="partner" id="partner">${options}</select></label></p>
<p><strong>${esc(app.name ?? app.clientId)}</strong> wants to access your Pax8 account (${esc(consent.scope || 'no scope')}).</p>
<button type="submit" name="decision" value="approve" id="approve">Accept</button>
<button type="submit" name="decision" value="decline" id="decline">Decline</button></form>`,
    );
  }

  /** POST /authorize/decision: the consent screen's answer. */
  decide(form: URLSearchParams): { reply: Reply; raw?: string } {
    const id = form.get('request') ?? '';
    const consent = this.pending.get(id);
    this.pending.delete(id);
    if (!consent || consent.expiresAt < Date.now()) return html(400, '<h1>This sign-in page has expired</h1><p>Start again from the application.</p>');
    if (form.get('decision') !== 'approve') {
      const url = new URL(consent.redirectUri);
      url.searchParams.set('error', 'access_denied');
      url.searchParams.set('error_description', e.declinedDescription);
      if (consent.state !== null) url.searchParams.set('state', consent.state);
      return redirect(url.toString());
    }
    const partner = form.get('partner') ?? '';
    if (!this.partners.some((p) => p.clientId === partner)) return html(400, '<h1>Unknown account</h1>');
    return this.approve(consent, partner);
  }

  private approve(consent: PendingConsent, partner: string): { reply: Reply } {
    const code = random();
    this.codes.set(code, { ...consent, partner, used: false, expiresAt: Date.now() + e.codeTtlMs });
    const url = new URL(consent.redirectUri);
    url.searchParams.set('code', code);
    if (consent.state !== null) url.searchParams.set('state', consent.state);
    return redirect(url.toString());
  }

  /** POST /oauth/token with grant_type authorization_code or refresh_token. */
  token(body: Record<string, unknown>): Reply {
    const app = this.apps.find((a) => a.clientId === body.client_id);
    if (!app || app.clientSecret !== body.client_secret) return { ...e.invalidClient };
    if (body.grant_type === 'authorization_code') return this.exchangeCode(app, body);
    return this.refresh(app, body);
  }

  private exchangeCode(app: SandboxOAuthApp, body: Record<string, unknown>): Reply {
    const rec = typeof body.code === 'string' ? this.codes.get(body.code) : undefined;
    if (!rec || rec.app.clientId !== app.clientId || rec.expiresAt < Date.now()) return e.invalidGrant('Invalid authorization code');
    if (rec.used) {
      // A replayed code: Auth0 refuses it; we also end what the first exchange issued (RFC 6749 §4.1.2).
      this.revokeConsent(app.clientId, rec.partner);
      return e.invalidGrant('Invalid authorization code');
    }
    rec.used = true;
    if (body.redirect_uri !== rec.redirectUri) return e.invalidGrant('redirect_uri does not match the authorization request');
    if (rec.codeChallenge) {
      const verifier = typeof body.code_verifier === 'string' ? body.code_verifier : '';
      if (createHash('sha256').update(verifier).digest('base64url') !== rec.codeChallenge) return e.invalidGrant('Failed to verify code verifier');
    }
    this.grants.authorization_code++;
    const family = random();
    this.consents.set(`${app.clientId}|${rec.partner}`, family);
    for (const r of this.refreshTokens.values()) if (r.appClientId === app.clientId && r.partner === rec.partner && r.family !== family) r.dead = true;
    const refresh = rec.scope.split(/\s+/).includes('offline_access')
      ? this.newRefreshToken({ appClientId: app.clientId, partner: rec.partner, audience: rec.audience, scope: rec.scope, family, expiresAt: this.now() + e.refreshTokenLifetimeMs, dead: false })
      : undefined;
    return this.accessReply(app, rec.partner, rec.audience, rec.scope, refresh);
  }

  private refresh(app: SandboxOAuthApp, body: Record<string, unknown>): Reply {
    const token = typeof body.refresh_token === 'string' ? body.refresh_token : '';
    const rec = this.refreshTokens.get(token);
    if (!rec || rec.appClientId !== app.clientId) return e.invalidGrant('Unknown or invalid refresh token.');
    if (rec.dead) return e.invalidGrant('Unknown or invalid refresh token.');
    if (rec.expiresAt <= this.now()) return e.invalidGrant('Refresh token expired: the partner must authorize the application again.');
    this.grants.refresh_token++;
    let next: string | undefined;
    if (this.rotateRefreshTokens) {
      rec.dead = true;
      next = this.newRefreshToken({ ...rec, dead: false });
    }
    return this.accessReply(app, rec.partner, rec.audience, rec.scope, next);
  }

  /** POST /oauth/revoke (Auth0's endpoint): ends the refresh token's whole consent. Always 200 for a known client. */
  revoke(body: Record<string, unknown>): Reply {
    const app = this.apps.find((a) => a.clientId === body.client_id);
    if (!app || app.clientSecret !== body.client_secret) return { ...e.invalidClient };
    const rec = typeof body.token === 'string' ? this.refreshTokens.get(body.token) : undefined;
    if (rec && rec.appClientId === app.clientId) {
      this.grants.revoked++;
      this.revokeConsent(app.clientId, rec.partner);
    }
    return { status: 200 };
  }

  /** The partner withdraws the platform's access (or a replayed code ended it). */
  revokeConsent(appClientId: string, partner: string): void {
    for (const r of this.refreshTokens.values()) if (r.appClientId === appClientId && r.partner === partner) r.dead = true;
    this.consents.delete(`${appClientId}|${partner}`);
  }

  /** Is this refresh token still usable (for tests: "the old token no longer works")? */
  refreshTokenAlive(token: string): boolean {
    const rec = this.refreshTokens.get(token);
    return !!rec && !rec.dead && rec.expiresAt > this.now();
  }

  private newRefreshToken(rec: RefreshRecord): string {
    const token = `rt_${random()}`;
    this.refreshTokens.set(token, rec);
    return token;
  }

  private accessReply(app: SandboxOAuthApp, partner: string, audience: string, scope: string, refreshToken: string | undefined): Reply {
    const account = this.partners.find((p) => p.clientId === partner)!;
    const issued = this.tokens.issueFor(partner, { aud: audience, azp: app.clientId, [e.partnerClaim]: account.accountId, gty: 'authorization_code', scope });
    return {
      status: 200,
      body: {
        access_token: issued.token,
        token_type: 'Bearer',
        expires_in: issued.expiresIn,
        scope,
        ...(refreshToken ? { refresh_token: refreshToken } : {}),
      },
    };
  }
}
