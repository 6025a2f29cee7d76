/**
 * `npm run bench`: the sync engine against the Pax8 sandbox at several sizes, then the mapping matcher.
 * Each scenario runs in a fresh engine process (this file again, with BENCH_SCENARIO set), so one
 * scenario's heap does not inflate the next one's RSS; the sandbox runs in a process of its own
 * (bench/sandbox-child.ts) so its data never counts. Each scenario: connect (one token request), a
 * cold full sync, then an immediate re-sync with nothing changed in Pax8. Prints figures as it goes,
 * a table, then everything as JSON. Timing is reported, never asserted.
 *   BENCH_DB=sqlite,postgres,mariadb     the databases the sync scenarios run on (default: SQLite, plus PostgreSQL and
 *                                       MariaDB when BENCH_POSTGRES_URL / BENCH_MARIADB_URL are set; those databases are emptied)
 *   BENCH_SQL_TIMING=1                  time per SQL statement shape (bench/sql-timing.ts), after each sync
 *   BENCH_CALL_TRACE=1                  when the Pax8 calls of each sync went out (bench/call-trace.ts)
 *   BENCH_TS=1                          run the scenario engines under ts-node (default: compiled once to .bench-build/)
 *   BENCH_NODE_ARGS='--trace-gc'        more Node flags for each scenario's engine process
 *   BENCH_CPU_PROF=dir                  write a V8 CPU profile of each scenario's engine process there
 *   BENCH_ALLOC_PROF=dir                write where each scenario's engine allocates, garbage included (bench/alloc-profile.ts)
 *   BENCH_ONLY=a,c                      only these scenarios ('billing' for the billing bench, w = the webhook freshness and burst bench, http = the list routes under HTTP load)
 *   BENCH_LARGE_COMPANIES / BENCH_LARGE_SUBSCRIPTIONS   size of scenarios d and e (default 10,000 / 200,000)
 *   BENCH_PEER=0                        skip the peer baseline (bench/peer-baseline.ts; it runs for the selected scenarios)
 *   BENCH_SQLITE_WRITER_THREAD=0        the plugin's `sync.sqliteWriterThread` off (also for BENCH_ONLY=http)
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString, writeHeapSnapshot } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { execFileSync, fork } from 'node:child_process';
import { ConnectionService } from '../server/connection/connection.service';
import type { SaveConnectionDto } from '../server/connection/dto/connection.dto';
import type { SyncRun } from '../server/sync/entities/sync-run.entity';
import { SyncService } from '../server/sync/sync.service';
import type { SandboxRequestStats } from '../server/sandbox';
import { benchDatabases, bootBenchApp, emptyBenchDatabase, selectedDatabases } from './bench-host';
// The other benches load only in the parent (see main): a sync scenario's engine holds what a host holds, not the
// sandbox and harness code they bring (about 1 MB of heap, which V8's heap growth multiplies in the peak).
import type { BillingBenchResult } from './billing.bench';
import type { MappingBenchResult } from './mapping.bench';
import type { WebhooksBenchResult } from './webhooks.bench';
import type { HttpLoadBenchResult } from './http-load.bench';
import { startSandboxProcess } from './sandbox-process';
import { assertSameSubscriptions, peerSummaryLines, runPeerBaselines, storedSubscriptionDigest, type PeerBaselineResult, type SubscriptionDigest } from './peer-baseline';
import { installSqlTiming, takeSqlTiming } from './sql-timing';
import { CallTrace } from './call-trace';
import { startAllocationProfile } from './alloc-profile';

const SQL_TIMING = process.env.BENCH_SQL_TIMING === '1';
if (SQL_TIMING) installSqlTiming();

const gc: () => void = (globalThis as { gc?: () => void }).gc ?? (setFlagsFromString('--expose-gc'), runInNewContext('gc'));

const PAGE = 200;
const TENANT = 'bench-tenant';
const CREDENTIALS = { clientId: 'bench-client', clientSecret: 'bench-secret-6e1f0a' };

interface Scenario {
  id: string;
  label: string;
  companies: number;
  subscriptions: number;
  /** The sandbox's limit (Pax8's real one is 1000 per 60 s), or false for none. */
  sandboxRateLimit: { limit: number; windowMs: number } | false;
  /** api.requestsPerMinute given to the plugin. */
  clientRpm: number;
  /** Client limiter replaced by a 1,000,000/min one (see bench-host.ts). */
  liftClientLimiter?: boolean;
  /** sqlite | postgres | mariadb (set per run from BENCH_DB). */
  database?: string;
}

