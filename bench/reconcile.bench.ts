/**
 * Reconciling one period at partner scale: N subscriptions (default 40,000) over N/20 mapped companies,
 * each with a version, a Pax8 invoice item and an issued line, plus a few planted discrepancies; then
 * the report, timed (three runs, the best and the median printed). Timing is printed, never asserted.
 *   npx ts-node --transpile-only bench/reconcile.bench.ts
 *   BENCH_RECON_SUBSCRIPTIONS=4000          smaller data set
 *   BENCH_RECON_POSTGRES_URL=postgres://... on PostgreSQL (default: a SQLite file)
 */
import 'reflect-metadata';
import { Test } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { Pax8Module } from '../server';
import { newId } from '../server/common/orm/tenant-entity';
import { IssuedLine } from '../server/invoicing/entities/issued-line.entity';
import { Pax8InvoiceItem } from '../server/invoicing/entities/pax8-invoice-item.entity';
import { Pax8Invoice } from '../server/invoicing/entities/pax8-invoice.entity';
import { SubscriptionVersion } from '../server/invoicing/entities/subscription-version.entity';
import { ReconciliationService } from '../server/invoicing/reconcile/reconciliation.service';
import { CompanyMapping } from '../server/mapping/company-mapping.entity';
import { PAX8_DATA_SOURCE } from '../server/pax8.constants';
import { Pax8Subscription } from '../server/sync/entities/pax8-subscription.entity';
import { HeadlessHostPortsModule } from '../test/helpers/headless-host';

const TENANT = 'bench-recon';
const PERIOD = '2026-05';

async function insert<T extends ObjectLiteral>(ds: DataSource, entity: EntityTarget<T>, rows: T[]): Promise<void> {
  const size = ds.options.type === 'postgres' ? 500 : 25; // TypeORM's parameter handling is quadratic per statement
  await ds.transaction(async (m) => {
    for (let i = 0; i < rows.length; i += size) await m.createQueryBuilder().insert().into(entity).values(rows.slice(i, i + size) as never).updateEntity(false).execute();
  });
}

async function seed(ds: DataSource, n: number): Promise<void> {
  const now = new Date();
  const base = { tenantId: TENANT, createdAt: now, updatedAt: now };
  const companies = Math.max(1, Math.floor(n / 20));
  await insert(ds, CompanyMapping, Array.from({ length: companies }, (_, c) => ({ ...base, id: newId(), pax8CompanyId: `co-${c}`, clientId: `client-${c}`, source: 'manual', rule: null }) as never));
  const subs: Pax8Subscription[] = [];
  const versions: SubscriptionVersion[] = [];
  const items: Pax8InvoiceItem[] = [];
  const lines: IssuedLine[] = [];
  for (let i = 0; i < n; i++) {
    const id = `sub-${i}`;
    const quantity = 1 + (i % 40);
    const cost = (5 + (i % 17)).toFixed(4);
    subs.push({ ...base, id: newId(), pax8Id: id, pax8CompanyId: `co-${i % companies}`, parentSubscriptionId: null, productId: `p-${i % 90}`, productName: `Product ${i % 90}`, vendorName: 'Microsoft', sku: null, vendorSubscriptionId: null, vendorSkuId: null, quantity, status: 'Active', billingTerm: 'Monthly', commitmentId: null, commitmentTerm: null, commitmentEndDate: null, startDate: new Date('2025-01-01T00:00:00Z'), endDate: null, pax8CreatedAt: null, pax8UpdatedAt: null, billingStart: '2025-01-01', price: cost, partnerCost: cost, currencyCode: 'USD', provisioningDetails: null, removedAt: null, contentHash: 'x' } as never);
    versions.push({ ...base, id: newId(), pax8SubscriptionId: id, validFrom: new Date('2025-01-01T00:00:00Z'), validTo: null, quantity, price: cost, partnerCost: cost, status: 'Active', billingTerm: 'Monthly', commitmentTerm: null, commitmentEndDate: null, source: 'sync' } as never);
    // Planted: every 97th not billed by the host, every 89th billed one unit short.
    const pax8Qty = quantity + (i % 89 === 0 ? 1 : 0);
    items.push({ ...base, id: newId(), pax8InvoiceId: 'inv-1', pax8ItemId: `it-${i}`, type: 'subscription', term: 'Monthly', servicePeriod: PERIOD, startPeriod: `${PERIOD}-01`, endPeriod: `${PERIOD}-31`, pax8CompanyId: `co-${i % companies}`, pax8SubscriptionId: id, productId: null, productName: null, sku: null, description: null, quantity: String(pax8Qty), price: cost, total: null, cost, costTotal: (Number(cost) * pax8Qty).toFixed(2), currencyCode: 'USD' } as never);
    if (i % 97 !== 0)
      lines.push({ ...base, id: newId(), recurringInvoiceId: `ri-${i % companies}`, clientId: `client-${i % companies}`, batchId: `b-${i % companies}`, invoicePeriod: PERIOD, period: PERIOD, kind: 'recurring', lineKey: id, pax8SubscriptionId: id, description: 'x', sku: null, quantity: String(quantity), unitPrice: cost, lineTotal: (Number(cost) * quantity).toFixed(2), costTotal: (Number(cost) * quantity).toFixed(2), priceSource: 'cost', basis: null, currencyCode: 'USD', issuedAt: now } as never);
  }
  await insert(ds, Pax8Subscription, subs);
  await insert(ds, SubscriptionVersion, versions);
  await insert(ds, Pax8Invoice, [{ ...base, id: newId(), pax8Id: 'inv-1', invoiceDate: `${PERIOD}-01`, invoiceMonth: PERIOD, dueDate: null, status: 'Paid', total: null, balance: null, currencyCode: 'USD', pax8CompanyId: null, itemsImportedAt: now, itemCount: n } as never]);
  await insert(ds, Pax8InvoiceItem, items);
  await insert(ds, IssuedLine, lines);
}

