import { Entity, Index } from 'typeorm';
import { BoolColumn, DateTimeColumn, IdColumn, LongTextColumn, ShortTextColumn } from '../common/orm/columns';
import { TenantEntity } from '../common/orm/tenant-entity';

/** Whether the tenant has saved credentials and whether they are switched on. */
export type IntegrationStatus = 'not_connected' | 'configured' | 'active';
/** What Pax8 last said about the stored credentials (proven by a real token request). */
export type CredentialState = 'unknown' | 'valid' | 'rejected' | 'unreadable';

/** How the tenant connected: its own API keys, or "Connect with Pax8" (delegated OAuth, see delegated/). */
export type ConnectionMethod = 'client_credentials' | 'delegated';

/** One row per tenant: the Pax8 connection, its encrypted credentials and its health. */
@Entity('pax8_integrations')
@Index('UQ_pax8_integrations_tenant', ['tenantId'], { unique: true })
export class Pax8Integration extends TenantEntity {
  @ShortTextColumn(32)
  status: IntegrationStatus;

  @ShortTextColumn(32, { default: 'client_credentials' })
  connectionMethod: ConnectionMethod;

  /** `<keyId>:<iv>:<tag>:<ciphertext>` of the JSON {clientId, clientSecret}; never returned by a route. */
  @LongTextColumn({ nullable: true })
  encryptedCredentials: string | null;

  /** Last 4 characters of the Client ID, to show which credentials are stored without revealing them. */
  @ShortTextColumn(16, { nullable: true })
  clientIdHint: string | null;

  @DateTimeColumn({ nullable: true })
  credentialsSavedAt: Date | null;

  @ShortTextColumn(16, { default: 'unknown' })
  credentialState: CredentialState;

  /** When a real token request or API call last proved the credentials (valid or rejected). */
  @DateTimeColumn({ nullable: true })
  credentialsCheckedAt: Date | null;

  @BoolColumn({ default: false })
  autoMapEnabled: boolean;

  @DateTimeColumn({ nullable: true })
  lastSyncAt: Date | null;

  @IdColumn({ nullable: true })
  lastSyncRunId: string | null;

  @ShortTextColumn(16, { nullable: true })
  lastSyncStatus: string | null;

  /** The most recent error, in words a person can act on. */
  @LongTextColumn({ nullable: true })
  lastError: string | null;

  @DateTimeColumn({ nullable: true })
  lastErrorAt: Date | null;

  @DateTimeColumn({ nullable: true })
  nextSyncAt: Date | null;
}
