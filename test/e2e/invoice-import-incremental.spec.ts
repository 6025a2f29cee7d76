import { Pax8InvoiceItem } from '../../server/invoicing/entities/pax8-invoice-item.entity';
import { Pax8Invoice } from '../../server/invoicing/entities/pax8-invoice.entity';
import { InvoiceImportService } from '../../server/invoicing/import/invoice-import.service';
import { TenantPax8ClientService } from '../../server/connection/tenant-pax8-client.service';
import type { Pax8Client } from '../../server/pax8-api';
import { testDatabases } from '../helpers/databases';
import { ACME, E2eApp, GLOBEX, startE2eApp } from '../helpers/e2e-app';

const ITEMS = 'GET /v1/invoices/:id/items';
const LIST = 'GET /v1/invoices';

/**
 * The import after each full sync fetches items only for new invoices and for invoices whose imported
 * items no longer hold (imported while Unpaid and since moved on, or a changed total). The sandbox's
 * business clock moves the invoices: the one dated the 1st is shown from the 5th, Unpaid until the 15th, then Paid.
 */
describe.each(testDatabases())('incremental invoice import on $name', (db) => {
  let e2e: E2eApp;
  let now = Date.parse('2026-03-10T12:00:00Z');
  let importer: InvoiceImportService;
  let client: Pax8Client;
  const invoices = () => e2e.dataSource.getRepository(Pax8Invoice).find({ where: { tenantId: 'acme' }, order: { invoiceDate: 'ASC' } });
  const itemsOf = (pax8InvoiceId: string) => e2e.dataSource.getRepository(Pax8InvoiceItem).find({ where: { tenantId: 'acme', pax8InvoiceId } });
  /** One import (usage left out: it has its own schedule) and the calls it made, by route. */
  const run = async () => {
    e2e.sandbox.resetStats();
    const report = await importer.importAll('acme', client, new Date(now), { usage: false });
    return { report, calls: e2e.sandbox.stats() };
  };

  beforeAll(async () => {
    e2e = await startE2eApp({
      db,
      sandbox: { partners: [{ ...ACME, seed: 41, size: { companies: 4, subscriptions: 30 } }, { ...GLOBEX, seed: 12, size: 'demo' }], referenceDate: '2026-03-15', billing: { monthsBack: 1 }, clock: () => now },
    });
    await e2e.http.put('/pax8/connection').set(e2e.as('acme')).send(ACME).expect(200);
    importer = e2e.app.get(InvoiceImportService);
    client = await e2e.app.get(TenantPax8ClientService).forTenant('acme');
  });
  afterAll(() => e2e?.close());

  it('imports each shown invoice with the status and total its items were fetched under', async () => {
    const { report, calls } = await run();
    const rows = await invoices();
    expect(rows.map((r) => [r.invoiceDate, r.status])).toEqual([['2026-02-01', 'Paid'], ['2026-03-01', 'Unpaid']]);
    expect(report).toMatchObject({ invoices: 2, newInvoices: 2, refetchedInvoices: 0 });
    expect(calls.byRoute[ITEMS]).toBe(2);
    for (const r of rows) {
      expect(r).toMatchObject({ itemsStatus: r.status, itemsTotal: r.total });
      expect(r.itemCount).toBeGreaterThan(0);
      expect(await itemsOf(r.pax8Id)).toHaveLength(r.itemCount);
    }
  });

  it('makes only the list calls when nothing is new (an Unpaid invoice that has not moved is not fetched again)', async () => {
    const before = await invoices();
    const { report, calls } = await run();
    expect(report).toMatchObject({ newInvoices: 0, refetchedInvoices: 0, items: 0, historyCalls: 0 });
    expect(calls.total).toBe(calls.byRoute[LIST]);
    expect(await invoices()).toEqual(before);
  });

  it('fetches an Unpaid invoice\'s items again once it is Paid, replacing them, and then no more', async () => {
    now = Date.parse('2026-03-16T12:00:00Z');
    const march = (await invoices())[1];
    const itemIds = (await itemsOf(march.pax8Id)).map((i) => i.pax8ItemId).sort();
    const { report, calls } = await run();
    expect(report).toMatchObject({ newInvoices: 0, refetchedInvoices: 1 });
    expect(calls.byRoute[ITEMS]).toBe(1);
    const after = (await invoices())[1];
    expect(after).toMatchObject({ status: 'Paid', itemsStatus: 'Paid', itemCount: march.itemCount });
    expect((await itemsOf(march.pax8Id)).map((i) => i.pax8ItemId).sort()).toEqual(itemIds); // replaced, not added
    const again = await run();
    expect(again.calls.total).toBe(again.calls.byRoute[LIST]);
  });

  it('imports a new invoice when it appears, and only that one', async () => {
    now = Date.parse('2026-04-06T12:00:00Z');
    const { report, calls } = await run();
    expect(report).toMatchObject({ invoices: 3, newInvoices: 1, refetchedInvoices: 0 });
    expect(calls.byRoute[ITEMS]).toBe(1);
    const april = (await invoices())[2];
    expect(april).toMatchObject({ invoiceDate: '2026-04-01', status: 'Unpaid', itemsStatus: 'Unpaid' });
  });

  it('keeps the earlier items and their basis when the fetch fails, and fetches them again next time', async () => {
    now = Date.parse('2026-04-16T12:00:00Z');
    const april = (await invoices())[2];
    const items = await itemsOf(april.pax8Id);
    // A short page: the import refuses an incomplete list and writes nothing for that invoice.
    e2e.sandbox.setFaults({ shortPage: { count: 1, route: ITEMS } });
    const failed = await run();
    expect(failed.calls.byRoute[ITEMS]).toBe(1);
    const kept = (await invoices())[2];
    expect(kept).toMatchObject({ status: 'Paid', itemsStatus: 'Unpaid', itemCount: april.itemCount });
    expect(await itemsOf(april.pax8Id)).toHaveLength(items.length);
    // The call itself fails (every attempt): the import throws, nothing of that invoice changes.
    e2e.sandbox.setFaults({ errorRate: { [ITEMS]: { rate: 1, statuses: [500] } } });
    await expect(importer.importAll('acme', client, new Date(now), { usage: false })).rejects.toThrow();
    expect((await invoices())[2]).toMatchObject({ itemsStatus: 'Unpaid' });
    expect(await itemsOf(april.pax8Id)).toHaveLength(items.length);
    e2e.sandbox.setFaults(undefined);
    const retried = await run();
    expect(retried.report.refetchedInvoices).toBe(1);
    expect((await invoices())[2]).toMatchObject({ itemsStatus: 'Paid', itemCount: april.itemCount });
  });
});
