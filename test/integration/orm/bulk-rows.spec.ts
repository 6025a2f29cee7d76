import { DataSource } from 'typeorm';
import { insertRows } from '../../../server/common/orm/bulk-rows';
import { newId } from '../../../server/common/orm/tenant-entity';
import { SubscriptionVersion } from '../../../server/invoicing/entities/subscription-version.entity';
import { Pax8Product } from '../../../server/sync/entities/pax8-product.entity';
import { Pax8Subscription } from '../../../server/sync/entities/pax8-subscription.entity';
import { openTestDataSource, testDatabases } from '../../helpers/databases';

// insertRows writes raw statements (PostgreSQL: one array per column); what it stores must be exactly
// what TypeORM's own insert stores for the same values, on every database.
const awkward = `O'Brien, "Ltd" {a,b} \\ back\\slash NULL ☃`;
// JSON writes these as \n, \t, \u0001 and \ud800, which an array literal would read otherwise.
const controls = 'line\nbreak\ttab\u0001 \\n';
const loneSurrogate = 'half \ud800 pair';

function subscription(pax8Id: string, i: number): Partial<Pax8Subscription> {
  return {
    id: newId(),
    tenantId: 'tenant-a',
    pax8Id,
    pax8CompanyId: `company-${i % 3}`,
    parentSubscriptionId: i % 2 ? null : 'parent-1',
    productId: 'product-1',
    productName: i === 0 ? awkward : i === 6 ? controls : i === 7 ? loneSurrogate : `Product ${i}`,
    vendorName: i === 1 ? 'NULL' : 'Microsoft',
    sku: i === 2 ? '' : 'SKU-1',
    quantity: i === 3 ? null : i * 7,
    status: 'Active',
    billingTerm: 'Monthly',
    commitmentEndDate: i % 2 ? new Date(Date.UTC(2027, 0, 31, 23, 59, 59, 123)) : null,
    startDate: new Date(Date.UTC(2026, 1, 1, 0, 0, 0, 0)),
    pax8UpdatedAt: new Date(Date.UTC(2026, 10, 2, 12, 30, 45, 678)),
    billingStart: '2026-02-01',
    price: i === 4 ? null : '12.3456',
    partnerCost: '12345678901.2345',
    currencyCode: 'USD',
    provisioningDetails: i % 2 ? [{ key: 'domain', label: `Dom"ain, {x}`, values: ['a,b', 'c"d'] }] : null,
    contentHash: `hash-${i}`,
    removedAt: i === 5 ? new Date(Date.UTC(2026, 5, 6, 7, 8, 9, 10)) : null,
  } as Partial<Pax8Subscription>;
}

/** Every column but the row's own id and timestamps, as TypeORM reads it back. */
async function stored(ds: DataSource, entity: typeof Pax8Subscription | typeof Pax8Product | typeof SubscriptionVersion, key: string, value: string) {
  const row = (await ds.getRepository(entity).findOneByOrFail({ [key]: value } as never)) as unknown as Record<string, unknown>;
  const { id: _id, createdAt: _c, updatedAt: _u, [key]: _k, ...rest } = row;
  return rest;
}

