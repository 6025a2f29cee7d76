import { createHash } from 'node:crypto';

/**
 * A tenant's fixed offset inside the interval, from a hash of its id: first syncs of many tenants
 * spread over the interval instead of all starting on the same tick.
 */
export function staggerOffsetMs(tenantId: string, intervalMs: number): number {
  const n = createHash('sha256').update(tenantId).digest().readUInt32BE(0);
  return n % Math.max(1, intervalMs);
}

/** Runs `work` over `items` with at most `limit` at once. */
export async function withConcurrency<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++];
      await work(item);
    }
  });
  await Promise.all(lanes);
}
