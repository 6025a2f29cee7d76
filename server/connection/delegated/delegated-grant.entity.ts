import { Column, Entity, Index } from 'typeorm';
import { DateTimeColumn, IdColumn, LongTextColumn, ShortTextColumn } from '../../common/orm/columns';
import { TenantEntity } from '../../common/orm/tenant-entity';

/** 'active' until Pax8 ends the consent (90 days, revocation, invalid_grant): then 'reauthorize'. */
export type DelegatedGrantState = 'active' | 'reauthorize';

/**
 * A tenant's delegated authorization (Connect with Pax8): encrypted refresh and access tokens, the
 * partner account that consented, the consent's 90-day window, and the refresh lock that keeps one
 * refresh in flight per tenant across every replica sharing the database.
 */
@Entity('pax8_delegated_grants')
@Index('UQ_pax8_delegated_grants_tenant', ['tenantId'], { unique: true })
@Index('IX_pax8_delegated_grants_account', ['pax8AccountId'])
export class DelegatedGrant extends TenantEntity {
  /** Pax8's partner account id (webhook `accountId`); null when the token did not name it. */
  @IdColumn({ nullable: true })
  pax8AccountId: string | null;

  @ShortTextColumn(16, { default: 'active' })
  state: DelegatedGrantState;

  /** Encrypted like client secrets (tenant-bound AES-GCM). Never returned by a route. */
  @LongTextColumn()
  encryptedRefreshToken: string;

  /** The current access token, encrypted, so replicas share it instead of each refreshing. */
  @LongTextColumn({ nullable: true })
  encryptedAccessToken: string | null;

  @DateTimeColumn({ nullable: true })
  accessTokenExpiresAt: Date | null;

  @DateTimeColumn()
  consentGivenAt: Date;

  /** consentGivenAt + 90 days: Pax8's absolute refresh-token life (§14). */
  @DateTimeColumn()
  consentEndsAt: Date;

  /** Who started the connect (the host's user id). */
  @IdColumn({ nullable: true })
  consentedBy: string | null;

  /** Bumped on every stored token change: a reader that saw version n knows a newer token exists. */
  @Column({ type: 'int', default: 0 })
  tokenVersion: number;

  /** The process refreshing right now, and until when its lock holds. */
  @ShortTextColumn(128, { nullable: true })
  refreshHolder: string | null;

  @DateTimeColumn({ nullable: true })
  refreshLockedUntil: Date | null;

  @DateTimeColumn({ nullable: true })
  lastRefreshedAt: Date | null;

  /** The last expiry warning sent to the host (14, 7 or 1 days ahead), so each goes out once. */
  @Column({ type: 'int', nullable: true })
  warnedDaysAhead: number | null;
}
