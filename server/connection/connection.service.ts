import { BadGatewayException, BadRequestException, Inject, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditActor, AuditService } from '../audit/audit.service';
import { TenantRepository } from '../common/tenancy/tenant-repository';
import { Pax8CredentialsRejectedError } from '../pax8-api';
import { PAX8_DATA_SOURCE, PAX8_OPTIONS } from '../pax8.constants';
import type { ResolvedPax8Options } from '../pax8-options';
import { runInTransaction } from '../common/orm/transaction';
import { newId } from '../common/orm/tenant-entity';
import { staggerOffsetMs } from '../sync/due-tenants';
import { SyncAlreadyRunningError } from '../sync/sync-errors';
import { SyncLeaseService } from '../sync/sync-lease.service';
import { TENANT_DATA_ENTITIES } from './tenant-data';
import { CONNECTION_MESSAGES } from './credential-messages';
import { CredentialsService, Pax8Credentials } from './credentials.service';
import { DisconnectDto, SaveConnectionDto } from './dto/connection.dto';
import { Pax8Integration } from './pax8-integration.entity';
import { ConnectionStatus, describeStatus } from './connection-status';
import { TenantPax8ClientService } from './tenant-pax8-client.service';

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
    return describeStatus(await this.integrations(tenantId).findOne({}), this.options, new Date());
  }

  /**
   * Saves credentials and settings. New credentials are tested first and a failed test saves nothing;
   * blank credential fields keep the stored ones; replacing them needs both.
   */
  async save(tenantId: string, actor: AuditActor, dto: SaveConnectionDto): Promise<ConnectionStatus> {
    const replacing = dto.clientId !== undefined || dto.clientSecret !== undefined;
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
        row.clientIdHint = CredentialsService.hint(dto.clientId!);
        row.credentialsSavedAt = now;
        row.credentialState = 'valid';
        row.credentialsCheckedAt = now;
        if (row.lastError === CONNECTION_MESSAGES.rejected) {
          row.lastError = null;
          row.lastErrorAt = null;
        }
        // Connecting switches the integration on unless the same request asks for it off.
        row.status = dto.active === false ? 'configured' : 'active';
      } else if (dto.active !== undefined) {
        if (!row.encryptedCredentials) {
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
    const stored = integration && this.credentials.open(integration);
    if (!stored) throw new BadRequestException(CONNECTION_MESSAGES.notConnected);
    const result = await this.test(tenantId, stored);
    await this.pax8.recordCredentialOutcome(tenantId, result.ok ? 'valid' : 'rejected');
    return this.status(tenantId);
  }

  /**
   * Removes the integration, its credentials, mappings, companies, subscriptions, billing settings and
   * sync history of the tenant in one transaction; the audit entry commits with it or not at all.
   */
  async disconnect(tenantId: string, actor: AuditActor, _dto: DisconnectDto): Promise<{ disconnected: true; removed: Record<string, number> }> {
    const removed: Record<string, number> = {};
    // Hold the tenant's sync lease so no sync (here or in another process) writes rows back meanwhile.
    const leaseId = newId();
    if (!(await this.leases.acquire(tenantId, leaseId, 60_000))) {
      throw new SyncAlreadyRunningError((await this.leases.current(tenantId))?.runId ?? null);
    }
    try {
      await this.removeTenantData(tenantId, actor, removed);
    } finally {
      await this.leases.release(tenantId, leaseId);
    }
    this.pax8.forget(tenantId);
    return { disconnected: true, removed };
  }

  private async removeTenantData(tenantId: string, actor: AuditActor, removed: Record<string, number>): Promise<void> {
    await runInTransaction(this.dataSource, async (manager) => {
      const integration = await this.integrations(tenantId, manager).findOne({});
      if (!integration) throw new BadRequestException(CONNECTION_MESSAGES.notConnected);
      for (const entity of TENANT_DATA_ENTITIES) {
        const repo = new TenantRepository(manager, entity, tenantId);
        removed[repo.repo.metadata.tableName] = await repo.count();
        await repo.delete();
      }
      await this.audit.record(tenantId, actor, 'connection.disconnected', { type: 'integration', id: integration.id }, { removed }, manager);
    });
  }
}
