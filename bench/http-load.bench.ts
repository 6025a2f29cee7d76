/**
 * The list routes under HTTP load, per database (issue #15): a real HTTP host with the plugin on
 * 127.0.0.1, 2,000 companies / 40,000 subscriptions synced from the sandbox (its own process), host
 * clients made from those companies (the demo host's recipe) and auto-mapped, so unmapped companies
 * have suggestion candidates. autocannon (in a process of its own) then loads each route for a fixed
 * time, idle and while cold full syncs of other tenants write into the same tables. Printed, never asserted.
 *   npx ts-node --transpile-only bench/http-load.bench.ts      (or from bench/run.ts: BENCH_ONLY=http)
 *   BENCH_DB, BENCH_POSTGRES_URL / BENCH_MARIADB_URL as for the sync bench (those databases are emptied)
 *   BENCH_HTTP_SECONDS (per route and phase, default 6), BENCH_HTTP_CONNECTIONS (default 20)
 *   BENCH_HTTP_PHASES=idle,sync (default both), BENCH_HTTP_ROUTES=index,... (0-based, default all: for profiling one route)
 *   BENCH_CPU_PROF=dir: a V8 CPU profile of this (server) process per measured route and phase
 *   BENCH_SQL_TIMING=1: time per SQL statement shape (bench/sql-timing.ts) per measured route and phase
 * Each route gets a 1 s warm-up (not counted) before its first measured run.
 */
import 'reflect-metadata';
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { DataSource, IsNull, Like } from 'typeorm';
import { ConnectionService } from '../server/connection/connection.service';
import type { SaveConnectionDto } from '../server/connection/dto/connection.dto';
import { seedDemoTenant } from '../server/demo/demo-data';
import { MappingService } from '../server/mapping/mapping.service';
import { PAX8_DATA_SOURCE } from '../server/pax8.constants';
import { Pax8Company } from '../server/sync/entities/pax8-company.entity';
import { Pax8Subscription } from '../server/sync/entities/pax8-subscription.entity';
import { SyncService } from '../server/sync/sync.service';
import { benchDatabases, bootBenchApp, emptyBenchDatabase, selectedDatabases } from './bench-host';
import { BENCH_TENANT_HEADER, BenchClientStore, BenchHttpPortsModule } from './http-host-ports';
import type { HttpLoadFigures, HttpLoadRequest } from './http-load-client';
import { startSandboxProcess } from './sandbox-process';
import { startCpuProfile } from './cpu-profile';
import { installSqlTiming, takeSqlTiming } from './sql-timing';

const SQL_TIMING = process.env.BENCH_SQL_TIMING === '1';
if (SQL_TIMING) installSqlTiming();

const TENANT = 'bench-tenant';
const WRITER_PREFIX = 'bench-writer-';
const CREDENTIALS = { clientId: 'bench-client', clientSecret: 'bench-secret-6e1f0a' };
const SIZE = { companies: 2_000, subscriptions: 40_000 };

export interface HttpRouteFigures extends HttpLoadFigures {
  route: string;
  phase: 'idle' | 'sync';
  /** Sync phase: company and subscription rows the writer syncs inserted while this route was loaded. */
  rowsWrittenDuring?: number;
  /**
   * CPU this (server) process spent per request while the route was loaded: what the code costs, less
   * dependent on other jobs than req/s. SQLite's work is inside it; PostgreSQL's and MariaDB's servers are not.
   * During the sync phase it includes the writer syncs' CPU.
   */
  serverCpuMsPerRequest: number;
  loadAverage: number;
}

export interface HttpLoadBenchResult {
  database: string;
  companies: number;
  subscriptions: number;
  clients: number;
  autoMapped: number;
  connections: number;
  seconds: number;
  routes: HttpRouteFigures[];
}

interface RouteSpec {
  name: string;
  paths: string[];
}

const load1 = () => Math.round(loadavg()[0] * 100) / 100;

