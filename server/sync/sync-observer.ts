import type { EntityManager } from 'typeorm';
import type { Pax8Client } from '../pax8-api';
import type { SubscriptionRecord } from './records/subscription-record';

/**
 * How later features follow the sync without the sync knowing them (the flow only points forward):
 * invoicing records subscription versions and imports Pax8 invoices through this. Optional; without
 * it the sync skips both steps.
 */
export interface SyncObserver {
  /**
   * Called inside the page's transaction with the subscriptions the page created or changed (none when
   * nothing changed). `allNew`: a tenant's first pull, where none of them can have anything recorded yet.
   */
  subscriptionsWritten(manager: EntityManager, tenantId: string, records: SubscriptionRecord[], seenAt: Date, allNew: boolean): Promise<void>;
  /** True when the tenant has nothing recorded for any subscription (a first pull may then skip reading it). */
  recordsNothingFor(tenantId: string): Promise<boolean>;
  /** Called after a successful full pull, with the run's client (its calls count in the run). Must not throw for Pax8 trouble it can retry next time. */
  afterFullSync(tenantId: string, client: Pax8Client): Promise<Record<string, unknown>>;
}
export const PAX8_SYNC_OBSERVER = Symbol.for('pax8.sync.observer');
