import { EntityManager, EntityTarget, In, IsNull } from 'typeorm';
import { newId } from '../../common/orm/tenant-entity';
import type { EntityCounts } from '../entities/sync-run.entity';

type SyncedRow = { id: string; tenantId: string; pax8Id: string; contentHash: string; removedAt: Date | null; status: string | null };
type SyncedRecord = { pax8Id: string; contentHash: string; status: string | null };

const CHUNK = 500;
const chunks = <T>(items: T[], size = CHUNK): T[][] => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

export const emptyCounts = (): EntityCounts => ({ created: 0, updated: 0, unchanged: 0, removed: 0 });

/**
 * Upserts one page of records by (tenant, Pax8 id), inside the caller's transaction. A row whose
 * content hash is unchanged is not written at all; a terminal status (Cancelled, Deleted) marks the
 * row removed but keeps it; a row that comes back is un-marked.
 */
export async function upsertPage<R extends SyncedRecord>(
  manager: EntityManager,
  entity: EntityTarget<SyncedRow>,
  tenantId: string,
  records: R[],
  isTerminal: (status: string | null) => boolean,
  counts: EntityCounts,
  now = new Date(),
): Promise<void> {
  if (!records.length) return;
  // A page can repeat an id when Pax8's data shifts between requests: keep one record per id.
  records = [...new Map(records.map((r) => [r.pax8Id, r])).values()];
  const repo = manager.getRepository(entity);
  const existing = new Map<string, SyncedRow>();
  for (const ids of chunks(records.map((r) => r.pax8Id))) {
    const rows = await repo.find({ where: { tenantId, pax8Id: In(ids) }, select: ['id', 'pax8Id', 'contentHash', 'removedAt', 'status'] as never });
    for (const row of rows) existing.set(row.pax8Id, row);
  }

  const inserts: Array<Record<string, unknown>> = [];
  for (const record of records) {
    const terminal = isTerminal(record.status);
    const row = existing.get(record.pax8Id);
    if (!row) {
      inserts.push({ ...record, id: newId(), tenantId, removedAt: terminal ? now : null });
      counts.created++;
      continue;
    }
    const wasRemoved = row.removedAt !== null && row.removedAt !== undefined;
    if (row.contentHash === record.contentHash && wasRemoved === terminal) {
      counts.unchanged++;
      continue;
    }
    await repo.update({ id: row.id, tenantId } as never, { ...record, removedAt: terminal ? (row.removedAt ?? now) : null } as never);
    if (terminal && !wasRemoved) counts.removed++;
    else counts.updated++;
  }
  // Small multi-row inserts: TypeORM's parameter handling grows with the square of the parameters in one statement.
  for (const batch of chunks(inserts, 25)) {
    // updateEntity(false): no read-back of generated columns, which costs a SELECT per batch on SQLite and MySQL.
    await manager.createQueryBuilder().insert().into(entity).values(batch as never).updateEntity(false).execute();
  }
}

/**
 * After a complete pull: rows not seen in it are marked removed (never deleted, so mappings and
 * billing settings survive). Only ever called when the pull was verified complete.
 */
export async function markVanished(
  manager: EntityManager,
  entity: EntityTarget<SyncedRow>,
  tenantId: string,
  seen: Set<string>,
  counts: EntityCounts,
  scope: Record<string, string> = {},
  now = new Date(),
): Promise<void> {
  const repo = manager.getRepository(entity);
  const live = await repo.find({ where: { tenantId, removedAt: IsNull(), ...scope } as never, select: ['id', 'pax8Id'] as never });
  const gone = live.filter((r) => !seen.has(r.pax8Id)).map((r) => r.id);
  for (const ids of chunks(gone)) {
    await repo.update({ tenantId, id: In(ids) } as never, { removedAt: now } as never);
  }
  counts.removed += gone.length;
}