interface SyncFigures {
  status: string;
  error: string | null;
  apiCalls: number;
  byRoute: Record<string, number>;
  non2xx: Record<string, number>;
  peakPerWindow: number;
  minimumCalls: number;
  callsRatio: number;
  wallMs: number;
  /**
   * Lowest possible wall time under the active limits (sliding window of 60 s), ms: floor((calls-1)/limit)
   * minutes for this sync's own calls. A re-sync right after a cold sync also inherits the cold sync's
   * calls still in the client's window, so it can need more than its own floor.
   */
  floorMs: number;
  floorBy: string;
  wallOverFloor: number | null;
  rowsWritten: number;
  counts: SyncRun['counts'];
  productCalls: number;
  peakRssMb: number;
  peakHeapMb: number;
  /** Heap still used after the run and a full GC: what the engine keeps, not garbage waiting for collection. */
  heapAfterGcMb: number;
  /** CPU the sandbox process spent serving this sync (part of the wall time that is not the engine). */
  sandboxCpuMs: number;
  /** Wall time minus the sandbox's CPU: the plugin's share (its own CPU, the database's, and waits). */
  pluginMs: number;
  /** CPU this (engine) process used during the sync. */
  engineCpuMs: number;
}

interface ScenarioResult {
  scenario: Scenario;
  data: { companies: number; subscriptions: number; distinctProducts: number; sandboxGenerateMs: number; sandboxRssMb: number };
  baselineRssMb: number;
  bootMs: number;
  connectMs: number;
  cold: SyncFigures;
  resync: SyncFigures;
  /** Which subscriptions the sync stored per company, compared with the peer baseline's pull. */
  stored?: SubscriptionDigest;
}

const mb = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;
const r2 = (x: number) => Math.round(x * 100) / 100;

/** Peak RSS and heap, sampled every 50 ms (and at start and stop). */
class MemorySampler {
  private rss = 0;
  private heap = 0;
  private timer?: NodeJS.Timeout;
  start(): void {
    this.rss = 0;
    this.heap = 0;
    this.sample();
    this.timer = setInterval(() => this.sample(), 50);
  }
  stop(): { peakRssMb: number; peakHeapMb: number } {
    this.sample();
    clearInterval(this.timer);
    return { peakRssMb: mb(this.rss), peakHeapMb: mb(this.heap) };
  }
  private sample(): void {
    const m = process.memoryUsage();
    if (m.rss > this.rss) this.rss = m.rss;
    if (m.heapUsed > this.heap) this.heap = m.heapUsed;
  }
}

function floorFor(calls: number, s: Scenario): { floorMs: number; floorBy: string } {
  const limits: Array<[string, number]> = [];
  if (s.sandboxRateLimit) limits.push([`sandbox ${s.sandboxRateLimit.limit}/min`, s.sandboxRateLimit.limit]);
  if (!s.liftClientLimiter) limits.push([`client ${s.clientRpm}/min`, s.clientRpm]);
  let best = { floorMs: 0, floorBy: 'none' };
  for (const [name, limit] of limits) {
    const floorMs = Math.floor(Math.max(0, calls - 1) / limit) * 60_000;
    if (floorMs > best.floorMs || best.floorBy === 'none') best = { floorMs, floorBy: name };
  }
  return best;
}

