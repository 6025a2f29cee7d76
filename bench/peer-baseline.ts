/**
 * The peer baseline of the sync bench (issue #15): the per-company pull other integrations document
 * (list the companies, then `GET /v1/subscriptions?companyId=` company by company), run against a sandbox
 * of the same seed and size as a sync scenario, through the same Pax8ClientFactory client (same token
 * flow, same limiter settings). It counts the calls (the sandbox's stats) and the wall time and keeps the
 * subscriptions in memory only, as those integrations do: it writes no database, so it runs once per
 * scenario, not per database, each in a fresh process with its own sandbox process.
 *
 * Where the pull would take more than MAX_THROTTLED_FLOOR_MS at the scenario's limits (10,000 companies
 * at Pax8's limit: 11 minutes), it runs unthrottled instead and the floor at the scenario's limits is
 * printed as computed, not measured.
 *
 * The pull's view must equal what our sync stores (the same subscription ids per company): main() in
 * run.ts compares the two digests and fails the bench when they differ.
 */
import { createHash } from 'node:crypto';
import { fork } from 'node:child_process';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { Pax8ClientFactory } from '../server/pax8-api';
import { PAX8_DATA_SOURCE } from '../server/pax8.constants';
import { Pax8Subscription } from '../server/sync/entities/pax8-subscription.entity';
import { startSandboxProcess } from './sandbox-process';

/** The fields of a sync scenario (bench/run.ts) the baseline needs. */
export interface PeerScenario {
  id: string;
  companies: number;
  subscriptions: number;
  sandboxRateLimit: { limit: number; windowMs: number } | false;
  clientRpm: number;
  liftClientLimiter?: boolean;
}

/** The sandbox the scenarios use, so the baseline pulls identical data. */
export interface PeerSandboxSpec {
  seed: number;
  referenceDate: string;
  credentials: { clientId: string; clientSecret: string };
}

/** Which subscriptions belong to which company: a count and a hash of the sorted (company, subscription) pairs. */
export interface SubscriptionDigest {
  companies: number;
  subscriptions: number;
  sha256: string;
}

export type PeerMode = 'measured' | 'unthrottled';

export interface PeerBaselineResult {
  /** The scenarios these figures stand for (one run serves scenarios of the same size and run settings). */
  scenarioIds: string[];
  /** Per scenario: 'measured' = run at that scenario's limits; 'unthrottled' = run without limits, its floor computed. */
  modeByScenario: Record<string, PeerMode>;
  apiCalls: number;
  byRoute: Record<string, number>;
  non2xx: Record<string, number>;
  wallMs: number;
  /** Floor at the limits the pull ran under (0 unthrottled). */
  runFloorMs: number;
  /** Floor per scenario at that scenario's limits (computed from the calls; sliding window of 60 s). */
  floorMsByScenario: Record<string, { floorMs: number; floorBy: string }>;
  sandboxCpuMs: number;
  peakHeapMb: number;
  seen: SubscriptionDigest;
  loadAverage: number[];
  note: string;
}

/** Beyond this floor a throttled pull is not run (it would only wait); the floor is computed instead. */
const MAX_THROTTLED_FLOOR_MS = 5 * 60_000;
const NOTE = 'subscriptions collected in memory only, no database writes (the peers\' pattern)';

/** The lowest wall time at the active limits, as run.ts computes it: floor((calls - 1) / limit) windows. */
export function floorAt(calls: number, s: PeerScenario): { floorMs: number; floorBy: string } {
  const limits: Array<[string, number, number]> = [];
  if (s.sandboxRateLimit) limits.push([`sandbox ${s.sandboxRateLimit.limit}/min`, s.sandboxRateLimit.limit, s.sandboxRateLimit.windowMs]);
  if (!s.liftClientLimiter) limits.push([`client ${s.clientRpm}/min`, s.clientRpm, 60_000]);
  let best = { floorMs: 0, floorBy: 'none' };
  for (const [name, limit, windowMs] of limits) {
    const floorMs = Math.floor(Math.max(0, calls - 1) / limit) * windowMs;
    if (floorMs > best.floorMs || best.floorBy === 'none') best = { floorMs, floorBy: name };
  }
  return best;
}

/** The calls the pull needs at least: a token, the company pages, one subscription page per company (more for companies over 200). */
export const peerMinimumCalls = (companies: number) => 1 + Math.max(1, Math.ceil(companies / 200)) + companies;

function digest(pairs: Array<[string, string]>): SubscriptionDigest {
  const lines = pairs.map(([company, sub]) => `${company}\t${sub}`).sort();
  const hash = createHash('sha256');
  for (const line of lines) hash.update(`${line}\n`);
  return { companies: new Set(pairs.map(([c]) => c)).size, subscriptions: pairs.length, sha256: hash.digest('hex') };
}

/**
 * What our sync stored for a tenant, as a digest comparable with the pull's: every row, including the
 * ones it marks removed because Pax8 lists them as ended (Cancelled, Expired): Pax8 lists those too.
 */
