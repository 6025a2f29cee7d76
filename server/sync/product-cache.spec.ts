import { DataSource } from 'typeorm';
import { PAX8_ENTITIES } from '../entities';
import type { Pax8Client } from '../pax8-api';
import { Pax8Product } from './entities/pax8-product.entity';
import { ProductCache } from './product-cache';

/** A client whose product reads the test answers by hand, so two pages can resolve while a read is out. */
function heldProducts() {
  const asked: string[] = [];
  const pending: Array<() => void> = [];
  const client = {
    products: {
      get: (id: string) => {
        asked.push(id);
        return new Promise((resolve) => pending.push(() => resolve({ id, name: `Product ${id}`, vendorName: 'Microsoft', sku: `SKU-${id}` })));
      },
    },
  } as unknown as Pax8Client;
  return { client, asked, answerAll: () => pending.splice(0).forEach((answer) => answer()) };
}

describe('ProductCache', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = new DataSource({ type: 'better-sqlite3', database: ':memory:', entities: PAX8_ENTITIES, synchronize: true });
    await ds.initialize();
  });
  afterAll(() => ds.destroy());

  it('gives a page resolved beside another the product the other is still fetching, fetched once', async () => {
    const pax8 = heldProducts();
    const cache = new ProductCache(ds, 'tenant-a', pax8.client, 3_600_000);
    await cache.load();
    const first = cache.resolve(['p-1', 'p-2']);
    const second = cache.resolve(['p-2', 'p-3']); // another write's page, while p-2 is out
    const third = cache.resolve(['p-2']); // nothing of its own to fetch
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setImmediate(r));
      pax8.answerAll();
    }
    const [a, b, c] = await Promise.all([first, second, third]);
    for (const page of [a, b, c]) expect(page.get('p-2')).toEqual({ name: 'Product p-2', vendorName: 'Microsoft', sku: 'SKU-p-2' });
    expect(b.get('p-3')).toMatchObject({ name: 'Product p-3' });
    expect(pax8.asked.sort()).toEqual(['p-1', 'p-2', 'p-3']);
    expect(cache.fetchedCount).toBe(3);
    expect(await ds.getRepository(Pax8Product).count({ where: { tenantId: 'tenant-a' } })).toBe(3);
  });
});