function figures(
  s: Scenario,
  run: SyncRun,
  stats: SandboxRequestStats & { cpuMs: number },
  minimumCalls: number,
  wallMs: number,
  mem: { peakRssMb: number; peakHeapMb: number },
  engineCpuMs: number,
): SyncFigures {
  gc();
  const heapAfterGcMb = mb(process.memoryUsage().heapUsed);
  const apiCalls = stats.total;
  const { floorMs, floorBy } = floorFor(apiCalls, s);
  const c = run.counts!;
  const rowsWritten =
    c.companies.created + c.companies.updated + c.companies.removed + c.subscriptions.created + c.subscriptions.updated + c.subscriptions.removed;
  const non2xx = Object.fromEntries(Object.entries(stats.byStatus).filter(([k]) => !k.startsWith('2')));
  return {
    status: run.status,
    error: run.error,
    apiCalls,
    byRoute: stats.byRoute,
    non2xx,
    peakPerWindow: Math.max(0, ...Object.values(stats.peakPerWindow)),
    minimumCalls,
    callsRatio: r2(apiCalls / Math.max(1, minimumCalls)),
    wallMs: Math.round(wallMs),
    floorMs,
    floorBy,
    wallOverFloor: floorMs > 0 ? r2(wallMs / floorMs) : null,
    rowsWritten,
    counts: c,
    productCalls: stats.byRoute['GET /v1/products/:id'] ?? 0,
    ...mem,
    heapAfterGcMb,
    sandboxCpuMs: stats.cpuMs,
    pluginMs: Math.max(0, Math.round(wallMs - stats.cpuMs)),
    engineCpuMs,
  };
}

