import { DataSource } from 'typeorm';
import { Pax8NotFoundError, type Pax8Client } from '../pax8-api';
import { insertRows } from '../common/orm/bulk-rows';
import { newId } from '../common/orm/tenant-entity';
import { TenantRepository } from '../common/tenancy/tenant-repository';
import { Pax8Product } from './entities/pax8-product.entity';
import { withConcurrency } from '../common/concurrency';
import type { ProductInfo } from './records/subscription-record';

const PRODUCT_FETCH_CONCURRENCY = 4;

/**
 * Product names, vendors and SKUs for one sync run: loaded once from the database, and each missing
 * or stale product fetched from Pax8 at most once per run (not once per subscription).
 */
export class ProductCache {
  private readonly known = new Map<string, Pax8Product>();
  private readonly fetchedThisRun = new Set<string>();
  fetchedCount = 0;
  private previous: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dataSource: DataSource,
    private readonly tenantId: string,
    private readonly client: Pax8Client,
    private readonly maxAgeMs: number,
  ) {}

  async load(): Promise<void> {
    for (const p of await new TenantRepository(this.dataSource, Pax8Product, this.tenantId).find()) this.known.set(p.pax8Id, p);
  }

  /**
   * Fetches what this page needs and is missing or stale. Runs before the page's transaction (no
   * network call inside a transaction); the cache is not user data, so its rows commit on their own.
   */
  resolve(productIds: Iterable<string>, now = new Date()): Promise<Map<string, ProductInfo>> {
    // One at a time: a page written beside another must not find a product the other is still fetching missing.
    const next = this.previous.then(() => this.resolveNow(productIds, now));
    this.previous = next.catch(() => undefined);
    return next;
  }

  private async resolveNow(productIds: Iterable<string>, now: Date): Promise<Map<string, ProductInfo>> {
    const ids = [...new Set(productIds)];
    const toFetch = ids.filter((id) => {
      const row = this.known.get(id);
      const stale = !row || now.getTime() - new Date(row.fetchedAt).getTime() > this.maxAgeMs;
      return stale && !this.fetchedThisRun.has(id);
    });
    toFetch.forEach((id) => this.fetchedThisRun.add(id));
    // A few at a time: round trips overlap, while the client's rate limiter still paces the calls.
    const created: Pax8Product[] = [];
    const fetched = withConcurrency(toFetch, PRODUCT_FETCH_CONCURRENCY, async (id) => {
      const row = await this.fetch(id, this.known.get(id), now);
      if (row) created.push(row);
    });
    // New products in one statement (a cold sync meets most of them on its first page), also those
    // fetched before another fetch failed, so a retry does not ask Pax8 for them again.
    const failure = await fetched.then(() => undefined, (err: unknown) => ({ err }));
    await insertRows(this.dataSource.manager, Pax8Product, created as unknown as Array<Record<string, unknown>>, now);
    for (const row of created) this.known.set(row.pax8Id, row);
    if (failure) throw failure.err;
    const result = new Map<string, ProductInfo>();
    for (const id of ids) {
      const row = this.known.get(id);
      if (row) result.set(id, { name: row.name, vendorName: row.vendorName, sku: row.sku });
    }
    return result;
  }

  /** Fetches one product; updates a stale row in place, or returns a new row for the caller to insert. */
  private async fetch(id: string, existing: Pax8Product | undefined, now: Date): Promise<Pax8Product | undefined> {
    this.fetchedCount++;
    let fields: Pick<Pax8Product, 'name' | 'vendorName' | 'sku' | 'vendorSku' | 'requiresCommitment'>;
    try {
      const p = await this.client.products.get(id);
      fields = { name: p.name ?? null, vendorName: p.vendorName ?? null, sku: p.sku ?? null, vendorSku: p.vendorSku?.raw?.slice(0, 255) ?? null, requiresCommitment: p.requiresCommitment ?? null };
    } catch (err) {
      // A product Pax8 no longer lists: remember that (until stale) instead of asking on every page.
      if (!(err instanceof Pax8NotFoundError)) throw err;
      fields = { name: existing?.name ?? null, vendorName: existing?.vendorName ?? null, sku: existing?.sku ?? null, vendorSku: existing?.vendorSku ?? null, requiresCommitment: existing?.requiresCommitment ?? null };
    }
    const repo = this.dataSource.getRepository(Pax8Product);
    if (existing) {
      await repo.update({ id: existing.id, tenantId: this.tenantId }, { ...fields, fetchedAt: now });
      Object.assign(existing, fields, { fetchedAt: now });
      return undefined;
    }
    return repo.create({ ...fields, id: newId(), tenantId: this.tenantId, pax8Id: id, fetchedAt: now });
  }
}
