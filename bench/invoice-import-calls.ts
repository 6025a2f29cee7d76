/**
 * `npx ts-node --transpile-only bench/invoice-import-calls.ts`: the Pax8 calls of the invoice import that
 * follows a full sync, at the bench size (2,000 / 40,000 by default; BENCH_IMPORT_COMPANIES /
 * BENCH_IMPORT_SUBSCRIPTIONS), unthrottled, on a SQLite file. Cold sync (import left out, as in the sync
 * bench), then the import twice: the first import, then a re-run with nothing new in Pax8.
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ConnectionService } from '../server/connection/connection.service';
import type { SaveConnectionDto } from '../server/connection/dto/connection.dto';
import { TenantPax8ClientService } from '../server/connection/tenant-pax8-client.service';
import { InvoiceImportService } from '../server/invoicing/import/invoice-import.service';
import { Pax8Invoice } from '../server/invoicing/entities/pax8-invoice.entity';
import { isFinalInvoiceStatus } from '../server/invoicing/import/items-basis';
import { PAX8_DATA_SOURCE } from '../server/pax8.constants';
import type { DataSource } from 'typeorm';
import { SyncService } from '../server/sync/sync.service';
import { benchDatabases, bootBenchApp } from './bench-host';
import { startSandboxProcess } from './sandbox-process';

const TENANT = 'bench-tenant';
const CREDENTIALS = { clientId: 'bench-client', clientSecret: 'bench-secret-6e1f0a' };

async function main(): Promise<void> {
  const companies = Number(process.env.BENCH_IMPORT_COMPANIES ?? 2_000);
  const subscriptions = Number(process.env.BENCH_IMPORT_SUBSCRIPTIONS ?? 40_000);
  const sandbox = await startSandboxProcess({
    port: 0,
    partners: [{ ...CREDENTIALS, seed: 42, size: { companies, subscriptions } }],
    rateLimit: false,
    referenceDate: '2026-01-15',
  });
  const dir = mkdtempSync(join(tmpdir(), 'pax8-import-'));
  try {
    const app = await bootBenchApp({ apiBaseUrl: sandbox.apiBaseUrl, tokenUrl: sandbox.tokenUrl, dataSource: benchDatabases(join(dir, 'bench.sqlite')).sqlite, requestsPerMinute: 1000, liftClientLimiter: true });
    try {
      await app.get(ConnectionService).save(TENANT, { id: 'bench' }, CREDENTIALS as SaveConnectionDto);
      const run = await (await app.get(SyncService).start(TENANT, { kind: 'full', trigger: 'manual' })).done;
      console.log(`${companies} / ${subscriptions}: full sync ${run.status}; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
      const client = await app.get(TenantPax8ClientService).forTenant(TENANT);
      const imports = app.get(InvoiceImportService);
      for (const what of ['first import', 're-run, nothing new']) {
        await sandbox.stats(true);
        const t = performance.now();
        const report = await imports.importAll(TENANT, client);
        const wall = performance.now() - t;
        const stats = await sandbox.stats(true);
        console.log(`${what}: ${stats.total} calls, wall ${(wall / 1000).toFixed(1)} s; by route ${JSON.stringify(stats.byRoute)}; report ${JSON.stringify(report)}`);
      }
      // Items fetched while an invoice was still open are fetched once more when it moves on (items-basis.ts).
      const rows = await app.get<DataSource>(PAX8_DATA_SOURCE).getRepository(Pax8Invoice).find({ where: { tenantId: TENANT } });
      const open = rows.filter((r) => r.itemsImportedAt && !isFinalInvoiceStatus(r.itemsStatus)).length;
      console.log(`${rows.length} invoices imported; ${open} with items fetched while not final (each fetched once more when its status moves on)`);
      console.log(`load average at the end ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    } finally {
      await app.close();
    }
  } finally {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
