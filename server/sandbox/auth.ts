/**
 * Tokens (§1, §11.1, §11.2). Tokens are JWT-shaped (some clients read `exp`) but opaque to the sandbox:
 * validity is a lookup, so revocation and expiry are exact. Token strings come from crypto, not the seeded
 * dice, so a token cached from an earlier sandbox run can never match a new one.
 */
import { randomBytes } from 'crypto';
import { SANDBOX_CHOICES } from './quirks';
import type { Reply } from './errors';

interface TokenRecord {
  clientId: string;
  expiresAt: number;
  generation: number;
  /** Delegated tokens: the platform application they were issued to. */
  app?: string;
}

export interface Credential {
  clientId: string;
  clientSecret: string;
}

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

export class TokenService {
  private readonly tokens = new Map<string, TokenRecord>();
  private readonly revoked = new Set<string>();
  /** Bumped on revoke: tokens of an older generation are dead. */
  private readonly generation = new Map<string, number>();

  constructor(
    private readonly credentials: Credential[],
    public lifetimeSeconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** POST /v1/token. Returns the OAuth-style reply (never the §3 envelope). */
  issue(body: Record<string, unknown>, audienceHost: string): Reply {
    const errs = SANDBOX_CHOICES.tokenErrors;
    if (body.grant_type !== 'client_credentials') return { ...errs.badGrant };
    const cred = this.credentials.find((c) => c.clientId === body.client_id);
    if (!cred || cred.clientSecret !== body.client_secret || this.revoked.has(cred.clientId))
      return { ...errs.badCredentials };
    const aud = typeof body.audience === 'string' ? body.audience : '';
    if (!(SANDBOX_CHOICES.acceptedAudiences as readonly string[]).includes(aud)) return errs.badAudience(aud);
    const iat = Math.floor(this.now() / 1000);
    const exp = iat + this.lifetimeSeconds;
    const payload = { iss: audienceHost, sub: `${cred.clientId}@clients`, aud, iat, exp, gty: 'client-credentials' };
    const token = `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64(payload)}.${randomBytes(24).toString('base64url')}`;
    this.tokens.set(token, {
      clientId: cred.clientId,
      expiresAt: this.now() + this.lifetimeSeconds * 1000,
      generation: this.generation.get(cred.clientId) ?? 0,
    });
    return {
      status: 200,
      body: {
        access_token: token,
        token_type: 'Bearer',
        expires_in: this.lifetimeSeconds,
        scope: '',
        expires_at: new Date(exp * 1000).toISOString(),
      },
    };
  }

  /**
   * An access token for a partner without its client credentials: what the delegated grants (oauth.ts)
   * hand a platform. Same lifetime, same revocation as client-credentials tokens.
   */
  issueFor(clientId: string, claims: Record<string, unknown>): { token: string; expiresIn: number } {
    const iat = Math.floor(this.now() / 1000);
    const payload = { iss: 'https://login.pax8.com/', sub: `${clientId}|delegated`, iat, exp: iat + this.lifetimeSeconds, ...claims };
    const token = `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64(payload)}.${randomBytes(24).toString('base64url')}`;
    this.tokens.set(token, { clientId, expiresAt: this.now() + this.lifetimeSeconds * 1000, generation: this.generation.get(clientId) ?? 0, app: typeof claims.azp === 'string' ? claims.azp : undefined });
    return { token, expiresIn: this.lifetimeSeconds };
  }

  /** The client a token belongs to, valid or not (for request statistics). */
  ownerOf(token: string | undefined): string | undefined {
    return token ? this.tokens.get(token)?.clientId : undefined;
  }

  /** Returns the client id, or a reason the token is not accepted. */
  verify(token: string | undefined): { clientId: string; app?: string } | { error: string } {
    if (!token) return { error: 'Full authentication is required to access this resource' };
    const rec = this.tokens.get(token);
    if (!rec) return { error: 'Invalid access token' };
    if (this.now() >= rec.expiresAt) return { error: 'Access token expired' };
    if (this.revoked.has(rec.clientId) || rec.generation !== (this.generation.get(rec.clientId) ?? 0))
      return { error: 'Access token revoked' };
    return { clientId: rec.clientId, app: rec.app };
  }

  revoke(clientId: string): void {
    this.revoked.add(clientId);
    this.generation.set(clientId, (this.generation.get(clientId) ?? 0) + 1);
  }

  restore(clientId: string): void {
    this.revoked.delete(clientId);
    if (SANDBOX_CHOICES.restoreRevivesOldTokens) this.generation.set(clientId, (this.generation.get(clientId) ?? 1) - 1);
  }

  isRevoked(clientId: string): boolean {
    return this.revoked.has(clientId);
  }
}