async function runScenario(s: Scenario): Promise<ScenarioResult> {
  console.log(`\n=== ${s.id} on ${s.database}: ${s.label} ===`);
  const sandbox = await startSandboxProcess({
    port: 0,
    partners: [{ ...CREDENTIALS, seed: 42, size: { companies: s.companies, subscriptions: s.subscriptions } }],
    rateLimit: s.sandboxRateLimit,
    referenceDate: '2026-01-15',
  });
  const d = sandbox.data[CREDENTIALS.clientId];
  console.log(`sandbox pid ${sandbox.pid}: ${d.companies} companies, ${d.subscriptions} subscriptions, ${d.distinctProducts} distinct products (generated in ${d.generateMs} ms, sandbox RSS ${d.rssMb} MB)`);
  const dir = mkdtempSync(join(tmpdir(), 'pax8-bench-'));
  const sampler = new MemorySampler();
  try {
    const dataSource = benchDatabases(join(dir, 'bench.sqlite'))[s.database ?? 'sqlite'];
    if (!dataSource) throw new Error(`database ${s.database}: set BENCH_POSTGRES_URL / BENCH_MARIADB_URL`);
    await emptyBenchDatabase(dataSource);
    let t = performance.now();
    const app = await bootBenchApp({
      apiBaseUrl: sandbox.apiBaseUrl,
      tokenUrl: sandbox.tokenUrl,
      dataSource,
      requestsPerMinute: s.clientRpm,
      liftClientLimiter: s.liftClientLimiter,
    });
    const bootMs = Math.round(performance.now() - t);
    const trace = process.env.BENCH_CALL_TRACE === '1' ? new CallTrace(app) : undefined;
    gc();
    const baselineRssMb = mb(process.memoryUsage().rss); // the booted, idle engine
    // BENCH_HEAP_SNAPSHOT=dir: what the booted, idle engine holds (V8 sizes its heap limit from what survives a collection).
    if (process.env.BENCH_HEAP_SNAPSHOT) console.log(`heap snapshot ${writeHeapSnapshot(join(process.env.BENCH_HEAP_SNAPSHOT, `${s.id}-${s.database ?? 'sqlite'}-idle.heapsnapshot`))}`);
    try {
      const sync = app.get(SyncService);
      const pages = (n: number) => Math.max(1, Math.ceil(n / PAGE));

      // Cold: connect (the one token request; the sync reuses that token) and a full sync.
      await sandbox.stats(true);
      if (SQL_TIMING) takeSqlTiming(); // boot and migrations do not count
      sampler.start();
      trace?.start();
      let cpu = process.cpuUsage();
      t = performance.now();
      await app.get(ConnectionService).save(TENANT, { id: 'bench' }, CREDENTIALS as SaveConnectionDto);
      const connectMs = Math.round(performance.now() - t);
      t = performance.now();
      const cold = await (await sync.start(TENANT, { kind: 'full', trigger: 'manual' })).done;
      const coldWall = performance.now() - t + connectMs;
      const coldMem = sampler.stop();
      const coldCpu = cpuMs(cpu);
      const coldMin = 1 + pages(d.companies) + pages(d.subscriptions) + d.distinctProducts;
      const coldFig = figures(s, cold, await sandbox.stats(true), coldMin, coldWall, coldMem, coldCpu);
      print('cold sync', coldFig);
      if (trace) console.log(trace.summary(s.clientRpm && !s.liftClientLimiter ? s.clientRpm : 1000, coldWall));
      if (SQL_TIMING) console.log(`SQL time by statement (cold):\n${takeSqlTiming()}`);

      // Re-sync with no change: only the list pages; products are cached, no row changes.
      sampler.start();
      trace?.start();
      cpu = process.cpuUsage();
      t = performance.now();
      const again = await (await sync.start(TENANT, { kind: 'full', trigger: 'manual' })).done;
      const againWall = performance.now() - t;
      const againMem = sampler.stop();
      const againCpu = cpuMs(cpu);
      const againMin = pages(d.companies) + pages(d.subscriptions);
      const resyncFig = figures(s, again, await sandbox.stats(true), againMin, againWall, againMem, againCpu);
      print('re-sync', resyncFig);
      if (trace) console.log(trace.summary(s.clientRpm && !s.liftClientLimiter ? s.clientRpm : 1000, againWall));
      if (SQL_TIMING) console.log(`SQL time by statement (re-sync):\n${takeSqlTiming()}`);
      const stored = await storedSubscriptionDigest(app, TENANT);
      return {
        scenario: s,
        data: { companies: d.companies, subscriptions: d.subscriptions, distinctProducts: d.distinctProducts, sandboxGenerateMs: d.generateMs, sandboxRssMb: d.rssMb },
        baselineRssMb,
        bootMs,
        connectMs,
        cold: coldFig,
        resync: resyncFig,
        stored,
      };
    } finally {
      await app.close();
    }
  } finally {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function print(what: string, f: SyncFigures): void {
  const routes = Object.entries(f.byRoute)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  console.log(
    `${what}: ${f.status}${f.error ? ` (${f.error})` : ''}; ${f.apiCalls} API calls [${routes}]` +
      `${Object.keys(f.non2xx).length ? `, non-2xx ${JSON.stringify(f.non2xx)}` : ''}; minimum ${f.minimumCalls}, ratio ${f.callsRatio}` +
      `; wall ${(f.wallMs / 1000).toFixed(2)} s, floor ${(f.floorMs / 1000).toFixed(0)} s (${f.floorBy})${f.wallOverFloor !== null ? `, wall/floor ${f.wallOverFloor}` : ''}` +
      `; rows written ${f.rowsWritten} (companies ${JSON.stringify(f.counts!.companies)}, subscriptions ${JSON.stringify(f.counts!.subscriptions)}, products fetched ${f.counts!.productsFetched}, run.apiCalls ${f.counts!.apiCalls})` +
      `; sandbox CPU ${(f.sandboxCpuMs / 1000).toFixed(2)} s, plugin ${(f.pluginMs / 1000).toFixed(2)} s (engine CPU ${(f.engineCpuMs / 1000).toFixed(2)} s); peak RSS ${f.peakRssMb} MB, peak heap ${f.peakHeapMb} MB, heap after GC ${f.heapAfterGcMb} MB`,
  );
}

function table(results: ScenarioResult[]): void {
  const head = ['scenario', 'db', 'size (co/subs/prod)', 'sync', 'calls', 'min', 'ratio', 'wall s', 'sandbox cpu s', 'plugin s', 'floor s', 'wall/floor', 'rows', 'prod calls', 'base RSS MB', 'peak RSS MB', 'peak heap MB', 'heap after GC MB'];
  const rows: string[][] = [];
  for (const r of results) {
    for (const [name, f] of [['cold', r.cold], ['re-sync', r.resync]] as const) {
      rows.push([
        r.scenario.id,
        r.scenario.database ?? 'sqlite',
        `${r.data.companies}/${r.data.subscriptions}/${r.data.distinctProducts}`,
        `${name}${f.status === 'succeeded' ? '' : ` (${f.status})`}`,
        String(f.apiCalls),
        String(f.minimumCalls),
        f.callsRatio.toFixed(2),
        (f.wallMs / 1000).toFixed(2),
        (f.sandboxCpuMs / 1000).toFixed(2),
        (f.pluginMs / 1000).toFixed(2),
        (f.floorMs / 1000).toFixed(0),
        f.wallOverFloor === null ? '-' : f.wallOverFloor.toFixed(2),
        String(f.rowsWritten),
        String(f.productCalls),
        r.baselineRssMb.toFixed(0),
        f.peakRssMb.toFixed(0),
        f.peakHeapMb.toFixed(0),
        f.heapAfterGcMb.toFixed(0),
      ]);
    }
  }
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 4 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}

/**
 * The goals of issue #15, each printed as met or MISSED: minimum calls; plugin time (wall minus the
 * sandbox's CPU) of an unthrottled 2,000 / 40,000 cold sync ≤ 2 s on PostgreSQL, ≤ 3 s elsewhere;
 * wall ≤ 1.10× the rate-limit floor; peak heap ≤ 150 MB at 10,000 / 200,000; a re-sync writes nothing.
 */
function targets(results: ScenarioResult[]): string[] {
  const notes: string[] = [];
  const ok = (b: boolean) => (b ? 'met' : 'MISSED');
  for (const r of results) {
    const db = r.scenario.database ?? 'sqlite';
    for (const [name, f] of [['cold', r.cold], ['re-sync', r.resync]] as const) {
      let s = `${r.scenario.id} ${db} ${name}: calls/minimum ${f.callsRatio.toFixed(2)} = 1.00 ${ok(f.callsRatio <= 1)}`;
      if (f.floorMs > 0) s += `; wall/floor ${f.wallOverFloor} ≤ 1.10 ${ok((f.wallOverFloor ?? 0) <= 1.1)}`;
      else s += '; no rate-limit floor';
      if (name === 'cold' && !r.scenario.sandboxRateLimit && r.data.subscriptions >= 40_000 && r.data.subscriptions < 100_000) {
        const goal = db === 'postgres' ? 2000 : 3000;
        s += `; plugin time ${(f.pluginMs / 1000).toFixed(2)} s ≤ ${goal / 1000} s ${ok(f.pluginMs <= goal)}`;
      }
      if (r.data.subscriptions >= 200_000) s += `; peak heap ${f.peakHeapMb} MB ≤ 150 MB ${ok(f.peakHeapMb <= 150)}`;
      if (name === 're-sync') s += `; writes ${f.rowsWritten} (0 ${ok(f.rowsWritten === 0)}), product calls ${f.productCalls} (0 ${ok(f.productCalls === 0)})`;
      notes.push(s);
    }
  }
  return notes;
}

const cpuMs = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since);
  return Math.round((u.user + u.system) / 1000);
};