/** One bounded autocannon run in a child process, with this process's CPU per request meanwhile. */
async function loadRoute(request: HttpLoadRequest, profileAs?: string): Promise<HttpLoadFigures & { serverCpuMsPerRequest: number }> {
  const profileDir = process.env.BENCH_CPU_PROF;
  const stopProfile = profileDir && profileAs ? startCpuProfile(profileDir, profileAs) : undefined;
  if (SQL_TIMING) takeSqlTiming(); // what came before (set-up, warm-up) does not count
  const cpu = process.cpuUsage();
  const f = await runLoadClient(request);
  const used = process.cpuUsage(cpu);
  await stopProfile?.();
  if (SQL_TIMING && profileAs) console.log(`SQL time by statement (${profileAs}, ${f.requests} requests):\n${takeSqlTiming()}`);
  return { ...f, serverCpuMsPerRequest: Math.round(((used.user + used.system) / 1000 / Math.max(1, f.requests)) * 100) / 100 };
}

function runLoadClient(request: HttpLoadRequest): Promise<HttpLoadFigures> {
  return new Promise((resolve, reject) => {
    const child = fork(join(__dirname, 'http-load-client.ts'), [], { execArgv: ['-r', 'ts-node/register/transpile-only'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let figures: HttpLoadFigures | undefined;
    child.on('message', (m: HttpLoadFigures) => (figures = m));
    child.once('exit', (code) => (figures ? resolve(figures) : reject(new Error(`load client exited with ${code} and no figures`))));
    child.send(request);
  });
}

/** The routes of the issue, with varying pages, ids and search terms. */
async function routeSpecs(ds: DataSource, clients: string[]): Promise<RouteSpec[]> {
  const companies = await ds.getRepository(Pax8Company).find({ where: { tenantId: TENANT, removedAt: IsNull() }, select: { pax8Id: true }, order: { name: 'ASC' } });
  const ids = companies.map((c) => c.pax8Id);
  const unmapped: Array<{ pax8Id: string }> = await ds
    .getRepository(Pax8Company)
    .createQueryBuilder('c')
    .select('c.pax8Id', 'pax8Id')
    .leftJoin('pax8_company_mappings', 'm', 'm.tenantId = c.tenantId AND m.pax8CompanyId = c.pax8Id')
    .where('c.tenantId = :t AND m.id IS NULL', { t: TENANT })
    .getRawMany();
  const pages = Array.from({ length: 10 }, (_, i) => i * 50);
  const words = [...new Set(clients.map((n) => n.split(' ')[0].toLowerCase()))].slice(0, 200);
  return [
    { name: 'GET companies?limit=50', paths: pages.map((o) => `/pax8/companies?limit=50&offset=${o}`) },
    { name: 'GET companies?limit=50&withSuggestions=true', paths: pages.map((o) => `/pax8/companies?limit=50&offset=${o}&withSuggestions=true`) },
    { name: 'GET companies/:id', paths: ids.map((id) => `/pax8/companies/${encodeURIComponent(id)}`) },
    { name: 'GET clients?search=', paths: words.map((w) => `/pax8/clients?search=${encodeURIComponent(w)}`) },
    { name: 'GET companies/:id/suggestions', paths: unmapped.map((c) => `/pax8/companies/${encodeURIComponent(c.pax8Id)}/suggestions`) },
  ];
}

/**
 * Keeps a cold full sync of a fresh tenant running until stopped: each writes 2,000 companies and
 * 40,000 subscriptions into the tables the routes read. `started` resolves once the first one has written rows.
 */
function startWriters(app: INestApplication, ds: DataSource) {
  let stop = false;
  let n = 0;
  const loop = (async () => {
    while (!stop) {
      const tenant = `${WRITER_PREFIX}${++n}`;
      await app.get(ConnectionService).save(tenant, { id: 'bench' }, CREDENTIALS as SaveConnectionDto);
      const run = await (await app.get(SyncService).start(tenant, { kind: 'full', trigger: 'manual' })).done;
      if (run.status !== 'succeeded') throw new Error(`writer sync ${tenant}: ${run.status} ${run.error}`);
    }
  })();
  const written = async () =>
    (await ds.getRepository(Pax8Company).count({ where: { tenantId: Like(`${WRITER_PREFIX}%`) } })) +
    (await ds.getRepository(Pax8Subscription).count({ where: { tenantId: Like(`${WRITER_PREFIX}%`) } }));
  const started = (async () => {
    // The companies come first; wait for subscription pages, the bulk of the writing.
    while ((await ds.getRepository(Pax8Subscription).count({ where: { tenantId: Like(`${WRITER_PREFIX}%`) } })) === 0) await new Promise((r) => setTimeout(r, 100));
  })();
  return {
    started: Promise.race([started, loop.then(() => undefined)]),
    written,
    syncs: () => n,
    stop: async () => {
      stop = true;
      await loop;
    },
  };
}

async function benchDatabase(database: string, seconds: number, connections: number, phases: string[]): Promise<HttpLoadBenchResult> {
  console.log(`\n--- HTTP load on ${database} ---`);
  const sandbox = await startSandboxProcess({ port: 0, partners: [{ ...CREDENTIALS, seed: 42, size: SIZE }], rateLimit: false, referenceDate: '2026-01-15' });
  const dir = mkdtempSync(join(tmpdir(), 'pax8-http-bench-'));
  try {
    const dataSource = benchDatabases(join(dir, 'bench.sqlite'))[database];
    await emptyBenchDatabase(dataSource);
    const app = await bootBenchApp({ apiBaseUrl: sandbox.apiBaseUrl, tokenUrl: sandbox.tokenUrl, dataSource, requestsPerMinute: 1000, liftClientLimiter: true, hostPorts: BenchHttpPortsModule });
    try {
      await app.listen(0, '127.0.0.1');
      const url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
      const ds: DataSource = app.get(PAX8_DATA_SOURCE);
      await app.get(ConnectionService).save(TENANT, { id: 'bench' }, CREDENTIALS as SaveConnectionDto);
      const run = await (await app.get(SyncService).start(TENANT, { kind: 'full', trigger: 'manual' })).done;
      if (run.status !== 'succeeded') throw new Error(`sync: ${run.status} ${run.error}`);
      const synced = await ds.getRepository(Pax8Company).find({ where: { tenantId: TENANT }, order: { pax8Id: 'ASC' } });
      const hostClients = seedDemoTenant(TENANT, synced.map((c) => ({ name: c.name, website: c.website ?? undefined, externalId: c.externalId ?? undefined }))).clients;
      app.get(BenchClientStore).put(TENANT, hostClients);
      const auto = await app.get(MappingService).autoMapTenant(TENANT);
      console.log(`synced ${synced.length} companies, ${run.counts?.subscriptions.created} subscriptions; ${hostClients.length} host clients; auto-mapped ${auto.mapped} (ambiguous ${auto.ambiguous}, no candidate ${auto.noCandidate})`);

      const only = process.env.BENCH_HTTP_ROUTES?.split(',').map(Number);
      const specs = (await routeSpecs(ds, hostClients.map((c) => c.name))).filter((_, i) => !only || only.includes(i));
      const routes: HttpRouteFigures[] = [];
      const request = (spec: RouteSpec): HttpLoadRequest => ({ url, paths: spec.paths, headers: { [BENCH_TENANT_HEADER]: TENANT }, connections, durationS: seconds });
      for (const spec of specs) await loadRoute({ ...request(spec), durationS: 1 }); // warm-up: JIT, statement caches
      if (phases.includes('idle')) {
        for (const spec of specs) {
          const f = await loadRoute(request(spec), `http-${database}-idle-${specs.indexOf(spec)}`);
          routes.push({ route: spec.name, phase: 'idle', ...f, loadAverage: load1() });
          printRoute(database, routes[routes.length - 1]);
        }
      }
      if (phases.includes('sync')) {
        const writers = startWriters(app, ds);
        await writers.started;
        for (const spec of specs) {
          const before = await writers.written();
          const f = await loadRoute(request(spec), `http-${database}-sync-${specs.indexOf(spec)}`);
          const rowsWrittenDuring = (await writers.written()) - before;
          routes.push({ route: spec.name, phase: 'sync', ...f, rowsWrittenDuring, loadAverage: load1() });
          printRoute(database, routes[routes.length - 1]);
        }
        await writers.stop();
        console.log(`  (${writers.syncs()} writer syncs ran during the sync phase)`);
      }
      return { database, ...SIZE, clients: hostClients.length, autoMapped: auto.mapped, connections, seconds, routes };
    } finally {
      // Requests still in flight from the load's last moment finish first: closing the app closes the database
      // under them ("Connection terminated" in the log).
      await new Promise<void>((resolve) => app.getHttpServer().close(() => resolve()));
      await app.close();
    }
  } finally {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function printRoute(database: string, r: HttpRouteFigures): void {
  console.log(
    `  ${database} ${r.phase.padEnd(4)} ${r.route.padEnd(45)} ${String(r.reqPerSec).padStart(7)} req/s  p50 ${r.p50} ms  p95 ${r.p95} ms  p99 ${r.p99} ms  ` +
      `server CPU ${r.serverCpuMsPerRequest} ms/request (${r.requests} requests, non-2xx ${r.non2xx}, errors ${r.errors}${r.rowsWrittenDuring !== undefined ? `, rows written meanwhile ${r.rowsWrittenDuring}` : ''}; load ${r.loadAverage})`,
  );
}

/** Issue #15's goals for the list routes, each met or MISSED. */
export function httpLoadGoals(results: HttpLoadBenchResult[]): string[] {
  const ok = (b: boolean) => (b ? 'met' : 'MISSED');
  const notes: string[] = [];
  for (const r of results) {
    const at = (route: string, phase: string) => r.routes.find((x) => x.route === route && x.phase === phase);
    const list = at('GET companies?limit=50', 'idle');
    if (list) notes.push(`${r.database} idle companies: ${list.reqPerSec} req/s ≥ 500 ${ok(list.reqPerSec >= 500)}, p95 ${list.p95} ms < 50 ms ${ok(list.requests > 0 && list.p95 < 50)}`);
    const sugg = at('GET companies?limit=50&withSuggestions=true', 'idle');
    if (sugg) notes.push(`${r.database} idle companies withSuggestions: ${sugg.reqPerSec} req/s ≥ 250 ${ok(sugg.reqPerSec >= 250)}`);
    // No completed request has no p95: that is a miss, not a 0 ms success.
    for (const x of r.routes.filter((y) => y.phase === 'sync')) notes.push(`${r.database} during sync ${x.route}: p95 ${x.p95} ms < 80 ms ${ok(x.requests > 0 && x.p95 < 80)}; rows written meanwhile ${x.rowsWrittenDuring} (> 0 ${ok((x.rowsWrittenDuring ?? 0) > 0)})`);
    const failed = r.routes.reduce((n, x) => n + x.non2xx + x.errors, 0);
    notes.push(`${r.database} non-2xx and errors over every route: ${failed} (0 ${ok(failed === 0)})`);
  }
  return notes;
}

export async function runHttpLoadBench(): Promise<HttpLoadBenchResult[]> {
  const seconds = Number(process.env.BENCH_HTTP_SECONDS ?? 6);
  const connections = Number(process.env.BENCH_HTTP_CONNECTIONS ?? 20);
  const phases = process.env.BENCH_HTTP_PHASES?.split(',') ?? ['idle', 'sync'];
  console.log(`HTTP load: ${connections} connections, ${seconds} s per route and phase; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const results: HttpLoadBenchResult[] = [];
  for (const database of selectedDatabases()) results.push(await benchDatabase(database, seconds, connections, phases));
  return results;
}

export function printHttpLoadBench(results: HttpLoadBenchResult[]): void {
  for (const n of httpLoadGoals(results)) console.log(n);
  console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} (2 shared cores: figures above load 2 are noisy)`);
}

if (require.main === module) {
  runHttpLoadBench().then(
    (results) => {
      printHttpLoadBench(results);
      process.exit(0);
    },
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
