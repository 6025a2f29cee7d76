import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TenantRepository } from '../common/tenancy/tenant-repository';
import { Pax8Client, Pax8ClientFactory } from '../pax8-api';
import { PAX8_CLIENT_FACTORY, PAX8_DATA_SOURCE } from '../pax8.constants';
import { CONNECTION_MESSAGES } from './credential-messages';
import { CredentialsService, Pax8Credentials } from './credentials.service';
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
    const credentials = integration && this.credentials.open(integration);
    if (!credentials) throw new Pax8NotConnectedError();
    return this.clientFor(tenantId, credentials);
  }

  async recordCredentialOutcome(tenantId: string, outcome: 'valid' | 'rejected'): Promise<void> {
    const now = new Date();
    const repo = new TenantRepository(this.dataSource, Pax8Integration, tenantId);
    await repo.update(
      {},
      outcome === 'valid'
        ? { credentialState: 'valid', credentialsCheckedAt: now }
        : { credentialState: 'rejected', credentialsCheckedAt: now, lastError: CONNECTION_MESSAGES.rejected, lastErrorAt: now },
    );
  }
}