async function main(): Promise<void> {
  const started = performance.now();
  const PAX8_LIMIT = { limit: 1000, windowMs: 60_000 };
  const large = { companies: Number(process.env.BENCH_LARGE_COMPANIES ?? 10_000), subscriptions: Number(process.env.BENCH_LARGE_SUBSCRIPTIONS ?? 200_000) };
  const scenarios: Scenario[] = [
    { id: 'c', label: '200 / 4,000, fast limit (sandbox off, client 1000/min)', companies: 200, subscriptions: 4_000, sandboxRateLimit: false, clientRpm: 1000 },
    { id: 'a', label: "2,000 / 40,000, Pax8's limit (sandbox 1000/min, client default 900/min)", companies: 2_000, subscriptions: 40_000, sandboxRateLimit: PAX8_LIMIT, clientRpm: 900 },
    { id: 'b', label: '2,000 / 40,000, fast limit (sandbox off, client 1000/min)', companies: 2_000, subscriptions: 40_000, sandboxRateLimit: false, clientRpm: 1000 },
    {
      id: 'd',
      label: `${large.companies.toLocaleString('en')} / ${large.subscriptions.toLocaleString('en')}, fast limit (sandbox off, client limiter lifted: the 1000/min option maximum would bind above 1000 calls)`,
      ...large,
      sandboxRateLimit: false,
      clientRpm: 1000,
      liftClientLimiter: true,
    },
    {
      id: 'e',
      label: `${large.companies.toLocaleString('en')} / ${large.subscriptions.toLocaleString('en')}, Pax8's limit (sandbox 1000/min, client default 900/min): more calls than one window allows`,
      ...large,
      sandboxRateLimit: PAX8_LIMIT,
      clientRpm: 900,
    },
  ];
  const only = process.env.BENCH_ONLY?.split(',');
  const results: ScenarioResult[] = [];
  const databases = selectedDatabases();
  console.log(`sync scenarios on ${databases.join(', ')}; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  for (const s of scenarios) if (!only || only.includes(s.id)) for (const database of databases) results.push(await inFreshProcess({ ...s, database }));

  // The peer baseline: the same sandbox data (seed and date of runScenario's sandbox), once per scenario, not per database.
  let peers: Record<string, PeerBaselineResult> = {};
  if (process.env.BENCH_PEER !== '0') {
    peers = await runPeerBaselines(scenarios.filter((s) => !only || only.includes(s.id)), { seed: 42, referenceDate: '2026-01-15', credentials: CREDENTIALS });
    assertSameSubscriptions(results, peers);
  }

  console.log('\n=== mapping (bench/mapping.bench.ts) ===');
  const { runMappingBench } = await import('./mapping.bench');
  runMappingBench(); // warm-up
  const mapping: MappingBenchResult = runMappingBench();
  console.log(
    `${mapping.clients} clients × ${mapping.companies} companies: index ${mapping.indexBuildMs} ms, match ${mapping.matchMs} ms, suggestions for ${mapping.suggestedCompanies} companies ${mapping.suggestMs} ms; ` +
      `matched ${mapping.matched} ${JSON.stringify(mapping.matchedByRule)}, ambiguous ${mapping.ambiguous} ${JSON.stringify(mapping.ambiguousByReason)}, no candidate ${mapping.noCandidate}, with a suggestion ${mapping.companiesWithSuggestion}`,
  );

  // Billing: BENCH_ONLY without 'billing' skips it (see bench/billing.bench.ts for sizes and databases).
  let billing: BillingBenchResult[] = [];
  if (!only || only.includes('billing')) {
    console.log('\n=== billing (bench/billing.bench.ts) ===');
    billing = await (await import('./billing.bench')).runBillingBenches();
  }

  let webhooks: WebhooksBenchResult | undefined;
  if (!only || only.includes('w')) {
    console.log('\n=== webhooks (bench/webhooks.bench.ts) ===');
    const { runWebhooksBench, printWebhooksBench } = await import('./webhooks.bench');
    webhooks = await runWebhooksBench();
    printWebhooksBench(webhooks);
  }

  // HTTP load on the list routes: BENCH_ONLY without 'http' skips it (see bench/http-load.bench.ts).
  let http: HttpLoadBenchResult[] = [];
  if (!only || only.includes('http')) {
    console.log('\n=== HTTP load on the list routes (bench/http-load.bench.ts) ===');
    const { runHttpLoadBench, printHttpLoadBench } = await import('./http-load.bench');
    http = await runHttpLoadBench();
    printHttpLoadBench(http);
  }

  console.log('\n=== summary ===');
  table(results);
  console.log('');
  for (const n of targets(results)) console.log(n);
  if (Object.keys(peers).length) {
    console.log('\npeer baseline (per-company pull, bench/peer-baseline.ts): ours = cold sync incl. connect; the peer writes no database');
    for (const n of peerSummaryLines(results, peers)) console.log(n);
  }
  const totalMs = Math.round(performance.now() - started);
  console.log(`load average at the end ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`\ntotal bench time ${(totalMs / 1000).toFixed(1)} s`);
  console.log('\n=== JSON ===');
  console.log(JSON.stringify({ node: process.version, totalMs, sync: results, peer: peers, mapping, billing, webhooks, http }, null, 2));
}