export async function storedSubscriptionDigest(app: INestApplication, tenantId: string): Promise<SubscriptionDigest> {
  const ds = app.get<DataSource>(PAX8_DATA_SOURCE);
  const rows: Array<{ c: string; id: string }> = await ds
    .createQueryBuilder()
    .select('s.pax8CompanyId', 'c')
    .addSelect('s.pax8Id', 'id')
    .from(Pax8Subscription, 's')
    .where('s.tenantId = :tenantId', { tenantId })
    .getRawMany();
  return digest(rows.map((r) => [r.c, r.id]));
}

/** The settings a scenario's pull runs with: its own, or unthrottled when that would take too long. */
function runSettings(s: PeerScenario): { run: PeerScenario; mode: PeerMode } {
  if (floorAt(peerMinimumCalls(s.companies), s).floorMs <= MAX_THROTTLED_FLOOR_MS) return { run: s, mode: 'measured' };
  return { run: { ...s, sandboxRateLimit: false, liftClientLimiter: true }, mode: 'unthrottled' };
}

/**
 * Runs the baseline for each scenario, one fresh process per distinct (size, run settings): scenarios
 * whose pull would run identically share one run (e.g. the two 10,000-company ones, both unthrottled).
 */
export async function runPeerBaselines(scenarios: PeerScenario[], sandbox: PeerSandboxSpec): Promise<Record<string, PeerBaselineResult>> {
  const groups = new Map<string, { run: PeerScenario; members: Array<PeerScenario & { mode: PeerMode }> }>();
  for (const s of scenarios) {
    const { run, mode } = runSettings(s);
    // A lifted client limiter makes clientRpm irrelevant: d and an unthrottled e share one run.
    const key = JSON.stringify([run.companies, run.subscriptions, run.sandboxRateLimit, run.liftClientLimiter ? 'lifted' : run.clientRpm]);
    if (!groups.has(key)) groups.set(key, { run, members: [] });
    groups.get(key)!.members.push({ ...s, mode });
  }
  const out: Record<string, PeerBaselineResult> = {};
  for (const g of groups.values()) {
    const ids = g.members.map((m) => m.id);
    console.log(`\n=== peer baseline for ${ids.join(', ')}: ${g.run.companies} companies, per-company pull, ${g.members.map((m) => `${m.id} ${m.mode === 'measured' ? 'at its limits' : 'unthrottled (its floor computed)'}`).join(', ')} ===`);
    const r = await inFreshProcess(g.run, sandbox);
    const result: PeerBaselineResult = {
      ...r,
      scenarioIds: ids,
      modeByScenario: Object.fromEntries(g.members.map((m) => [m.id, m.mode])),
      floorMsByScenario: Object.fromEntries(g.members.map((m) => [m.id, floorAt(r.apiCalls, m)])),
    };
    console.log(
      `peer: ${result.apiCalls} API calls [${Object.entries(result.byRoute).map(([k, v]) => `${k}=${v}`).join(', ')}]` +
        `${Object.keys(result.non2xx).length ? `, non-2xx ${JSON.stringify(result.non2xx)}` : ''}; wall ${(result.wallMs / 1000).toFixed(1)} s (${g.run.sandboxRateLimit || !g.run.liftClientLimiter ? 'limited' : 'unthrottled'})` +
        `; floor at the run's limits ${(result.runFloorMs / 1000).toFixed(0)} s; saw ${result.seen.subscriptions} subscriptions of ${result.seen.companies} companies` +
        `; sandbox CPU ${(result.sandboxCpuMs / 1000).toFixed(2)} s; peak heap ${result.peakHeapMb} MB; ${NOTE}; load average ${result.loadAverage.map((l) => l.toFixed(2)).join(' ')}`,
    );
    for (const id of ids) out[id] = result;
  }
  return out;
}

/** Minimal view of a run.ts ScenarioResult. */
interface OursView {
  scenario: { id: string; database?: string };
  cold: { status: string; apiCalls: number; wallMs: number };
  resync: { apiCalls: number; wallMs: number };
  stored?: SubscriptionDigest;
}

/**
 * Fails loudly when the pull saw other subscriptions per company than our sync stored (the sandbox or
 * one of the two readers is wrong, so the comparison would mean nothing).
 */
export function assertSameSubscriptions(ours: OursView[], peers: Record<string, PeerBaselineResult>): void {
  for (const r of ours) {
    const peer = peers[r.scenario.id];
    if (!peer) continue;
    const where = `${r.scenario.id} on ${r.scenario.database ?? 'sqlite'}`;
    if (r.cold.status !== 'succeeded' || !r.stored) throw new Error(`peer baseline: ${where}: our sync did not succeed, nothing to compare the pull with`);
    if (r.stored.sha256 !== peer.seen.sha256)
      throw new Error(`peer baseline: ${where}: the per-company pull saw ${JSON.stringify(peer.seen)}, our sync stored ${JSON.stringify(r.stored)}: not the same subscriptions per company`);
  }
}

