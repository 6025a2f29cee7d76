/**
 * Billing at MSP scale, on each database: the subscriptions route's query at 40,000 subscriptions
 * (default page, filtered pages, a deep page) and line items for a recurring invoice with 1,000
 * linked subscriptions. Data comes from the sandbox generator, written straight into the tables (the
 * sync is measured elsewhere). Medians of warm runs; printed, never asserted.
 *   npx ts-node --transpile-only bench/billing.bench.ts      (or from bench/run.ts)
 *   BENCH_BILLING_SUBSCRIPTIONS (default 40,000), BENCH_BILLING_LINKED (default 1,000)
 *   BENCH_POSTGRES_URL / BENCH_MARIADB_URL: also run there (the database is emptied first)
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DataSource, DataSourceOptions } from 'typeorm';
import { PAX8_ENTITIES, PAX8_MIGRATIONS } from '../server';
import { AuditService } from '../server/audit/audit.service';
import { BillingRows } from '../server/billing/billing-rows';
import { BillingService } from '../server/billing/billing.service';
import type { ListSubscriptionsQueryDto } from '../server/billing/dto/billing.dto';
import { InvoiceLink } from '../server/billing/invoice-link.entity';
import { LineItemsService } from '../server/billing/line-items.service';
import { ruleKey, RuleScope } from '../server/billing/pricing';
import { PricingRule } from '../server/billing/pricing-rule.entity';
import { SubscriptionBilling } from '../server/billing/subscription-billing.entity';
import { chunks } from '../server/common/chunks';
import { newId } from '../server/common/orm/tenant-entity';
import type { HostRecurringInvoice, RecurringInvoicesPort } from '../server/host';
import { CompanyMapping } from '../server/mapping/company-mapping.entity';
import { generate } from '../server/sandbox/generator';
import { Pax8Company } from '../server/sync/entities/pax8-company.entity';
import { Pax8Subscription } from '../server/sync/entities/pax8-subscription.entity';

const TENANT = 'bench-tenant';
const BIG_CLIENT = 'client-big';
const BIG_INVOICE: HostRecurringInvoice = { id: 'inv-big', clientId: BIG_CLIENT, name: 'Big client: monthly', currencyCode: 'USD', active: true };
type Row = Record<string, any>;

export interface BillingBenchResult {
  database: string;
  subscriptions: number;
  linked: number;
  seedMs: number;
  /** Medians of warm runs, ms. */
  listDefaultMs: number;
  listByClientMs: number;
  listUnlinkedByVendorMs: number;
  listDeepPageMs: number;
  lineItemsMs: number;
  lineCount: number;
  warningCount: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function timed(runs: number, work: () => Promise<unknown>): Promise<number> {
  await work(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await work();
    times.push(performance.now() - t0);
  }
  return Math.round(median(times) * 10) / 10;
}

const date = (v: unknown) => (typeof v === 'string' && v ? new Date(v) : null);

