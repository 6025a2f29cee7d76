import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Pax8Clock } from '../../common/clock';
import { CredentialCipher } from '../../common/crypto/credential-cipher';
import { TenantRepository } from '../../common/tenancy/tenant-repository';
import type { Pax8DelegatedAuth } from '../../pax8-api';
import { PAX8_DATA_SOURCE, PAX8_DELEGATED_AUTH } from '../../pax8.constants';
import { DelegatedGrant } from './delegated-grant.entity';

/** What a disconnect needs of the delegated side: the refresh token to revoke, and the revocation. */
@Injectable()
export class DelegatedRevoker {
  private readonly logger = new Logger('Pax8Delegated');

  constructor(
    @Inject(PAX8_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(PAX8_DELEGATED_AUTH) private readonly auth: Pax8DelegatedAuth | null,
    private readonly cipher: CredentialCipher,
    private readonly clock: Pax8Clock,
  ) {}

  now(): Date {
    return this.clock.now();
  }

  async storedRefreshToken(tenantId: string): Promise<string | null> {
    const grant = await new TenantRepository(this.dataSource, DelegatedGrant, tenantId).findOne({});
    return grant ? this.cipher.decrypt(grant.encryptedRefreshToken, tenantId) : null;
  }

  /** True when Pax8 confirmed it; false (logged) when it could not be reached or said no. */
  async revoke(refreshToken: string): Promise<boolean> {
    const ok = !!this.auth && (await this.auth.revoke(refreshToken));
    if (!ok) this.logger.warn('Pax8 did not confirm the revocation of a disconnected tenant\'s authorization; it ends by itself within 90 days, or revoke it in the Pax8 portal.');
    return ok;
  }
}