describe.each(testDatabases())('insertRows on $name', (db) => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = await openTestDataSource(db);
  });
  afterAll(async () => {
    await ds?.destroy();
  });

  it('stores every column type exactly as a TypeORM insert does, awkward text, nulls, dates, money and JSON included', async () => {
    const n = 8;
    const viaOrm = Array.from({ length: n }, (_, i) => subscription(`orm-${i}`, i));
    const viaRaw = Array.from({ length: n }, (_, i) => subscription(`raw-${i}`, i));
    await ds.getRepository(Pax8Subscription).insert(viaOrm as never);
    await ds.transaction((m) => insertRows(m, Pax8Subscription, viaRaw as never));
    for (let i = 0; i < n; i++) {
      const raw = await stored(ds, Pax8Subscription, 'pax8Id', `raw-${i}`);
      expect(raw).toEqual(await stored(ds, Pax8Subscription, 'pax8Id', `orm-${i}`));
    }
    const first = await stored(ds, Pax8Subscription, 'pax8Id', 'raw-0');
    expect(first.productName).toBe(awkward);
    expect(first.partnerCost).toBe('12345678901.2345');
    expect((first.pax8UpdatedAt as Date).toISOString()).toBe('2026-11-02T12:30:45.678Z');
    expect((await stored(ds, Pax8Subscription, 'pax8Id', 'raw-1')).provisioningDetails).toEqual([{ key: 'domain', label: `Dom"ain, {x}`, values: ['a,b', 'c"d'] }]);
    expect((await stored(ds, Pax8Subscription, 'pax8Id', 'raw-1')).vendorName).toBe('NULL');
    expect((await stored(ds, Pax8Subscription, 'pax8Id', 'raw-3')).quantity).toBeNull();
    expect((await stored(ds, Pax8Subscription, 'pax8Id', 'raw-6')).productName).toBe(controls);
  });

  it('fills created and updated timestamps, and writes booleans and versions', async () => {
    const now = new Date(Date.UTC(2026, 10, 23, 10, 0, 0, 0));
    await insertRows(ds.manager, Pax8Product, [
      { id: newId(), tenantId: 'tenant-a', pax8Id: 'p-true', name: 'A', requiresCommitment: true, fetchedAt: now },
      { id: newId(), tenantId: 'tenant-a', pax8Id: 'p-false', name: 'B', requiresCommitment: false, fetchedAt: now },
      { id: newId(), tenantId: 'tenant-a', pax8Id: 'p-null', name: 'C', requiresCommitment: null, fetchedAt: now },
    ], now);
    const products = await ds.getRepository(Pax8Product).find({ where: { tenantId: 'tenant-a' }, order: { pax8Id: 'ASC' } });
    expect(products.map((p) => [p.pax8Id, p.requiresCommitment])).toEqual([['p-false', false], ['p-null', null], ['p-true', true]]);
    expect(products.every((p) => new Date(p.createdAt).getTime() === now.getTime() && new Date(p.updatedAt).getTime() === now.getTime())).toBe(true);

    await insertRows(ds.manager, SubscriptionVersion, [
      { id: newId(), tenantId: 'tenant-a', pax8SubscriptionId: 'raw-0', validFrom: now, validTo: null, quantity: 3, price: '1.5000', partnerCost: null, status: 'Active', billingTerm: 'Annual', commitmentTerm: null, commitmentEndDate: null, source: 'sync' },
    ]);
    const [v] = await ds.getRepository(SubscriptionVersion).findBy({ tenantId: 'tenant-a', pax8SubscriptionId: 'raw-0' });
    expect(v).toMatchObject({ quantity: 3, price: '1.5000', partnerCost: null, validTo: null, source: 'sync' });
    expect(new Date(v.validFrom).getTime()).toBe(now.getTime());
  });

  it('stores a value every row shares (bound once on PostgreSQL) exactly as a TypeORM insert does', async () => {
    const removedAt = new Date(Date.UTC(2026, 5, 6, 7, 8, 9, 10));
    const shared = (pax8Id: string, i: number, text: string) => ({ ...subscription(pax8Id, i + 1), productName: text, vendorName: null, removedAt: new Date(removedAt.getTime()), tenantId: 'tenant-c' });
    for (const [k, text] of [awkward, controls, loneSurrogate].entries()) {
      await ds.getRepository(Pax8Subscription).insert([0, 1, 2].map((i) => shared(`shared-orm-${k}-${i}`, i, text)) as never);
      await ds.transaction((m) => insertRows(m, Pax8Subscription, [0, 1, 2].map((i) => shared(`shared-raw-${k}-${i}`, i, text)) as never));
      for (const i of [0, 1, 2]) {
        const raw = await stored(ds, Pax8Subscription, 'pax8Id', `shared-raw-${k}-${i}`);
        expect(raw).toEqual(await stored(ds, Pax8Subscription, 'pax8Id', `shared-orm-${k}-${i}`));
        expect(raw).toMatchObject({ vendorName: null, tenantId: 'tenant-c', status: 'Active' });
        expect((raw.removedAt as Date).toISOString()).toBe(removedAt.toISOString());
      }
    }
    expect((await stored(ds, Pax8Subscription, 'pax8Id', 'shared-raw-0-2')).productName).toBe(awkward);
    expect((await stored(ds, Pax8Subscription, 'pax8Id', 'shared-raw-1-2')).productName).toBe(controls);
  });

  it('splits many rows into several statements and writes each row once', async () => {
    const rows = Array.from({ length: 2_345 }, (_, i) => ({ ...subscription(`many-${i}`, i), tenantId: 'tenant-b' }));
    await ds.transaction((m) => insertRows(m, Pax8Subscription, rows as never));
    expect(await ds.getRepository(Pax8Subscription).countBy({ tenantId: 'tenant-b' })).toBe(2_345);
  });
});