/** Writes companies, subscriptions, mappings, rules, settings and links of one tenant. */
export async function seed(ds: DataSource, subscriptions: number, linked: number): Promise<void> {
  const g = generate(5, { companies: Math.max(10, Math.round(subscriptions / 20)), subscriptions }, Date.UTC(2026, 0, 1), 'bench');
  const products = g.products;
  const companies = [...g.companies.values()] as Row[];
  const insert = async (entity: Function, rows: Row[]) => {
    for (const part of chunks(rows, 100)) await ds.getRepository(entity).insert(part);
  };
  await insert(Pax8Company, companies.map((c) => ({ id: newId(), tenantId: TENANT, pax8Id: c.id, name: c.name, status: c.status, contentHash: 'x' })));
  // The first `linked` subscriptions belong to one big client's company (so one invoice carries them all).
  const subs = ([...g.subscriptions.values()] as Row[]).map((s, i) => {
    const p = products.get(s.productId) ?? {};
    return {
      id: newId(), tenantId: TENANT, pax8Id: s.id, pax8CompanyId: i < linked ? companies[0].id : s.companyId, productId: s.productId,
      productName: p.name ?? null, vendorName: p.vendorName ?? null, sku: p.sku ?? null, quantity: s.quantity, status: i < linked ? 'Active' : s.status,
      billingTerm: s.billingTerm, commitmentTerm: s.commitment?.term ?? null, commitmentEndDate: date(s.commitment?.endDate), startDate: date(s.startDate),
      endDate: i < linked ? null : date(s.endDate), price: s.price === undefined ? null : String(s.price), partnerCost: s.partnerCost === undefined ? null : String(s.partnerCost),
      currencyCode: i < linked ? 'USD' : s.currencyCode, removedAt: null, contentHash: 'x',
    };
  });
  await insert(Pax8Subscription, subs);
  await insert(CompanyMapping, companies.map((c, i) => ({ id: newId(), tenantId: TENANT, pax8CompanyId: c.id, clientId: i === 0 ? BIG_CLIENT : `client-${i}`, source: 'manual' })));
  const rule = (scope: RuleScope, target: string, value: string) => ({ id: newId(), tenantId: TENANT, scope, matchKey: ruleKey(scope, target), target, markupType: 'percent', markupValue: value });
  const vendors = [...new Set(subs.map((s) => s.vendorName).filter(Boolean))] as string[];
  const names = [...new Set(subs.map((s) => s.productName).filter(Boolean))] as string[];
  const ruleRows = [
    rule('default', '', '15'),
    ...vendors.slice(0, 10).map((v) => rule('vendor', v, '12')),
    ...[...new Set(names.map((n) => ruleKey('product', n)))].slice(0, 20).map((k) => rule('product', k, '18')),
    ...companies.slice(1, 51).map((_, i) => rule('client', `client-${i + 1}`, '20')),
  ];
  await insert(PricingRule, ruleRows);
  await insert(SubscriptionBilling, subs.filter((_, i) => i % 20 === 0).map((s, i) => ({
    id: newId(), tenantId: TENANT, pax8SubscriptionId: s.pax8Id, enabled: true, markupType: i % 2 ? 'fixed' : null, markupValue: i % 2 ? '1.5000' : null, overridePrice: i % 2 ? null : '9.9900',
  })));
  await insert(InvoiceLink, subs.slice(0, linked).map((s) => ({ id: newId(), tenantId: TENANT, pax8SubscriptionId: s.pax8Id, recurringInvoiceId: BIG_INVOICE.id, clientId: BIG_CLIENT, invoiceName: BIG_INVOICE.name, invoiceCurrencyCode: 'USD' })));
  await insert(InvoiceLink, subs.slice(linked, linked * 2).map((s, i) => ({ id: newId(), tenantId: TENANT, pax8SubscriptionId: s.pax8Id, recurringInvoiceId: `inv-${i % 50}`, clientId: 'x', invoiceName: 'Other', invoiceCurrencyCode: 'USD' })));
}

const invoices: RecurringInvoicesPort = {
  listForClient: async (_t, clientId) => (clientId === BIG_CLIENT ? [BIG_INVOICE] : []),
  getInvoice: async (_t, id) => (id === BIG_INVOICE.id ? BIG_INVOICE : null),
};

