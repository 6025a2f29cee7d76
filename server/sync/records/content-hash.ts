import { createHash } from 'node:crypto';

/** A stable hash of the synced fields: a re-sync writes a row only when this changes. */
export function contentHash(fields: Record<string, unknown>): string {
  const normalized = Object.keys(fields)
    .sort()
    .map((k) => {
      const v = fields[k];
      return [k, v instanceof Date ? v.toISOString() : v ?? null];
    });
  return createHash('sha256').update(JSON.stringify(normalized)).digest('hex');
}
