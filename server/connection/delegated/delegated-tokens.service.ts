import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { Brackets, DataSource } from 'typeorm';
import { Pax8Clock } from '../../common/clock';
import { CredentialCipher } from '../../common/crypto/credential-cipher';
import { runInTransaction } from '../../common/orm/transaction';
import { TenantRepository } from '../../common/tenancy/tenant-repository';
import { HostEventsPort, PAX8_HOST_EVENTS } from '../../host/host-events.port';
import { Pax8DelegatedAuth, Pax8ReauthorizationRequiredError, Pax8UnavailableError } from '../../pax8-api';
import { PAX8_DATA_SOURCE, PAX8_DELEGATED_AUTH, PAX8_OPTIONS } from '../../pax8.constants';
import type { ResolvedPax8Options } from '../../pax8-options';
import { CONNECTION_MESSAGES } from '../credential-messages';
import { Pax8Integration } from '../pax8-integration.entity';
import { DelegatedGrant } from './delegated-grant.entity';

/** An access token is reused while more than this is left (a request started now must not meet its expiry). */
const ACCESS_TOKEN_MARGIN_MS = 60_000;
const LOCK_POLL_MS = 100;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Access tokens for delegated tenants. One refresh in flight per tenant: in this process through a
 * shared promise, across replicas through a lock on the grant row (a conditional UPDATE, like the sync
 * lease). A rotated refresh token is written to the database before the new access token is handed
 * out, so the next refresh (here or on any replica) always uses the newest one. An `invalid_grant`, or
 * the 90 days passing, turns the tenant to "re-authorize with Pax8" and pauses its syncs.
 */
@Injectable()
export class DelegatedTokensService {
  private readonly logger = new Logger('Pax8Delegated');
  private readonly inFlight = new Map<string, Promise<{ value: string; expiresAt: number }>>();
  /** This process in lock rows (tests give a second instance another name to play a second replica). */
  holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