/** Summary lines: per scenario, ours (calls, wall, per database) beside the peer's (calls, wall, floor), and the call-ratio goal. */
export function peerSummaryLines(ours: OursView[], peers: Record<string, PeerBaselineResult>): string[] {
  const lines: string[] = [];
  const ok = (b: boolean) => (b ? 'met' : 'MISSED');
  const s1 = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  for (const id of [...new Set(ours.map((r) => r.scenario.id))]) {
    const peer = peers[id];
    if (!peer) continue;
    const mine = ours.filter((r) => r.scenario.id === id);
    const floor = peer.floorMsByScenario[id];
    const mode = peer.modeByScenario[id];
    const wall = mode === 'measured' ? `wall ${s1(peer.wallMs)} measured` : `wall ${s1(peer.wallMs)} unthrottled, floor at this scenario's limits ${s1(floor.floorMs)} computed (${floor.floorBy})`;
    lines.push(
      `${id}: ours ${mine.map((r) => `${r.scenario.database ?? 'sqlite'} cold ${r.cold.apiCalls} calls ${s1(r.cold.wallMs)}, re-sync ${r.resync.apiCalls} calls ${s1(r.resync.wallMs)}`).join('; ')}` +
        ` | peer ${peer.apiCalls} calls (no product calls, no writes), ${wall}` +
        `${mode === 'measured' ? `, floor ${s1(floor.floorMs)} (${floor.floorBy})` : ''}; same subscriptions per company ✓`,
    );
    const calls = Math.max(...mine.map((r) => r.cold.apiCalls));
    const ratio = calls / Math.max(1, peer.apiCalls);
    lines.push(`${id} goal: our cold-sync calls / peer's calls ${ratio.toFixed(3)} (${calls} / ${peer.apiCalls}, ${(peer.apiCalls / Math.max(1, calls)).toFixed(1)}× fewer) < 1 ${ok(ratio < 1)}`);
  }
  return lines;
}

type ChildResult = Omit<PeerBaselineResult, 'scenarioIds' | 'modeByScenario' | 'floorMsByScenario'>;

function inFreshProcess(s: PeerScenario, sandbox: PeerSandboxSpec): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, [], {
      execArgv: ['-r', 'ts-node/register/transpile-only'],
      env: { ...process.env, BENCH_PEER_SCENARIO: JSON.stringify({ s, sandbox }) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let result: ChildResult | undefined;
    child.on('message', (m: ChildResult) => (result = m));
    child.once('exit', (code) => (result ? resolve(result) : reject(new Error(`peer baseline ${s.id} exited with ${code} and no result`))));
  });
}

/** The pull itself (in the child): companies page by page, then each company's subscriptions. */
async function pull(s: PeerScenario, spec: PeerSandboxSpec): Promise<ChildResult> {
  const sandbox = await startSandboxProcess({
    port: 0,
    partners: [{ ...spec.credentials, seed: spec.seed, size: { companies: s.companies, subscriptions: s.subscriptions } }],
    rateLimit: s.sandboxRateLimit,
    referenceDate: spec.referenceDate,
  });
  try {
    // As bench-host.ts builds it: the module's defaults, the scenario's rate, or the lifted limiter.
    const factory = new Pax8ClientFactory({ apiBaseUrl: sandbox.apiBaseUrl, tokenUrl: sandbox.tokenUrl, requestsPerMinute: s.liftClientLimiter ? 1_000_000 : s.clientRpm });
    const client = factory.client('peer-baseline', spec.credentials);
    let peakHeap = 0;
    const sample = () => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed));
    const timer = setInterval(sample, 50);
    await sandbox.stats(true);
    const t = performance.now();
    const companies: string[] = [];
    for await (const c of client.companies.all({})) companies.push(c.id);
    const kept: Array<{ companyId: string; subscription: unknown; id: string }> = [];
    for (const companyId of companies) for await (const sub of client.subscriptions.all({ companyId })) kept.push({ companyId, subscription: sub, id: sub.id });
    const wallMs = Math.round(performance.now() - t);
    clearInterval(timer);
    sample();
    const stats = await sandbox.stats(true);
    return {
      apiCalls: stats.total,
      byRoute: stats.byRoute,
      non2xx: Object.fromEntries(Object.entries(stats.byStatus).filter(([k]) => !k.startsWith('2'))),
      wallMs,
      runFloorMs: floorAt(stats.total, s).floorMs,
      sandboxCpuMs: stats.cpuMs,
      peakHeapMb: Math.round((peakHeap / 1048576) * 10) / 10,
      // The company the pull asked for, not the row's own field: what a per-company reader files it under.
      seen: digest(kept.map((k) => [k.companyId, k.id])),
      loadAverage: loadavg(),
      note: NOTE,
    };
  } finally {
    await sandbox.close();
  }
}

if (process.env.BENCH_PEER_SCENARIO) {
  const { s, sandbox } = JSON.parse(process.env.BENCH_PEER_SCENARIO) as { s: PeerScenario; sandbox: PeerSandboxSpec };
  pull(s, sandbox).then(
    (r) => process.send!(r, () => process.exit(0)),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
