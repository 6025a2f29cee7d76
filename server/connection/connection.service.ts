import { BadGatewayException, BadRequestException, Inject, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditActor, AuditService } from '../audit/audit.service';
import { TenantRepository } from '../common/tenancy/tenant-repository';
import { deleteTenantRows, TenantLifecycle } from '../common/lifecycle/tenant-lifecycle';
import { Pax8CredentialsRejectedError } from '../pax8-api';
import { PAX8_DATA_SOURCE, PAX8_OPTIONS } from '../pax8.constants';
import type { ResolvedPax8Options } from '../pax8-options';
import { runInTransaction } from '../common/orm/transaction';
import { newId } from '../common/orm/tenant-entity';
import { staggerOffsetMs } from '../sync/due-tenants';
import { SyncAlreadyRunningError } from '../sync/sync-errors';
import { SyncLeaseService } from '../sync/sync-lease.service';
import { CONNECTION_MESSAGES } from './credential-messages';
import { CredentialsService, Pax8Credentials } from './credentials.service';
import { DisconnectDto, SaveConnectionDto } from './dto/connection.dto';
import { Pax8Integration } from './pax8-integration.entity';
import { ConnectionStatus, describeStatus } from './connection-status';
import { TenantPax8ClientService } from './tenant-pax8-client.service';
import { DelegatedGrant } from './delegated/delegated-grant.entity';
import { DelegatedRevoker } from './delegated/delegated-revoker';
import { OAuthState } from './delegated/oauth-state.entity';

export interface CredentialTestResult {
  ok: boolean;
  checkedAt: string;
  message: string;
}

