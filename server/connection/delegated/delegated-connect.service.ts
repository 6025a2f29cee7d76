import { BadRequestException, Inject, Injectable, Logger } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, IsNull, LessThan, Not } from 'typeorm';
import { AuditActor, AuditService } from '../../audit/audit.service';
import { Pax8Clock } from '../../common/clock';
import { CredentialCipher } from '../../common/crypto/credential-cipher';
import { runInTransaction } from '../../common/orm/transaction';
import { TenantRepository } from '../../common/tenancy/tenant-repository';
import { Pax8ApiError, Pax8ClientFactory, Pax8DelegatedAuth, pkcePair } from '../../pax8-api';
import { PAX8_CLIENT_FACTORY, PAX8_DATA_SOURCE, PAX8_DELEGATED_AUTH, PAX8_OPTIONS } from '../../pax8.constants';
import type { ResolvedPax8Options } from '../../pax8-options';
import { staggerOffsetMs } from '../../sync/due-tenants';
import { CONNECTION_MESSAGES } from '../credential-messages';
import { Pax8Integration } from '../pax8-integration.entity';
import { DelegatedGrant } from './delegated-grant.entity';
import { CONSENT_LIFETIME_MS } from './delegated-status';
import { CALLBACK_MESSAGES } from './delegated-messages';
import { OAuthState } from './oauth-state.entity';

export type CallbackOutcome = 'connected' | 'declined' | 'failed';

export interface CallbackResult {
  outcome: CallbackOutcome;
  message: string;
  /** For failures: which query field was wrong and why (the 400 body). */
  errors?: Array<{ field: string; reason: string }>;
}

export interface CallbackQuery {
  code?: string;
  state?: string;
  error?: string;
  error_description?: string;
}

const hashState = (state: string) => createHash('sha256').update(state).digest('hex');
const STATE_FORMAT = /^[A-Za-z0-9_-]{43}$/;

/** "Connect with Pax8": builds the authorize URL, then checks Pax8's answer and stores the grant. */
@Injectable()
export class DelegatedConnectService {
  private readonly logger = new Logger('Pax8Delegated');