  constructor(
    @Inject(PAX8_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(PAX8_OPTIONS) private readonly options: ResolvedPax8Options,
    private readonly cipher: CredentialCipher,
    private readonly clock: Pax8Clock,
    @Inject(PAX8_DELEGATED_AUTH) private readonly auth: Pax8DelegatedAuth | null,
    @Optional() @Inject(PAX8_HOST_EVENTS) private readonly events?: HostEventsPort,
  ) {}

  private grants(tenantId: string) {
    return new TenantRepository(this.dataSource, DelegatedGrant, tenantId);
  }

  /** Longer than one token request can take, so a live refresh never loses its lock. */
  private get lockMs(): number {
    return this.options.api.timeoutMs + 5_000;
  }

  /** A valid access token for the tenant; `staleToken` is one the API refused (never handed back). */
  accessToken(tenantId: string, staleToken?: string): Promise<{ value: string; expiresAt: number }> {
    let pending = this.inFlight.get(tenantId);
    if (!pending) {
      pending = this.obtain(tenantId, staleToken).finally(() => this.inFlight.delete(tenantId));
      this.inFlight.set(tenantId, pending);
    }
    return pending;
  }

  private async obtain(tenantId: string, staleToken: string | undefined): Promise<{ value: string; expiresAt: number }> {
    const deadline = Date.now() + this.lockMs * 2;
    while (Date.now() < deadline) {
      const grant = await this.usableGrant(tenantId);
      const cached = this.cachedToken(grant, staleToken);
      if (cached) return cached;
      if (await this.lock(tenantId)) {
        try {
          return await this.refreshLocked(tenantId, staleToken);
        } finally {
          await this.unlock(tenantId);
        }
      }
      // Another replica is refreshing: its token lands in the row, and the next loop reads it.
      await sleep(LOCK_POLL_MS);
    }
    throw new Pax8UnavailableError('Another process has been refreshing this tenant\'s Pax8 token for too long. Try again in a minute.', { method: 'POST', path: '/oauth/token' });
  }

  private async refreshLocked(tenantId: string, staleToken: string | undefined): Promise<{ value: string; expiresAt: number }> {
    for (;;) {
      // Read again under the lock: a replica that held it before us may have refreshed already.
      const grant = await this.usableGrant(tenantId);
      const cached = this.cachedToken(grant, staleToken);
      if (cached) return cached;
      if (!this.auth) throw new Error('Pax8 delegated authorization is not configured (options.delegated)');
      const version = grant.tokenVersion;
      try {
        const tokens = await this.auth.refresh(this.cipher.decrypt(grant.encryptedRefreshToken, tenantId));
        const update: Partial<DelegatedGrant> = {
          encryptedAccessToken: this.cipher.encrypt(tokens.accessToken, tenantId),
          accessTokenExpiresAt: new Date(tokens.expiresAt),
          tokenVersion: version + 1,
          lastRefreshedAt: new Date(),
        };
        if (tokens.refreshToken) update.encryptedRefreshToken = this.cipher.encrypt(tokens.refreshToken, tenantId);
        // Stored before use: if this process dies after this line, every replica has the rotated token.
        await this.grants(tenantId).update({}, update as never);
        return { value: tokens.accessToken, expiresAt: tokens.expiresAt };
      } catch (err) {
        if (!(err instanceof Pax8ReauthorizationRequiredError)) throw err;
        // A newer refresh token may have been stored meanwhile (a lock that expired mid-request): try it.
        const now = await this.grants(tenantId).findOne({});
        if (now && now.tokenVersion !== version && now.state === 'active') continue;
        await this.endConsent(tenantId, err.message);
        throw err;
      }
    }
  }

  /** The grant, or the reason it cannot be used (not connected, consent ended). */
  private async usableGrant(tenantId: string): Promise<DelegatedGrant> {
    const grant = await this.grants(tenantId).findOne({});
    const init = { method: 'POST', path: '/oauth/token', pax8Type: 'invalid_grant' };
    if (!grant || grant.state === 'reauthorize') throw new Pax8ReauthorizationRequiredError(init);
    if (this.clock.now().getTime() >= new Date(grant.consentEndsAt).getTime()) {
      await this.endConsent(tenantId, 'The 90-day authorization ended.');
      throw new Pax8ReauthorizationRequiredError(init, 'the 90-day authorization ended');
    }
    return grant;
  }

  private cachedToken(grant: DelegatedGrant, staleToken: string | undefined): { value: string; expiresAt: number } | null {
    if (!grant.encryptedAccessToken || !grant.accessTokenExpiresAt) return null;
    const expiresAt = new Date(grant.accessTokenExpiresAt).getTime();
    if (expiresAt - ACCESS_TOKEN_MARGIN_MS <= Date.now()) return null;
    const value = this.cipher.decrypt(grant.encryptedAccessToken, grant.tenantId);
    if (staleToken !== undefined && (value === staleToken || staleToken === '')) return null;
    return { value, expiresAt };
  }

  private async lock(tenantId: string): Promise<boolean> {
    const now = new Date();
    const result = await this.dataSource
      .getRepository(DelegatedGrant)
      .createQueryBuilder()
      .update(DelegatedGrant)
      .set({ refreshHolder: this.holder, refreshLockedUntil: new Date(now.getTime() + this.lockMs) })
      .where('tenantId = :tenantId', { tenantId })
      .andWhere(new Brackets((q) => q.where('refreshHolder IS NULL').orWhere('refreshLockedUntil IS NULL').orWhere('refreshLockedUntil < :now', { now })))
      .execute();
    return (result.affected ?? 0) === 1;
  }

  private async unlock(tenantId: string): Promise<void> {
    await this.grants(tenantId).update({ refreshHolder: this.holder }, { refreshHolder: null, refreshLockedUntil: null });
  }

  /**
   * The consent is over: the tenant shows "re-authorize with Pax8", scheduled syncs pause (rejected
   * credential state), and the host hears it once. Nothing else is touched.
   */
  async endConsent(tenantId: string, reason: string): Promise<void> {
    let ended = false;
    await runInTransaction(this.dataSource, async (m) => {
      const grants = new TenantRepository(m, DelegatedGrant, tenantId);
      const result = (await grants.update({ state: 'active' }, { state: 'reauthorize', encryptedAccessToken: null, accessTokenExpiresAt: null })) as { affected?: number };
      ended = (result.affected ?? 0) > 0;
      const now = new Date();
      await new TenantRepository(m, Pax8Integration, tenantId).update(
        { connectionMethod: 'delegated' },
        { credentialState: 'rejected', credentialsCheckedAt: now, lastError: CONNECTION_MESSAGES.reauthorize, lastErrorAt: now },
      );
    });
    if (ended) {
      this.logger.warn(`Delegated authorization of tenant ${tenantId} ended: ${reason}`);
      await this.publish({ type: 'pax8.consent.ended', tenantId, reason });
    }
  }

  async publish(event: Parameters<HostEventsPort['publish']>[0]): Promise<void> {
    if (!this.events) {
      this.logger.log(`${event.type} for tenant ${event.tenantId} (no PAX8_HOST_EVENTS port to tell)`);
      return;
    }
    try {
      await this.events.publish(event);
    } catch (err) {
      this.logger.error(`The host's event handler failed for ${event.type}: ${(err as Error).message}`);
    }
  }
}
