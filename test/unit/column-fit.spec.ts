import { DataSource } from 'typeorm';
import { ColumnFit, SyncWarning } from '../../server/sync/records/column-fit';
import { Pax8Subscription } from '../../server/sync/entities/pax8-subscription.entity';
import { PAX8_ENTITIES } from '../../server/entities';

describe('ColumnFit', () => {
  let ds: DataSource;
  let fit: ColumnFit;
  beforeAll(async () => {
    ds = new DataSource({ type: 'better-sqlite3', database: ':memory:', entities: PAX8_ENTITIES });
    await ds.initialize();
    fit = new ColumnFit(ds, Pax8Subscription, 'subscription', ['pax8Id', 'pax8CompanyId']);
  });
  afterAll(() => ds.destroy());

  it('returns a record that fits as itself, with oddValues null and no warning', () => {
    const record = { pax8Id: 's-1', pax8CompanyId: 'c-1', productName: 'Microsoft 365', quantity: 5, price: '12.5000' };
    const warnings: SyncWarning[] = [];
    const out = fit.fit(record, warnings);
    expect(out).toBe(record);
    expect(out).toMatchObject({ quantity: 5, price: '12.5000', oddValues: null });
    expect(warnings).toEqual([]);
  });

  it('changes a copy when a field does not fit, and leaves the given record as it was', () => {
    const longName = 'N'.repeat(300);
    const record = { pax8Id: 's-2', pax8CompanyId: 'c-1', productName: longName, quantity: 3_000_000_000 };
    const warnings: SyncWarning[] = [];
    const out = fit.fit(record, warnings)!;
    expect(out).not.toBe(record);
    expect(record).toEqual({ pax8Id: 's-2', pax8CompanyId: 'c-1', productName: longName, quantity: 3_000_000_000 });
    expect(out.quantity).toBeNull();
    expect(out.productName).toHaveLength(255);
    expect(out.oddValues).toMatchObject({ quantity: { raw: 3_000_000_000 }, productName: { raw: longName } });
    expect(warnings.map((w) => [w.field, w.stored])).toEqual(expect.arrayContaining([['quantity', 'null'], ['productName', 'truncated']]));
  });

  it('skips a record whose key does not fit', () => {
    const warnings: SyncWarning[] = [];
    expect(fit.fit({ pax8Id: 'x'.repeat(100), pax8CompanyId: 'c-1' }, warnings)).toBeNull();
    expect(warnings).toEqual([expect.objectContaining({ field: 'pax8Id', stored: 'skipped' })]);
  });
});
