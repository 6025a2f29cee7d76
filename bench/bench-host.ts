/** The smallest host the benchmark needs: fixed ports, the plugin on its own data source (SQLite file, PostgreSQL or MariaDB), no HTTP traffic. */
import { INestApplication, type Type } from '@nestjs/common';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { Test } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import { Pax8Module } from '../server';
import { HeadlessHostPortsModule } from '../test/helpers/headless-host';
import { Pax8ClientFactory } from '../server/pax8-api';
import { PAX8_CLIENT_FACTORY, PAX8_OPTIONS } from '../server/pax8.constants';
import type { ResolvedPax8Options } from '../server/pax8-options';
import { InvoicingSyncObserver } from '../server/invoicing/invoicing-sync.observer';
import { PAX8_SYNC_OBSERVER, type SyncObserver } from '../server/sync/sync-observer';


export interface BenchAppOptions {
  apiBaseUrl: string;
  tokenUrl: string;
  /** The plugin's own data source; PostgreSQL and MariaDB databases are emptied first (see emptyBenchDatabase). */
  dataSource: DataSourceOptions;
  /** api.requestsPerMinute (the option allows at most 1000). */
  requestsPerMinute: number;
  /**
   * Replace the plugin's client factory with one whose limiter allows 1,000,000 per minute: the option
   * cannot go above 1000/min, so this is the only way to see the engine alone on more than 1000 calls.
   */
  liftClientLimiter?: boolean;
  /** The host ports module (default: the headless host's: no requests, no clients). */
  hostPorts?: Type;
}

export async function bootBenchApp(o: BenchAppOptions): Promise<INestApplication> {
  let builder = Test.createTestingModule({
    imports: [
      Pax8Module.forRoot({
        encryption: { currentKeyId: 'bench', keys: { bench: randomBytes(32).toString('base64') } },
        api: { apiBaseUrl: o.apiBaseUrl, tokenUrl: o.tokenUrl, requestsPerMinute: o.requestsPerMinute },
        // BENCH_SQLITE_WRITER_THREAD=0: the sync's SQLite writes on the host's connection, to measure the writer thread (the default) against it.
        sync: { enabled: false, sqliteWriterThread: process.env.BENCH_SQLITE_WRITER_THREAD !== '0' },
        ownDataSource: o.dataSource,
        imports: [o.hostPorts ?? HeadlessHostPortsModule],
      }),
    ],
  });
  // The invoice import that follows a full pull is invoicing's (its own calls, thousands at bench sizes):
  // kept out so the figures are the pull's. History recording inside each page's transaction stays.
  builder = builder.overrideProvider(PAX8_SYNC_OBSERVER).useFactory({
    factory: (invoicing: InvoicingSyncObserver): SyncObserver => ({
      subscriptionsWritten: (m, tenantId, records, seenAt, allNew) => invoicing.subscriptionsWritten(m, tenantId, records, seenAt, allNew),
      recordsNothingFor: (tenantId) => invoicing.recordsNothingFor(tenantId),
      afterFullSync: async () => ({ skipped: 'bench: invoice import not measured here' }),
    }),
    inject: [InvoicingSyncObserver],
  });
  if (o.liftClientLimiter) {
    builder = builder.overrideProvider(PAX8_CLIENT_FACTORY).useFactory({
      factory: (opts: ResolvedPax8Options) =>
        new Pax8ClientFactory({
          apiBaseUrl: opts.api.apiBaseUrl,
          tokenUrl: opts.api.tokenUrl,
          audience: opts.api.audience,
          pageSize: opts.api.pageSize,
          timeoutMs: opts.api.timeoutMs,
          requestsPerMinute: 1_000_000,
        }),
      inject: [PAX8_OPTIONS],
    });
  }
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication({ logger: ['error', 'warn'] });
  await app.init();
  return app;
}

/** The databases the sync bench can run on: SQLite always, PostgreSQL and MariaDB when their URLs are set. */
export function benchDatabases(sqliteFile: string): Record<string, DataSourceOptions> {
  // WAL with synchronous=NORMAL (SQLite's advice for WAL): a commit no longer waits for an fsync, which cost
  // 33 ms per page on this shared disk; a power cut can lose the last commits, never corrupt the file.
  const all: Record<string, DataSourceOptions> = {
    sqlite: { type: 'better-sqlite3', database: sqliteFile, enableWAL: true, prepareDatabase: (db: { pragma(s: string): unknown }) => void db.pragma('synchronous = NORMAL') },
  };
  if (process.env.BENCH_POSTGRES_URL) all.postgres = { type: 'postgres', url: process.env.BENCH_POSTGRES_URL };
  if (process.env.BENCH_MARIADB_URL) all.mariadb = { type: 'mariadb', url: process.env.BENCH_MARIADB_URL, timezone: 'Z' };
  return all;
}

/** BENCH_DB, or every database the environment provides a URL for. */
export function selectedDatabases(): string[] {
  const available = Object.keys(benchDatabases(':memory:'));
  const wanted = process.env.BENCH_DB?.split(',').map((d) => d.trim()).filter(Boolean) ?? available;
  for (const d of wanted) if (!available.includes(d)) throw new Error(`BENCH_DB ${d}: not available (sqlite always; postgres needs BENCH_POSTGRES_URL, mariadb BENCH_MARIADB_URL)`);
  return wanted;
}

/** Drops every table of a bench database so each scenario starts cold (the plugin's migrations recreate them at boot). */
export async function emptyBenchDatabase(options: DataSourceOptions): Promise<void> {
  if (options.type === 'better-sqlite3') return; // a new file per scenario
  const ds = new DataSource(options);
  await ds.initialize();
  try {
    await ds.dropDatabase();
  } finally {
    await ds.destroy();
  }
}