/**
 * The engine runs as a host runs it: compiled JavaScript, not ts-node (whose TypeScript compiler stays in
 * the heap: about 25 MB, which V8's heap growth multiplies in the peak). Compiled once per bench run into
 * .bench-build/ (type checks skipped: `tsc --noCheck`); BENCH_TS=1 runs the scenarios under ts-node instead.
 */
function compiledEngine(): string | undefined {
  if (process.env.BENCH_TS === '1') return undefined;
  if (!compiled) {
    const root = join(__dirname, '..');
    const outDir = join(root, '.bench-build');
    rmSync(outDir, { recursive: true, force: true });
    const t = performance.now();
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.json'), '--outDir', outDir, '--sourceMap', 'false', '--noCheck'], { stdio: 'inherit' });
    console.log(`compiled the engine to .bench-build/ in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    compiled = join(outDir, 'bench', 'run.js');
  }
  return compiled;
}
let compiled: string | undefined;

/** Runs one scenario in a new engine process (this file with BENCH_SCENARIO), which sends its result back. */
function inFreshProcess(s: Scenario): Promise<ScenarioResult> {
  const script = compiledEngine();
  return new Promise((resolve, reject) => {
    const child = fork(script ?? __filename, [], {
      execArgv: [
        ...(script ? [] : ['-r', 'ts-node/register/transpile-only']),
        '--expose-gc',
        // BENCH_CPU_PROF=dir: a V8 CPU profile of each scenario's engine process (open in Chrome DevTools).
        ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
        ...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []), // e.g. --trace-gc, --heap-prof
      ],
      env: { ...process.env, BENCH_SCENARIO: JSON.stringify(s) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let result: ScenarioResult | undefined;
    child.on('message', (m: ScenarioResult) => (result = m));
    child.once('exit', (code) => (result ? resolve(result) : reject(new Error(`scenario ${s.id} exited with ${code} and no result`))));
  });
}

async function scenarioChild(s: Scenario): Promise<void> {
  const stopAllocationProfile = process.env.BENCH_ALLOC_PROF ? startAllocationProfile(process.env.BENCH_ALLOC_PROF, `${s.id}-${s.database}`) : undefined;
  const result = await runScenario(s);
  await stopAllocationProfile?.();
  await new Promise<void>((resolve) => process.send!(result, () => resolve()));
}

(process.env.BENCH_SCENARIO ? scenarioChild(JSON.parse(process.env.BENCH_SCENARIO)) : main()).then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
