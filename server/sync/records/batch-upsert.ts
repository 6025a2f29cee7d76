import { EntityManager, EntityTarget, In, IsNull } from 'typeorm';
import { chunks } from '../../common/chunks';
import { insertRows, selectRawByKeys } from '../../common/orm/bulk-rows';
import { newId } from '../../common/orm/tenant-entity';
import type { EntityCounts } from '../entities/sync-run.entity';

type SyncedRow = { id: string; tenantId: string; pax8Id: string; contentHash: string; removedAt: Date | null; status: string | null };
/** A stored row as read raw: removedAt is whatever the driver returns (only tested for null). */
type ExistingRow = { id: string; pax8Id: string; contentHash: string; removedAt: unknown };
type SyncedRecord = { pax8Id: string; contentHash: string; status: string | null };


/** Live rows read per query when looking for rows a complete pull did not see. */
const VANISH_SLICE = 5000;

export const emptyCounts = (): EntityCounts => ({ created: 0, updated: 0, unchanged: 0, removed: 0 });

/**
 * Upserts one page of records by (tenant, Pax8 id), inside the caller's transaction. A row whose
 * content hash is unchanged is not written at all; a terminal status (Cancelled, Deleted) marks the
 * row removed but keeps it; a row that comes back is un-marked. Returns the records it wrote.
 * With `knownAbsent` every record is inserted without a read (a wrong claim fails on the unique key,
 * never writes a duplicate).
 */
export async function upsertPage<R extends SyncedRecord>(
  manager: EntityManager,
  entity: EntityTarget<SyncedRow>,
  tenantId: string,
  records: R[],
  isTerminal: (status: string | null) => boolean,
  counts: EntityCounts,
  now = new Date(),
  /** The caller knows none of these rows exists yet (see SyncService): skip reading them. */
  knownAbsent = false,
): Promise<R[]> {
  if (!records.length) return [];
  // A page can repeat an id when Pax8's data shifts between requests: keep one record per id.
  records = [...new Map(records.map((r) => [r.pax8Id, r])).values()];
  // One raw read of what the page already has (no entity hydration): hash and removed mark are all we compare.
  const existing = new Map<string, ExistingRow>();
  const found = knownAbsent ? [] : await selectRawByKeys(manager, entity as never, tenantId, 'pax8Id', records.map((r) => r.pax8Id), ['id', 'pax8Id', 'contentHash', 'removedAt']);
  for (const row of found) existing.set(row.pax8Id as string, row as unknown as ExistingRow);

  const inserts: Array<Record<string, unknown>> = [];
  const written: R[] = [];
  const repo = manager.getRepository(entity);
  for (const record of records) {
    const terminal = isTerminal(record.status);
    const row = existing.get(record.pax8Id);
    if (!row) {
      // The record becomes the row (no copy): it is the caller's own, built for this write.
      inserts.push(Object.assign(record, { id: newId(), tenantId, removedAt: terminal ? now : null }));
      written.push(record);
      counts.created++;
      continue;
    }
    const wasRemoved = row.removedAt !== null && row.removedAt !== undefined;
    if (row.contentHash === record.contentHash && wasRemoved === terminal) {
      counts.unchanged++;
      continue;
    }
    // A row already marked removed keeps the time it was first marked.
    const removedAt = terminal ? (wasRemoved ? {} : { removedAt: now }) : { removedAt: null };
    await repo.update({ id: row.id, tenantId } as never, { ...record, ...removedAt } as never);
    written.push(record);
    if (terminal && !wasRemoved) counts.removed++;
    else counts.updated++;
  }
  // One multi-row statement per page, raw parameters (see insertRows): entity persistence cost more than the database.
  await insertRows(manager, entity as never, inserts, now);
  return written;
}

/**
 * After a complete pull: the live rows (in `scope`) the pull did not see. They are only candidates:
 * a row can slide between pages while Pax8's list shifts, so the caller confirms each before marking it.
 */
export async function findVanished(
  manager: EntityManager,
  entity: EntityTarget<SyncedRow>,
  tenantId: string,
  seen: { has(id: string): boolean },
  scope: Record<string, string> = {},
  slice = VANISH_SLICE,
): Promise<string[]> {
  const repo = manager.getRepository(entity);
  // Pax8 ids only, raw, a slice at a time in key order, answered by the unique (tenantId, pax8Id) index
  // alone: reading every live row as an entity at once held 200,000 hydrated entities together at the largest
  // sizes, and filtering on removedAt in this read visited each row (3.7 s of a 200,000-subscription re-sync
  // on MariaDB). Rows already removed are among the unseen; the second step keeps the live ones.
  const unseen: string[] = [];
  for (let after: string | undefined; ; ) {
    const q = repo.createQueryBuilder('r').select('r.pax8Id', 'pax8Id').where('r.tenantId = :tenantId', { tenantId });
    for (const [property, value] of Object.entries(scope)) q.andWhere(`r.${property} = :scope_${property}`, { [`scope_${property}`]: value });
    if (after !== undefined) q.andWhere('r.pax8Id > :after', { after });
    const ids = ((await q.orderBy('r.pax8Id', 'ASC').limit(slice).getRawMany()) as Array<{ pax8Id: string }>).map((r) => r.pax8Id);
    for (const id of ids) if (!seen.has(id)) unseen.push(id);
    if (ids.length < slice) break;
    after = ids[ids.length - 1];
  }
  const vanished: string[] = [];
  for (const ids of chunks(unseen)) {
    const live = (await repo
      .createQueryBuilder('r')
      .select('r.pax8Id', 'pax8Id')
      .where('r.tenantId = :tenantId', { tenantId })
      .andWhere('r.pax8Id IN (:...ids)', { ids })
      .andWhere('r.removedAt IS NULL')
      .getRawMany()) as Array<{ pax8Id: string }>;
    for (const r of live) vanished.push(r.pax8Id);
  }
  return vanished;
}

/** Marks rows removed (never deleted, so mappings and billing settings survive). Only for confirmed vanished ids. */
export async function markRemoved(
  manager: EntityManager,
  entity: EntityTarget<SyncedRow>,
  tenantId: string,
  pax8Ids: string[],
  counts: EntityCounts,
  now = new Date(),
): Promise<void> {
  const repo = manager.getRepository(entity);
  for (const ids of chunks(pax8Ids)) {
    const result = await repo.update({ tenantId, pax8Id: In(ids), removedAt: IsNull() } as never, { removedAt: now } as never);
    counts.removed += result.affected ?? ids.length;
  }
}
