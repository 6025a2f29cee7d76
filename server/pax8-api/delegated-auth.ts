import axios, { AxiosInstance } from 'axios';
import { createHash, randomBytes } from 'crypto';
import { Pax8AuthenticationError, Pax8ReauthorizationRequiredError, Pax8UnavailableError } from './errors';
import { PARTNER_ACCOUNT_CLAIMS } from './inferences';
import { clip, redact } from './redact';
import { classifyNetworkError } from './retry';

/** The platform's OAuth application at Pax8 (§14). */
export interface Pax8DelegatedAppConfig {
  clientId: string;
  clientSecret: string;
  redirectUrl: string;
  audience: string;
  scope: string;
  authorizeUrl: string;
  tokenUrl: string;
  revokeUrl: string;
  timeoutMs?: number;
}

export interface DelegatedTokens {
  accessToken: string;
  /** ms since epoch, counted from before the request. */
  expiresAt: number;
  /** Present on the code exchange, and on a refresh when Pax8 rotates it. */
  refreshToken?: string;
  /** The partner account the consent belongs to (see PARTNER_ACCOUNT_CLAIMS), or null. */
  accountId: string | null;
}

/** PKCE (RFC 7636, S256): the verifier stays with us, the challenge goes to the authorize URL. */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(48).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** Reads the partner claim of a JWT-shaped access token without verifying it (routing only). */
export function partnerAccountIdOf(accessToken: string): string | null {
  const payload = accessToken.split('.')[1];
  if (!payload) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    for (const name of PARTNER_ACCOUNT_CLAIMS) if (typeof claims[name] === 'string' && claims[name]) return claims[name] as string;
  } catch {
    // not a JWT: no account id
  }
  return null;
}

/**
 * Pax8's login side for a third-party platform: authorize URL, code exchange, refresh, revocation.
 * One attempt per call, never retried: a code works once, and a repeated refresh could meet a rotated
 * token. Errors carry no token or secret.
 */
export class Pax8DelegatedAuth {
  private readonly http: AxiosInstance;

  constructor(private readonly config: Pax8DelegatedAppConfig) {
    this.http = axios.create({ timeout: config.timeoutMs ?? 30_000, validateStatus: () => true, maxRedirects: 0 });
  }

  authorizeUrl(state: string, codeChallenge: string): string {
    const url = new URL(this.config.authorizeUrl);
    const params: Record<string, string> = {
      response_type: 'code',
      client_id: this.config.clientId,
      redirect_uri: this.config.redirectUrl,
      scope: this.config.scope,
      audience: this.config.audience,
      state,
      code_challenge: codeChallenge,
      code_challenge_method: 'S256',
    };
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    return url.toString();
  }

  exchangeCode(code: string, codeVerifier: string): Promise<DelegatedTokens> {
    return this.grant({ grant_type: 'authorization_code', code, code_verifier: codeVerifier, redirect_uri: this.config.redirectUrl }, [code, codeVerifier]);
  }

  refresh(refreshToken: string): Promise<DelegatedTokens> {
    return this.grant({ grant_type: 'refresh_token', refresh_token: refreshToken }, [refreshToken]);
  }

  /** True when Pax8 confirmed the revocation. */
  async revoke(refreshToken: string): Promise<boolean> {
    try {
      const res = await this.http.post(this.config.revokeUrl, { client_id: this.config.clientId, client_secret: this.config.clientSecret, token: refreshToken }, { headers: { 'Content-Type': 'application/json' } });
      return res.status >= 200 && res.status < 300;
    } catch {
      return false;
    }
  }

  private async grant(fields: Record<string, string>, secrets: string[]): Promise<DelegatedTokens> {
    const path = new URL(this.config.tokenUrl).pathname;
    const sentAt = Date.now();
    let res;
    try {
      res = await this.http.post(this.config.tokenUrl, { ...fields, client_id: this.config.clientId, client_secret: this.config.clientSecret }, { headers: { 'Content-Type': 'application/json', Accept: 'application/json' } });
    } catch (err) {
      const failure = classifyNetworkError(err);
      throw new Pax8UnavailableError(`Pax8's login service did not answer (${failure.code}). Try again in a few minutes.`, { method: 'POST', path, code: failure.code });
    }
    const body = (res.data && typeof res.data === 'object' ? res.data : {}) as Record<string, unknown>;
    if (res.status === 200 && typeof body.access_token === 'string') {
      const lifetimeS = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : 86_400;
      return {
        accessToken: body.access_token,
        expiresAt: sentAt + lifetimeS * 1000,
        refreshToken: typeof body.refresh_token === 'string' && body.refresh_token ? body.refresh_token : undefined,
        accountId: partnerAccountIdOf(body.access_token),
      };
    }
    const said = typeof body.error_description === 'string' ? clip(redact(body.error_description, [...secrets, this.config.clientSecret])) : undefined;
    const init = { status: res.status, method: 'POST', path, pax8Type: typeof body.error === 'string' ? body.error : undefined };
    if (body.error === 'invalid_grant') throw new Pax8ReauthorizationRequiredError(init, said);
    if (res.status >= 500 || res.status === 429) throw new Pax8UnavailableError(`Pax8's login service failed (HTTP ${res.status}). Try again in a few minutes.`, init);
    throw new Pax8AuthenticationError(
      `Pax8's login service refused the platform's OAuth application (HTTP ${res.status}${said ? `: ${said}` : ''}). The host's delegated.clientId, clientSecret or redirectUrl is wrong.`,
      init,
    );
  }
}
