import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, Not, IsNull } from 'typeorm';
import { CredentialCipher } from '../common/crypto/credential-cipher';
import { PAX8_DATA_SOURCE } from '../pax8.constants';
import { CONNECTION_MESSAGES } from './credential-messages';
import { Pax8Integration } from './pax8-integration.entity';

export interface Pax8Credentials {
  clientId: string;
  clientSecret: string;
}

/** Stored credentials that do not decrypt (key removed, row copied across tenants, tampered). */
export class CredentialsUnreadableError extends Error {
  constructor() {
    super(CONNECTION_MESSAGES.unreadable);
    this.name = 'CredentialsUnreadableError';
  }
}

/** The only place credentials are encrypted or decrypted. Nothing here logs or returns a secret. */
@Injectable()
export class CredentialsService {
  private readonly logger = new Logger('Pax8Credentials');

  constructor(
    private readonly cipher: CredentialCipher,
    @Inject(PAX8_DATA_SOURCE) private readonly dataSource: DataSource,
  ) {}

  seal(tenantId: string, credentials: Pax8Credentials): string {
    return this.cipher.encrypt(JSON.stringify({ clientId: credentials.clientId, clientSecret: credentials.clientSecret }), tenantId);
  }

  /** Null when nothing is stored; throws CredentialsUnreadableError when what is stored cannot be decrypted. */
  open(integration: Pick<Pax8Integration, 'tenantId' | 'encryptedCredentials'>): Pax8Credentials | null {
    if (!integration.encryptedCredentials) return null;
    try {
      const parsed = JSON.parse(this.cipher.decrypt(integration.encryptedCredentials, integration.tenantId));
      return { clientId: parsed.clientId, clientSecret: parsed.clientSecret };
    } catch {
      throw new CredentialsUnreadableError();
    }
  }

  static hint(clientId: string): string {
    return clientId.slice(-4);
  }

  /**
   * Key rotation: re-encrypts every stored credential that is not under the current key. Run it after
   * adding a new key as `currentKeyId` (old keys stay configured until this has run). Returns counts.
   */
  async reencryptAll(): Promise<{ reencrypted: number; alreadyCurrent: number; failed: number }> {
    const repo = this.dataSource.getRepository(Pax8Integration);
    const rows = await repo.find({ where: { encryptedCredentials: Not(IsNull()) }, select: { id: true, tenantId: true, encryptedCredentials: true } });
    let reencrypted = 0;
    let alreadyCurrent = 0;
    let failed = 0;
    for (const row of rows) {
      if (this.cipher.isCurrent(row.encryptedCredentials!)) {
        alreadyCurrent++;
        continue;
      }
      try {
        const sealed = this.seal(row.tenantId, this.open(row)!);
        // Conditional on the old value: a concurrent credential change is not overwritten.
        const result = await repo.update({ id: row.id, encryptedCredentials: row.encryptedCredentials! }, { encryptedCredentials: sealed });
        if (result.affected) reencrypted++;
      } catch (err) {
        failed++;
        this.logger.error(`Could not re-encrypt the credentials of tenant ${row.tenantId}: ${(err as Error).message}`);
      }
    }
    return { reencrypted, alreadyCurrent, failed };
  }
}
