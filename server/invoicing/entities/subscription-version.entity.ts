import { Column, Entity, Index } from 'typeorm';
import { DateTimeColumn, IdColumn, MoneyColumn, ShortTextColumn } from '../../common/orm/columns';
import { TenantEntity } from '../../common/orm/tenant-entity';

/** 'sync': seen by a sync; 'pax8-history': filled in from GET /subscriptions/{id}/history for a time before the first sync saw it. */
export type VersionSource = 'sync' | 'pax8-history';

/**
 * What a subscription was during [validFrom, validTo): the fields billing depends on. A sync opens a new
 * version when one of them changes; the open version has validTo null. Before the earliest version the
 * subscription's state is unknown (a gap) unless Pax8's history filled it.
 */
@Entity('pax8_subscription_versions')
@Index('UQ_pax8_subscription_versions_tenant_sub_from', ['tenantId', 'pax8SubscriptionId', 'validFrom'], { unique: true })
@Index('IX_pax8_subscription_versions_tenant_open', ['tenantId', 'validTo'])
export class SubscriptionVersion extends TenantEntity {
  @IdColumn()
  pax8SubscriptionId: string;

  @DateTimeColumn()
  validFrom: Date;

  @DateTimeColumn({ nullable: true })
  validTo: Date | null;

  /** Null when Pax8 sent a quantity an int cannot hold (the sync keeps it raw and warns; never rounded). */
  @Column({ type: 'int', nullable: true })
  quantity: number | null;

  @MoneyColumn({ nullable: true })
  price: string | null;

  @MoneyColumn({ nullable: true })
  partnerCost: string | null;

  @ShortTextColumn(32, { nullable: true })
  status: string | null;

  @ShortTextColumn(32, { nullable: true })
  billingTerm: string | null;

  @ShortTextColumn(32, { nullable: true })
  commitmentTerm: string | null;

  @DateTimeColumn({ nullable: true })
  commitmentEndDate: Date | null;

  @ShortTextColumn(16)
  source: VersionSource;
}
