import { DataSource } from 'typeorm';
import { PAX8_ENTITIES } from '../entities';
import { NO_STATISTICS_NEEDED } from './analyze-tables';

describe('NO_STATISTICS_NEEDED', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = new DataSource({ type: 'better-sqlite3', database: ':memory:', entities: PAX8_ENTITIES });
    await ds.initialize();
  });
  afterAll(() => ds.destroy());

  it('names only columns its entities have (a renamed column would otherwise be analysed again unnoticed)', () => {
    for (const [entity, skipped] of NO_STATISTICS_NEEDED) {
      const properties = ds.getMetadata(entity).columns.map((c) => c.propertyName);
      expect(properties).toEqual(expect.arrayContaining([...skipped]));
    }
  });

  it('never skips a column the list, billing, reconciliation or agent-tool statements filter, join or sort on', () => {
    const filtered = ['tenantId', 'id', 'pax8Id', 'pax8CompanyId', 'removedAt', 'status', 'productId', 'productName', 'vendorName', 'sku', 'name', 'externalId', 'website'];
    for (const skipped of NO_STATISTICS_NEEDED.values()) for (const column of filtered) expect(skipped.has(column)).toBe(false);
  });
});