export async function runBillingBench(name: string, options: DataSourceOptions, subscriptions: number, linked: number): Promise<BillingBenchResult> {
  const ds = new DataSource({ ...options, entities: PAX8_ENTITIES, migrations: PAX8_MIGRATIONS, migrationsTableName: 'pax8_migrations' } as DataSourceOptions);
  await ds.initialize();
  try {
    await ds.dropDatabase();
    await ds.runMigrations({ transaction: 'each' });
    const t0 = performance.now();
    await seed(ds, subscriptions, linked);
    const seedMs = Math.round(performance.now() - t0);
    // Fresh statistics and visibility map, as autovacuum keeps them on a live database (without them
    // PostgreSQL plans joins blind and cannot answer from an index alone).
    if (name === 'postgres') await ds.query('VACUUM ANALYZE');
    else if (name === 'sqlite') await ds.query('ANALYZE');
    else for (const m of ds.entityMetadatas) await ds.query(`ANALYZE TABLE \`${m.tableName}\``);
    const rows = new BillingRows(ds);
    const billing = new BillingService(ds, rows, new AuditService(ds));
    const lines = new LineItemsService(ds, invoices, rows);
    const q = (extra: Partial<ListSubscriptionsQueryDto>) => ({ status: 'Active', includeRemoved: false, limit: 50, offset: 0, ...extra }) as ListSubscriptionsQueryDto;
    const result = await lines.lineItemsForInvoice(TENANT, BIG_INVOICE.id, { asOf: '2026-01-15' });
    return {
      database: name,
      subscriptions,
      linked,
      seedMs,
      listDefaultMs: await timed(7, () => billing.list(TENANT, q({}))),
      listByClientMs: await timed(7, () => billing.list(TENANT, q({ clientId: 'client-7' }))),
      listUnlinkedByVendorMs: await timed(7, () => billing.list(TENANT, q({ linked: false, vendor: 'Microsoft' }))),
      listDeepPageMs: await timed(7, () => billing.list(TENANT, q({ status: 'all', limit: 200, offset: Math.max(0, subscriptions - 400) }))),
      lineItemsMs: await timed(7, () => lines.lineItemsForInvoice(TENANT, BIG_INVOICE.id, { asOf: '2026-01-15' })),
      lineCount: result.lines.length,
      warningCount: result.warnings.length,
    };
  } finally {
    await ds.destroy();
  }
}

/** Issue #11's goal: each subscriptions-route query at 40,000 subscriptions and the 1,000-line invoice under 100 ms, on each database. */
const GOAL_MS = 100;
export function goalsOf(r: BillingBenchResult): Array<{ name: string; ms: number }> {
  return [
    { name: 'subscriptions page', ms: r.listDefaultMs },
    { name: 'subscriptions by client', ms: r.listByClientMs },
    { name: 'subscriptions unlinked by vendor', ms: r.listUnlinkedByVendorMs },
    { name: 'subscriptions deep page of 200', ms: r.listDeepPageMs },
    { name: `line items (${r.linked.toLocaleString('en')} linked)`, ms: r.lineItemsMs },
  ];
}

export async function runBillingBenches(): Promise<BillingBenchResult[]> {
  const subscriptions = Number(process.env.BENCH_BILLING_SUBSCRIPTIONS ?? 40_000);
  const linked = Number(process.env.BENCH_BILLING_LINKED ?? 1_000);
  const dir = mkdtempSync(join(tmpdir(), 'pax8-billing-bench-'));
  const targets: Array<[string, DataSourceOptions]> = [['sqlite', { type: 'better-sqlite3', database: join(dir, 'bench.sqlite'), enableWAL: true }]];
  if (process.env.BENCH_POSTGRES_URL) targets.push(['postgres', { type: 'postgres', url: process.env.BENCH_POSTGRES_URL }]);
  if (process.env.BENCH_MARIADB_URL) targets.push(['mariadb', { type: 'mariadb', url: process.env.BENCH_MARIADB_URL, timezone: 'Z' }]);
  const results: BillingBenchResult[] = [];
  try {
    for (const [name, options] of targets) {
      const r = await runBillingBench(name, options, subscriptions, linked);
      console.log(
        `billing on ${r.database}, ${r.subscriptions.toLocaleString('en')} subscriptions (seeded in ${r.seedMs} ms): subscriptions page ${r.listDefaultMs} ms, by client ${r.listByClientMs} ms, ` +
          `unlinked Microsoft ${r.listUnlinkedByVendorMs} ms, deep page of 200 ${r.listDeepPageMs} ms; line items for ${r.linked.toLocaleString('en')} linked ${r.lineItemsMs} ms (${r.lineCount} lines, ${r.warningCount} warnings)`,
      );
      console.log(`  load average ${loadavg().map((x) => x.toFixed(2)).join(' ')} (2 cores: timings above 2 are noisy)`);
      for (const goal of goalsOf(r)) console.log(`  goal ${goal.name} under ${GOAL_MS} ms on ${r.database}: ${goal.ms} ms, ${goal.ms < GOAL_MS ? 'met' : 'missed'}`);
      results.push(r);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

if (require.main === module) {
  runBillingBenches().then(
    () => process.exit(0),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
