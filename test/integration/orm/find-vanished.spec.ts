import { DataSource } from 'typeorm';
import { insertRows } from '../../../server/common/orm/bulk-rows';
import { newId } from '../../../server/common/orm/tenant-entity';
import { Pax8Subscription } from '../../../server/sync/entities/pax8-subscription.entity';
import { findVanished } from '../../../server/sync/records/batch-upsert';
import { openTestDataSource, testDatabases } from '../../helpers/databases';

// findVanished reads ids a slice at a time in key order, then keeps the live ones among those unseen:
// every slice boundary must lose nothing, and no removed row may come back as vanished.
describe.each(testDatabases())('findVanished on $name', (db) => {
  let ds: DataSource;
  const row = (tenantId: string, pax8Id: string, company: string, removed = false) => ({
    id: newId(),
    tenantId,
    pax8Id,
    pax8CompanyId: company,
    quantity: 1,
    contentHash: 'h',
    removedAt: removed ? new Date() : null,
  });

  beforeAll(async () => {
    ds = await openTestDataSource(db);
    await ds.getRepository(Pax8Subscription).delete({ tenantId: 'vanish-a' });
    await ds.getRepository(Pax8Subscription).delete({ tenantId: 'vanish-b' });
    const rows = [
      ...Array.from({ length: 9 }, (_, i) => row('vanish-a', `sub-${i}`, i % 2 ? 'c-odd' : 'c-even')),
      row('vanish-a', 'sub-removed', 'c-even', true),
      // Enough removed rows that the live check among the unseen takes more than one IN list.
      ...Array.from({ length: 1_200 }, (_, i) => row('vanish-a', `sub-x-removed-${String(i).padStart(4, '0')}`, 'c-odd', true)),
      row('vanish-b', 'sub-other-tenant', 'c-even'),
    ];
    await insertRows(ds.manager, Pax8Subscription, rows);
  });
  afterAll(async () => {
    await ds?.destroy();
  });

  it.each([1, 2, 4, 9, 10, 5000])('returns exactly the live, unseen rows of the tenant with slices of %i', async (slice) => {
    const seen = new Set(['sub-0', 'sub-3', 'sub-8']);
    const vanished = await findVanished(ds.manager, Pax8Subscription as never, 'vanish-a', seen, {}, slice);
    expect(vanished.sort()).toEqual(['sub-1', 'sub-2', 'sub-4', 'sub-5', 'sub-6', 'sub-7']);
  });

  it('keeps to the scope (one company) across slices', async () => {
    const vanished = await findVanished(ds.manager, Pax8Subscription as never, 'vanish-a', new Set(['sub-2']), { pax8CompanyId: 'c-even' }, 2);
    expect(vanished.sort()).toEqual(['sub-0', 'sub-4', 'sub-6', 'sub-8']);
  });
});
