import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, IsNull, LessThanOrEqual } from 'typeorm';
import { chunks } from '../../common/chunks';
import { insertRows } from '../../common/orm/bulk-rows';
import { newId } from '../../common/orm/tenant-entity';
import { runInTransaction } from '../../common/orm/transaction';
import { TenantRepository } from '../../common/tenancy/tenant-repository';
import type { Pax8Client, Subscription } from '../../pax8-api';
import { PAX8_DATA_SOURCE } from '../../pax8.constants';
import type { SubscriptionRecord } from '../../sync/records/subscription-record';
import { SubscriptionVersion } from '../entities/subscription-version.entity';
import { pickVersionFields, sameVersion, VersionFields } from './version-fields';

const later = (a: Date, b: Date) => (a.getTime() > b.getTime() ? a : b);

/**
 * Subscription history: what each subscription was, and when. The sync hands over the subscriptions a
 * page created or changed (no extra Pax8 call); a version closes when a billing field changes. A
 * subscription first seen today held its state since Pax8's `updatedDate` (its last change); before
 * that it is a gap, which `fillGaps` closes from Pax8's own history endpoint within a call budget.
 */
@Injectable()
export class SubscriptionHistoryService {
  constructor(@Inject(PAX8_DATA_SOURCE) private readonly dataSource: DataSource) {}

  /** `allNew`: the caller knows none of these subscriptions has a version yet (a tenant's first pull): nothing to read. */
  async record(manager: EntityManager, tenantId: string, records: SubscriptionRecord[], seenAt: Date, allNew = false): Promise<void> {
    const repo = new TenantRepository(manager, SubscriptionVersion, tenantId);
    const open = new Map<string, SubscriptionVersion>();
    if (!allNew)
      for (const ids of chunks(records.map((r) => r.pax8Id)))
        for (const v of await repo.find({ pax8SubscriptionId: In(ids), validTo: IsNull() })) open.set(v.pax8SubscriptionId, v);
    const inserts: SubscriptionVersion[] = [];
    for (const r of records) {
      const fields = pickVersionFields(r);
      const current = open.get(r.pax8Id);
      if (!current) {
        const since = r.pax8UpdatedAt ?? r.startDate ?? seenAt;
        inserts.push(this.version(tenantId, r.pax8Id, fields, since > seenAt ? seenAt : since, 'sync'));
        continue;
      }
      if (sameVersion(current, fields)) continue;
      // Pax8's updatedDate says when it changed, when it is plausible; else when we saw it.
      const u = r.pax8UpdatedAt;
      const changedAt = u && u > current.validFrom && u <= seenAt ? u : later(seenAt, new Date(current.validFrom.getTime() + 1));
      await repo.update({ id: current.id }, { validTo: changedAt });
      inserts.push(this.version(tenantId, r.pax8Id, fields, changedAt, 'sync'));
    }
    // Raw multi-row statements (a page is one or two): entity inserts of 25 rows were the sync's largest insert cost.
    await insertRows(manager, SubscriptionVersion, inserts as unknown as Array<Record<string, unknown>>);
  }

  /** True when the tenant has no version at all. */
  isEmpty(tenantId: string): Promise<boolean> {
    return new TenantRepository(this.dataSource, SubscriptionVersion, tenantId).isEmpty();
  }

  /** A new version row as a plain object (both insert paths take one; entity construction cost more than the insert). */
  private version(tenantId: string, subId: string, f: VersionFields, validFrom: Date, source: SubscriptionVersion['source']): SubscriptionVersion {
    return { id: newId(), tenantId, pax8SubscriptionId: subId, validFrom, validTo: null, ...f, source } as SubscriptionVersion;
  }

  /** Each subscription's version in force at `at`; a subscription missing from the map was unknown then (a gap). */
  /** The versions in force at `at`, as a query (alias `v`) a caller may narrow or read raw. */
  versionsAtQuery(tenantId: string, at: Date) {
    return new TenantRepository(this.dataSource, SubscriptionVersion, tenantId).query('v').andWhere('v.validFrom <= :at', { at }).andWhere('(v.validTo IS NULL OR v.validTo > :at)', { at });
  }