async function main(): Promise<void> {
  const n = Number(process.env.BENCH_RECON_SUBSCRIPTIONS ?? 40_000);
  const pg = process.env.BENCH_RECON_POSTGRES_URL;
  const dir = mkdtempSync(join(tmpdir(), 'pax8-recon-bench-'));
  const ownDataSource = pg ? { type: 'postgres' as const, url: pg, dropSchema: true } : { type: 'better-sqlite3' as const, database: join(dir, 'bench.sqlite'), enableWAL: true };
  const moduleRef = await Test.createTestingModule({
    imports: [Pax8Module.forRoot({ encryption: { currentKeyId: 'b', keys: { b: randomBytes(32).toString('base64') } }, sync: { enabled: false }, ownDataSource: ownDataSource as never, imports: [HeadlessHostPortsModule] })],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: ['error', 'warn'] });
  await app.init();
  try {
    const ds = app.get<DataSource>(PAX8_DATA_SOURCE);
    const t0 = performance.now();
    await seed(ds, n);
    // Fresh statistics, as autovacuum keeps them on a live database (else PostgreSQL plans for empty tables).
    await ds.query('ANALYZE');
    console.log(`seeded ${n} subscriptions on ${pg ? 'PostgreSQL' : 'SQLite'} in ${Math.round(performance.now() - t0)} ms`);
    const recon = app.get(ReconciliationService);
    const times: number[] = [];
    let rows = 0;
    let totals: unknown;
    for (let k = 0; k < 3; k++) {
      const start = performance.now();
      const report = await recon.report(TENANT, PERIOD);
      times.push(performance.now() - start);
      rows = report.rows.length;
      totals = report.totals.byClass;
    }
    times.sort((a, b) => a - b);
    console.log(`reconcile ${PERIOD} of ${n} subscriptions: ${rows} rows, best ${Math.round(times[0])} ms, median ${Math.round(times[1])} ms (load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}, 2 cores)`);
    if (pg) console.log(`  goal: reconcile 40,000 subscriptions under 2,000 ms on PostgreSQL: median ${Math.round(times[1])} ms, ${n >= 40_000 && times[1] < 2000 ? 'met' : n < 40_000 ? 'not measured (fewer subscriptions)' : 'missed'}`);
    console.log(JSON.stringify(totals));
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
