import { createHash } from 'node:crypto';

/**
 * A tenant's fixed offset inside the interval, from a hash of its id: first syncs of many tenants
 * spread over the interval instead of all starting on the same tick.
 */
export function staggerOffsetMs(tenantId: string, intervalMs: number): number {
  const n = createHash('sha256').update(tenantId).digest().readUInt32BE(0);
  return n % Math.max(1, intervalMs);
}
