import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TenantRepository } from '../common/tenancy/tenant-repository';
import { Pax8Client, Pax8ClientFactory, Pax8ReauthorizationRequiredError } from '../pax8-api';
import { PAX8_CLIENT_FACTORY, PAX8_DATA_SOURCE } from '../pax8.constants';
import { CONNECTION_MESSAGES } from './credential-messages';
import { CredentialsService, CredentialsUnreadableError, Pax8Credentials } from './credentials.service';
import { DelegatedGrant } from './delegated/delegated-grant.entity';
import { DelegatedTokensService } from './delegated/delegated-tokens.service';
import { Pax8Integration } from './pax8-integration.entity';

export class Pax8NotConnectedError extends Error {
  constructor() {
    super(CONNECTION_MESSAGES.notConnected);
    this.name = 'Pax8NotConnectedError';
  }
}

/**
 * Hands other features a Pax8 client for a tenant's stored credentials, and records what Pax8 said
 * about those credentials (the "health that is real": every outcome of a real token request).
 */
@Injectable()
export class TenantPax8ClientService {
  constructor(
    @Inject(PAX8_CLIENT_FACTORY) private readonly factory: Pax8ClientFactory,
    private readonly credentials: CredentialsService,
    @Inject(PAX8_DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly delegated: DelegatedTokensService,
  ) {}

  /** A client for credentials not (yet) stored, e.g. to test them before saving. */
  clientFor(tenantId: string, credentials: Pax8Credentials): Pax8Client {
    return this.factory.client(`tenant:${tenantId}`, credentials);
  }

  /** Drops the tenant's cached tokens and limiter (after a disconnect). */
  forget(tenantId: string): void {
    this.factory.forget(`tenant:${tenantId}`);
  }

  async forTenant(tenantId: string): Promise<Pax8Client> {
    const integration = await new TenantRepository(this.dataSource, Pax8Integration, tenantId).findOne({});
    if (integration?.connectionMethod === 'delegated') {
      const grant = await new TenantRepository(this.dataSource, DelegatedGrant, tenantId).findOne({});
      if (!grant) throw new Pax8NotConnectedError();
      // An ended consent stops every replica at once, even one holding a still-valid access token.
      if (grant.state === 'reauthorize') throw new Pax8ReauthorizationRequiredError({ method: 'POST', path: '/oauth/token', pax8Type: 'invalid_grant' });
      // Keyed by the grant row: a new consent (new row id or state) never reuses the old token cache.
      return this.factory.delegatedClient(`tenant:${tenantId}`, `${grant.id}:${new Date(grant.consentGivenAt).getTime()}`, {
        accessToken: (stale) => this.delegated.accessToken(tenantId, stale),
      });
    }
    const credentials = integration && (await this.openRecording(tenantId, integration));
    if (!credentials) throw new Pax8NotConnectedError();
    return this.clientFor(tenantId, credentials);
  }

  /** Decrypts; when that fails, the status says so (and the schedule pauses) before the error goes on. */
  async openRecording(tenantId: string, integration: Pax8Integration): Promise<Pax8Credentials | null> {
    try {
      return this.credentials.open(integration);
    } catch (err) {
      if (!(err instanceof CredentialsUnreadableError)) throw err;
      const now = new Date();
      await new TenantRepository(this.dataSource, Pax8Integration, tenantId).update({}, { credentialState: 'unreadable', credentialsCheckedAt: now, lastError: CONNECTION_MESSAGES.unreadable, lastErrorAt: now });
      throw err;
    }
  }

  async recordCredentialOutcome(tenantId: string, outcome: 'valid' | 'rejected'): Promise<void> {
    const now = new Date();
    const repo = new TenantRepository(this.dataSource, Pax8Integration, tenantId);
    const delegated = (await repo.findOne({}))?.connectionMethod === 'delegated';
    await repo.update(
      {},
      outcome === 'valid'
        ? { credentialState: 'valid', credentialsCheckedAt: now }
        : { credentialState: 'rejected', credentialsCheckedAt: now, lastError: delegated ? CONNECTION_MESSAGES.reauthorize : CONNECTION_MESSAGES.rejected, lastErrorAt: now },
    );
  }
}