  async versionsAt(tenantId: string, at: Date, subscriptionIds?: string[]): Promise<Map<string, SubscriptionVersion>> {
    const q = this.versionsAtQuery(tenantId, at);
    const out = new Map<string, SubscriptionVersion>();
    if (!subscriptionIds) {
      for (const v of await q.getMany()) out.set(v.pax8SubscriptionId, v);
      return out;
    }
    for (const ids of chunks(subscriptionIds))
      for (const v of await q.clone().andWhere('v.pax8SubscriptionId IN (:...ids)', { ids }).getMany()) out.set(v.pax8SubscriptionId, v);
    return out;
  }

  async versionsOf(tenantId: string, subscriptionId: string): Promise<SubscriptionVersion[]> {
    return new TenantRepository(this.dataSource, SubscriptionVersion, tenantId).find({ pax8SubscriptionId: subscriptionId }, { order: { validFrom: 'ASC' } });
  }

  /**
   * For subscriptions whose state at `at` is unknown (their earliest version starts later), reads Pax8's
   * history (one call each, at most `budget`) and records the versions before the earliest known one.
   * Returns the calls made and the subscriptions still unknown.
   */
  async fillGaps(tenantId: string, client: Pax8Client, subscriptionIds: string[], at: Date, budget: number): Promise<{ calls: number; filled: number; unknown: string[] }> {
    const known = await this.versionsAt(tenantId, at, subscriptionIds);
    const missing = subscriptionIds.filter((id) => !known.has(id));
    const repo = new TenantRepository(this.dataSource, SubscriptionVersion, tenantId);
    let calls = 0;
    let filled = 0;
    const unknown: string[] = [];
    for (const id of missing) {
      const earliest = (await repo.find({ pax8SubscriptionId: id }, { order: { validFrom: 'ASC' }, take: 1 }))[0];
      if (!earliest || earliest.validFrom <= at) continue; // not synced at all, or not a gap
      if (calls >= budget) {
        unknown.push(id);
        continue;
      }
      calls++;
      const snapshots = await client.subscriptions.history(id);
      const added = await this.recordHistory(tenantId, id, snapshots, earliest);
      if (added) filled++;
      else unknown.push(id);
    }
    return { calls, filled, unknown };
  }

  /** Versions from Pax8 snapshots that end before the earliest synced version. */
  private async recordHistory(tenantId: string, subId: string, snapshots: Subscription[], earliest: SubscriptionVersion): Promise<number> {
    // Pax8 may list newest first [I]: order by updatedDate; the oldest held since the subscription started.
    const ordered = [...snapshots].sort((a, b) => (a.updatedDate?.getTime() ?? 0) - (b.updatedDate?.getTime() ?? 0));
    const dated = ordered
      .map((s, i) => ({ s, from: i === 0 ? (s.startDate ?? s.updatedDate) : s.updatedDate }))
      .filter((x): x is { s: Subscription; from: Date } => !!x.from && x.from < earliest.validFrom);
    if (!dated.length) return 0;
    return runInTransaction(this.dataSource, async (m) => {
      const repo = new TenantRepository(m, SubscriptionVersion, tenantId);
      const rows = dated.map((x, i) => {
        const s = x.s;
        const fields: VersionFields = {
          quantity: s.quantity ?? 0,
          price: s.price ?? null,
          partnerCost: s.partnerCost ?? null,
          status: s.status ?? null,
          billingTerm: s.billingTerm ?? null,
          commitmentTerm: s.commitment?.term ?? null,
          commitmentEndDate: s.commitment?.endDate ?? null,
        };
        const v = this.version(tenantId, subId, fields, x.from, 'pax8-history');
        v.validTo = i + 1 < dated.length ? dated[i + 1].from : earliest.validFrom;
        return v;
      });
      // Another import may have filled it meanwhile: only add what is still a gap.
      const again = await repo.find({ pax8SubscriptionId: subId, validFrom: LessThanOrEqual(rows[rows.length - 1].validFrom) });
      if (again.length) return 0;
      await m.getRepository(SubscriptionVersion).insert(rows);
      return rows.length;
    });
  }
}