/** Connect, test, save settings, report status, disconnect: the server side of the connection card. */
@Injectable()
export class ConnectionService {
  constructor(
    @Inject(PAX8_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(PAX8_OPTIONS) private readonly options: ResolvedPax8Options,
    private readonly credentials: CredentialsService,
    private readonly pax8: TenantPax8ClientService,
    private readonly audit: AuditService,
    private readonly leases: SyncLeaseService,
    private readonly lifecycle: TenantLifecycle,
    private readonly revoker: DelegatedRevoker,
  ) {}

  private integrations(tenantId: string, manager: EntityManager = this.dataSource.manager) {
    return new TenantRepository(manager, Pax8Integration, tenantId);
  }

  /** Asks Pax8 for a fresh token with these credentials; saves nothing. */
  async test(tenantId: string, credentials: Pax8Credentials): Promise<CredentialTestResult> {
    const checkedAt = new Date().toISOString();
    try {
      await this.pax8.clientFor(tenantId, credentials).testCredentials();
      return { ok: true, checkedAt, message: 'Pax8 accepted these credentials.' };
    } catch (err) {
      if (err instanceof Pax8CredentialsRejectedError) return { ok: false, checkedAt, message: CONNECTION_MESSAGES.testRejected };
      throw new BadGatewayException(CONNECTION_MESSAGES.unreachable((err as Error).message));
    }
  }

  async status(tenantId: string): Promise<ConnectionStatus> {
    const grant = await new TenantRepository(this.dataSource, DelegatedGrant, tenantId).findOne({});
    return describeStatus(await this.integrations(tenantId).findOne({}), this.options, this.revoker.now(), grant);
  }

  /**
   * Saves credentials and settings. New credentials are tested first and a failed test saves nothing;
   * blank credential fields keep the stored ones; replacing them needs both.
   */
  async save(tenantId: string, actor: AuditActor, dto: SaveConnectionDto): Promise<ConnectionStatus> {
    const replacing = dto.clientId !== undefined || dto.clientSecret !== undefined;
    if (replacing && !this.options.connectionMethods.includes('client_credentials')) {
      const reason = CONNECTION_MESSAGES.methodNotAllowed('client_credentials');
      throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: reason, errors: [{ field: 'clientId', reason }] });
    }
    if (replacing && (dto.clientId === undefined || dto.clientSecret === undefined)) {
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: CONNECTION_MESSAGES.bothRequired,
        errors: [{ field: dto.clientId === undefined ? 'clientId' : 'clientSecret', reason: CONNECTION_MESSAGES.bothRequired }],
      });
    }
    if (replacing) {
      const result = await this.test(tenantId, { clientId: dto.clientId!, clientSecret: dto.clientSecret! });
      if (!result.ok) throw new UnprocessableEntityException({ statusCode: 422, error: 'Unprocessable Entity', message: result.message, field: 'clientSecret' });
    }

    await runInTransaction(this.dataSource, async (manager) => {
      const repo = this.integrations(tenantId, manager);
      const existing = await repo.findOne({});
      const row = existing ?? repo.create({ status: 'not_connected', credentialState: 'unknown', autoMapEnabled: false });
      const before = { autoMapEnabled: row.autoMapEnabled, status: row.status };
      const hadCredentials = !!row.encryptedCredentials;
      const now = new Date();

      if (replacing) {
        row.encryptedCredentials = this.credentials.seal(tenantId, { clientId: dto.clientId!, clientSecret: dto.clientSecret! });
        if (row.connectionMethod === 'delegated') await new TenantRepository(manager, DelegatedGrant, tenantId).delete();
        row.connectionMethod = 'client_credentials';
        row.clientIdHint = CredentialsService.hint(dto.clientId!);
        row.credentialsSavedAt = now;
        row.credentialState = 'valid';
        row.credentialsCheckedAt = now;
        if (row.lastError === CONNECTION_MESSAGES.rejected || row.lastError === CONNECTION_MESSAGES.reauthorize) {
          row.lastError = null;
          row.lastErrorAt = null;
        }
        // Connecting switches the integration on unless the same request asks for it off.
        row.status = dto.active === false ? 'configured' : 'active';
      } else if (dto.active !== undefined) {
        if (!row.encryptedCredentials && row.connectionMethod !== 'delegated') {
          throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: CONNECTION_MESSAGES.notConnected, errors: [{ field: 'active', reason: CONNECTION_MESSAGES.notConnected }] });
        }
        row.status = dto.active ? 'active' : 'configured';
      }
      if (dto.autoMapEnabled !== undefined) row.autoMapEnabled = dto.autoMapEnabled;
      if (row.status === 'active' && !row.nextSyncAt) {
        // First scheduled sync: a slot spread over the interval by tenant, so many tenants connecting
        // at once do not all sync on the same tick.
        const intervalMs = this.options.sync.intervalMinutes * 60_000;
        row.nextSyncAt = new Date(now.getTime() + staggerOffsetMs(tenantId, intervalMs));
      }
      await repo.save(row);

      if (replacing) {
        await this.audit.record(tenantId, actor, hadCredentials ? 'connection.credentials_changed' : 'connection.connected', { type: 'integration', id: row.id }, { clientIdHint: row.clientIdHint }, manager);
      }
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      if (before.autoMapEnabled !== row.autoMapEnabled) changes.autoMapEnabled = { from: before.autoMapEnabled, to: row.autoMapEnabled };
      if (existing && before.status !== row.status) changes.status = { from: before.status, to: row.status };
      if (Object.keys(changes).length) {
        await this.audit.record(tenantId, actor, 'connection.settings_changed', { type: 'integration', id: row.id }, changes, manager);
      }
    });
    return this.status(tenantId);
  }

  /** A real token request with the stored credentials; the status then says when they were last proven. */
  async check(tenantId: string): Promise<ConnectionStatus> {
    const integration = await this.integrations(tenantId).findOne({});
    if (integration?.connectionMethod === 'delegated') {
      // A refresh grant proves the consent still holds; an ended one already turned the status.
      try {
        await (await this.pax8.forTenant(tenantId)).testCredentials();
        await this.pax8.recordCredentialOutcome(tenantId, 'valid');
      } catch (err) {
        if (!(err instanceof Pax8CredentialsRejectedError)) throw new BadGatewayException(CONNECTION_MESSAGES.unreachable((err as Error).message));
      }
      return this.status(tenantId);
    }
    const stored = integration && (await this.pax8.openRecording(tenantId, integration));
    if (!stored) throw new BadRequestException(CONNECTION_MESSAGES.notConnected);
    const result = await this.test(tenantId, stored);
    await this.pax8.recordCredentialOutcome(tenantId, result.ok ? 'valid' : 'rejected');
    return this.status(tenantId);
  }

  /**
   * Removes the integration, its credentials, mappings, companies, subscriptions, billing settings and
   * sync history of the tenant in one transaction; the audit entry commits with it or not at all.
   */
  async disconnect(tenantId: string, actor: AuditActor, _dto: DisconnectDto): Promise<{ disconnected: true; removed: Record<string, number>; pax8AccessRevoked: boolean | null }> {
    const removed: Record<string, number> = {};
    // Hold the tenant's sync lease so no sync (here or in another process) writes rows back meanwhile.
    const leaseId = newId();
    if (!(await this.leases.acquire(tenantId, leaseId, 60_000))) {
      throw new SyncAlreadyRunningError((await this.leases.current(tenantId))?.runId ?? null);
    }
    let refreshToken: string | null;
    try {
      refreshToken = await this.revoker.storedRefreshToken(tenantId);
      await this.removeTenantData(tenantId, actor, removed);
    } finally {
      await this.leases.release(tenantId, leaseId);
    }
    this.pax8.forget(tenantId);
    // After the rows are gone (a failed removal must not leave a revoked grant behind); best effort.
    const pax8AccessRevoked = refreshToken ? await this.revoker.revoke(refreshToken) : null;
    return { disconnected: true, removed, pax8AccessRevoked };
  }

  private async removeTenantData(tenantId: string, actor: AuditActor, removed: Record<string, number>): Promise<void> {
    await runInTransaction(this.dataSource, async (manager) => {
      const integration = await this.integrations(tenantId, manager).findOne({});
      if (!integration) throw new BadRequestException(CONNECTION_MESSAGES.notConnected);
      // Each feature removes its own tables (it registered with TenantLifecycle); the integration row goes last.
      Object.assign(removed, await this.lifecycle.tenantDisconnecting({ manager, tenantId }));
      // The connection's own tables: the delegated grant (refresh token) and pending sign-in states.
      Object.assign(removed, await deleteTenantRows(manager, tenantId, [DelegatedGrant, OAuthState]));
      removed[this.integrations(tenantId, manager).repo.metadata.tableName] = 1;
      await this.integrations(tenantId, manager).delete();
      await this.audit.record(tenantId, actor, 'connection.disconnected', { type: 'integration', id: integration.id }, { removed }, manager);
    });
  }
}
