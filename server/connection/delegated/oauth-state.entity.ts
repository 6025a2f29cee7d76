import { Entity, Index } from 'typeorm';
import { DateTimeColumn, IdColumn, LongTextColumn } from '../../common/orm/columns';
import { TenantEntity } from '../../common/orm/tenant-entity';

/**
 * One started "Connect with Pax8": the `state` sent to Pax8 is a random nonce; only its sha256 is
 * stored, bound to the tenant and the user who started it, with the PKCE verifier (encrypted), a
 * short expiry and the moment it was used (single use).
 */
@Entity('pax8_oauth_states')
@Index('UQ_pax8_oauth_states_tenant_hash', ['tenantId', 'stateHash'], { unique: true })
@Index('IX_pax8_oauth_states_hash', ['stateHash'])
export class OAuthState extends TenantEntity {
  @IdColumn()
  stateHash: string;

  @IdColumn()
  userId: string;

  @LongTextColumn()
  encryptedVerifier: string;

  @DateTimeColumn()
  expiresAt: Date;

  @DateTimeColumn({ nullable: true })
  usedAt: Date | null;
}