  constructor(
    @Inject(PAX8_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(PAX8_OPTIONS) private readonly options: ResolvedPax8Options,
    @Inject(PAX8_DELEGATED_AUTH) private readonly auth: Pax8DelegatedAuth | null,
    @Inject(PAX8_CLIENT_FACTORY) private readonly factory: Pax8ClientFactory,
    private readonly cipher: CredentialCipher,
    private readonly clock: Pax8Clock,
    private readonly audit: AuditService,
  ) {}

  private requireAuth(): Pax8DelegatedAuth {
    if (!this.auth || !this.options.connectionMethods.includes('delegated')) {
      const reason = CONNECTION_MESSAGES.methodNotAllowed('delegated');
      throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: reason, errors: [{ field: 'method', reason }] });
    }
    return this.auth;
  }

  /** Starts the dance: a single-use state bound to tenant and user, a PKCE pair, the URL to send the browser to. */
  async start(tenantId: string, userId: string): Promise<{ authorizeUrl: string; expiresAt: string }> {
    const auth = this.requireAuth();
    const state = randomBytes(32).toString('base64url');
    const { verifier, challenge } = pkcePair();
    const expiresAt = new Date(Date.now() + this.options.delegated!.stateTtlSeconds * 1000);
    const states = new TenantRepository(this.dataSource, OAuthState, tenantId);
    // Used or expired attempts of this tenant are of no use any more.
    await states.delete({ usedAt: Not(IsNull()) });
    await states.delete({ expiresAt: LessThan(new Date()) });
    await states.save(states.create({ stateHash: hashState(state), userId, encryptedVerifier: this.cipher.encrypt(verifier, tenantId), expiresAt, usedAt: null }));
    return { authorizeUrl: auth.authorizeUrl(state, challenge), expiresAt: expiresAt.toISOString() };
  }

  /** Pax8 sent the browser back. Connects only when every check passes; otherwise says why. */
  async complete(tenantId: string, actor: AuditActor, query: CallbackQuery): Promise<CallbackResult> {
    const auth = this.requireAuth();
    const checked = await this.consumeState(tenantId, actor.id, query.state);
    if ('failure' in checked) return checked.failure;
    if (query.error) {
      const declined = query.error === 'access_denied';
      return { outcome: declined ? 'declined' : 'failed', message: declined ? CALLBACK_MESSAGES.declined : CALLBACK_MESSAGES.pax8Error(query.error_description ?? query.error) };
    }
    if (!query.code) return fail('code', CALLBACK_MESSAGES.missingCode);

    let tokens;
    try {
      tokens = await auth.exchangeCode(query.code, this.cipher.decrypt(checked.state.encryptedVerifier, tenantId));
    } catch (err) {
      if (err instanceof Pax8ApiError) return fail('code', CALLBACK_MESSAGES.exchangeFailed(err.message));
      throw err;
    }
    if (!tokens.refreshToken) return fail('code', CALLBACK_MESSAGES.noRefreshToken);
    if (tokens.accountId && (await this.accountUsedElsewhere(tenantId, tokens.accountId))) {
      // Refused rather than shared: one webhook accountId must name one tenant. The tokens are dropped,
      // not revoked (revoking would end the other tenant's consent, which is the same grant at Pax8).
      return fail('state', CALLBACK_MESSAGES.accountTaken);
    }

    const now = this.clock.now();
    await runInTransaction(this.dataSource, async (m) => {
      const integrations = new TenantRepository(m, Pax8Integration, tenantId);
      const grants = new TenantRepository(m, DelegatedGrant, tenantId);
      const existing = await integrations.findOne({});
      const row = existing ?? integrations.create({ status: 'not_connected', credentialState: 'unknown', autoMapEnabled: false });
      const event = !existing || (!existing.encryptedCredentials && existing.connectionMethod !== 'delegated') ? 'connection.connected' : existing.connectionMethod === 'delegated' ? 'connection.reauthorized' : 'connection.credentials_changed';
      Object.assign(row, {
        connectionMethod: 'delegated',
        encryptedCredentials: null,
        clientIdHint: null,
        credentialsSavedAt: now,
        credentialState: 'valid',
        credentialsCheckedAt: now,
        status: 'active',
      });
      if (row.lastError === CONNECTION_MESSAGES.reauthorize || row.lastError === CONNECTION_MESSAGES.rejected) Object.assign(row, { lastError: null, lastErrorAt: null });
      if (!row.nextSyncAt) {
        const intervalMs = this.options.sync.intervalMinutes * 60_000;
        row.nextSyncAt = new Date(Date.now() + staggerOffsetMs(tenantId, intervalMs));
      }
      await integrations.save(row);
      const grant = (await grants.findOne({})) ?? grants.create({ tokenVersion: 0 });
      Object.assign(grant, {
        pax8AccountId: tokens.accountId,
        state: 'active',
        encryptedRefreshToken: this.cipher.encrypt(tokens.refreshToken!, tenantId),
        encryptedAccessToken: this.cipher.encrypt(tokens.accessToken, tenantId),
        accessTokenExpiresAt: new Date(tokens.expiresAt),
        consentGivenAt: now,
        consentEndsAt: new Date(now.getTime() + CONSENT_LIFETIME_MS),
        consentedBy: actor.id,
        tokenVersion: (grant.tokenVersion ?? 0) + 1,
        refreshHolder: null,
        refreshLockedUntil: null,
        warnedDaysAhead: null,
      });
      await grants.save(grant);
      await this.audit.record(tenantId, actor, event, { type: 'integration', id: row.id }, { method: 'delegated', pax8AccountId: tokens.accountId }, m);
    });
    // A new consent: nothing cached for the old one may be reused.
    this.factory.forget(`tenant:${tenantId}`);
    return { outcome: 'connected', message: CALLBACK_MESSAGES.connected };
  }

  /** Checks the state and marks it used (conditionally, so two callbacks cannot both pass). */
  private async consumeState(tenantId: string, userId: string, state: string | undefined): Promise<{ state: OAuthState } | { failure: CallbackResult }> {
    if (!state || !STATE_FORMAT.test(state)) return { failure: fail('state', CALLBACK_MESSAGES.stateInvalid) };
    const hash = hashState(state);
    const states = new TenantRepository(this.dataSource, OAuthState, tenantId);
    const row = await states.findOne({ stateHash: hash });
    if (!row) {
      // Only whether the hash exists elsewhere, to tell "another account" from "altered": nothing is read from it.
      const elsewhere = await this.dataSource.getRepository(OAuthState).exists({ where: { stateHash: hash } });
      return { failure: fail('state', elsewhere ? CALLBACK_MESSAGES.stateOtherTenant : CALLBACK_MESSAGES.stateInvalid) };
    }
    if (row.usedAt) return { failure: fail('state', CALLBACK_MESSAGES.stateReplayed) };
    if (new Date(row.expiresAt).getTime() < Date.now()) return { failure: fail('state', CALLBACK_MESSAGES.stateExpired) };
    if (row.userId !== userId) return { failure: fail('state', CALLBACK_MESSAGES.stateOtherUser) };
    const result = (await states.update({ id: row.id, usedAt: IsNull() }, { usedAt: new Date() })) as { affected?: number };
    if (!result.affected) return { failure: fail('state', CALLBACK_MESSAGES.stateReplayed) };
    return { state: row };
  }

  /** Is this partner account connected (and not ended) on another tenant? A cross-tenant existence check, by design. */
  private async accountUsedElsewhere(tenantId: string, accountId: string): Promise<boolean> {
    const rows = await this.dataSource.getRepository(DelegatedGrant).find({ where: { pax8AccountId: accountId, state: 'active' }, select: { tenantId: true } });
    return rows.some((r) => r.tenantId !== tenantId);
  }
}

function fail(field: string, reason: string): CallbackResult {
  return { outcome: 'failed', message: reason, errors: [{ field, reason }] };
}
