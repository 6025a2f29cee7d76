import { hash } from 'node:crypto';

/** A stable hash of the synced fields: a re-sync writes a row only when this changes. */
export function contentHash(fields: Record<string, unknown>): string {
  const normalized = Object.keys(fields)
    .sort()
    .map((k) => {
      const v = fields[k];
      return [k, v instanceof Date ? v.toISOString() : v ?? null];
    });
  // One-shot hash (no Hash object per record); the same SHA-256 hex as before, so stored hashes stay valid.
  return hash('sha256', JSON.stringify(normalized), 'hex');
}
