/**
 * Queue mode with real replicas: two worker processes (test/helpers/queue-worker.ts) and this process
 * share one database and one BullMQ queue on Redis. This process enqueues through SyncScheduler.tick;
 * each round must sync every tenant exactly once, however often and from however many replicas it is
 * ticked. Needs PAX8_TEST_REDIS_URL (`.ci/run` sets it). The shared database is PostgreSQL (a scratch
 * database) when PAX8_TEST_POSTGRES_URL is set, with two worker processes. Without it, a SQLite file in
 * WAL mode with ONE worker process: two processes writing one SQLite file fail with "database is locked"
 * (the engine's read-then-write transactions start deferred, and SQLite answers SQLITE_BUSY at once
 * instead of waiting when a reader's snapshot must turn into a writer), so SQLite is no store for
 * several replicas.
 */
import { ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { DataSource, DataSourceOptions, MoreThanOrEqual } from 'typeorm';
import { ConnectionService } from '../../../server/connection/connection.service';
import type { SaveConnectionDto } from '../../../server/connection/dto/connection.dto';
import { PAX8_DATA_SOURCE, PAX8_OPTIONS } from '../../../server/pax8.constants';
import type { ResolvedPax8Options } from '../../../server/pax8-options';
import { SandboxHandle, startSandbox } from '../../../server/sandbox';
import { SyncRun } from '../../../server/sync/entities/sync-run.entity';
import { SyncQueueService } from '../../../server/sync/sync-queue.service';
import { SyncScheduler } from '../../../server/sync/sync-scheduler.service';
import { bootQueueApp, QueueAppConfig, WorkerMessage } from '../../helpers/queue-worker';

const REDIS_URL = process.env.PAX8_TEST_REDIS_URL;
const WORKERS = process.env.PAX8_TEST_POSTGRES_URL ? 2 : 1;
const TENANTS = ['q-alpha', 'q-bravo', 'q-charlie', 'q-delta', 'q-echo'];
const partnerOf = (tenantId: string) => ({ clientId: `${tenantId}-client`, clientSecret: `${tenantId}-secret-7d3e` });

describe('queue mode across processes', () => {
  if (!REDIS_URL) {
    it('needs PAX8_TEST_REDIS_URL (set by .ci/run)', () => expect(process.env.PAX8_TEST_REDIS_URL).toBeUndefined());
    return;
  }

  const queueName = `pax8-queue-test-${randomBytes(4).toString('hex')}`;
  const encryptionKey = randomBytes(32).toString('base64');
  let sandbox: SandboxHandle;
  let db: DataSourceOptions;
  let dropDb: () => Promise<void> = async () => undefined;
  let appA: INestApplication;
  let appB: INestApplication;
  let dataSource: DataSource;
  let intervalMs: number;
  const workers: ChildProcess[] = [];
  const messages: WorkerMessage[] = [];

  async function scratchDatabase(): Promise<DataSourceOptions> {
    const pgUrl = process.env.PAX8_TEST_POSTGRES_URL;
    if (pgUrl) {
      const name = `pax8_queue_${randomBytes(4).toString('hex')}`;
      const onAdmin = async (sql: string) => {
        const admin = await new DataSource({ type: 'postgres', url: pgUrl }).initialize();
        try {
          await admin.query(sql);
        } finally {
          await admin.destroy();
        }
      };
      await onAdmin(`CREATE DATABASE ${name}`);
      dropDb = () => onAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      const url = new URL(pgUrl);
      url.pathname = `/${name}`;
      return { type: 'postgres', url: url.toString() };
    }
    const dir = mkdtempSync(join(tmpdir(), 'pax8-queue-'));
    dropDb = async () => rmSync(dir, { recursive: true, force: true });
    // One file, several processes: WAL lets readers and the writer overlap; the busy timeout makes writers wait their turn.
    return { type: 'better-sqlite3', database: join(dir, 'shared.sqlite'), enableWAL: true, timeout: 30_000 };
  }

  function config(runWorker: boolean, runMigrations: boolean): QueueAppConfig {
    return { db, redisUrl: REDIS_URL!, queueName, apiBaseUrl: sandbox.apiBaseUrl, tokenUrl: sandbox.tokenUrl, encryptionKey, runWorker, runMigrations };
  }

  function startWorker(): Promise<ChildProcess> {
    const child = fork(join(__dirname, '../../helpers/queue-worker.ts'), [], {
      execArgv: ['-r', 'ts-node/register/transpile-only'],
      env: { ...process.env, PAX8_QUEUE_WORKER_CONFIG: JSON.stringify(config(true, false)) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    workers.push(child);
    child.on('message', (m: WorkerMessage) => messages.push(m));
    return new Promise((resolve, reject) => {
      child.on('message', (m: WorkerMessage) => m.type === 'ready' && resolve(child));
      child.once('exit', (code) => reject(new Error(`queue worker exited with ${code} before it was ready`)));
    });
  }

  async function waitFor(what: string, done: () => Promise<boolean> | boolean, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await done())) {
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  const runsSince = (since: Date) => dataSource.getRepository(SyncRun).find({ where: { startedAt: MoreThanOrEqual(since) } });

  /** Ticks three times (twice here, once on the second replica), then waits for one finished run per tenant. */
  async function round(now: Date): Promise<{ runs: SyncRun[]; ranBy: Map<string, number[]> }> {
    const since = new Date(Date.now() - 1000);
    const from = messages.length;
    const doneBefore = messages.filter((m) => m.type === 'sync-done').length;
    const first = await appA.get(SyncScheduler).tick(now);
    expect([...first].sort()).toEqual(TENANTS);
    await appA.get(SyncScheduler).tick(now);
    await appB.get(SyncScheduler).tick(now);
    // Even once the runs are over, adding the round's jobs again is a no-op: the job ids are taken.
    await waitFor('a run per tenant', async () => (await runsSince(since)).filter((r) => r.status !== 'running').length >= TENANTS.length);
    await appB.get(SyncQueueService).enqueue(TENANTS, now);
    await waitFor('the workers to report', () => messages.filter((m) => m.type === 'sync-done').length - doneBefore >= TENANTS.length, 10_000);
    await new Promise((r) => setTimeout(r, 1500)); // room for a stray duplicate to show up
    const ranBy = new Map<string, number[]>();
    for (const m of messages.slice(from)) {
      if (m.type === 'sync-start') ranBy.set(m.tenantId, [...(ranBy.get(m.tenantId) ?? []), m.pid]);
    }
    return { runs: await runsSince(since), ranBy };
  }

  function expectOnePerTenant(runs: SyncRun[]): void {
    expect(runs.map((r) => r.tenantId).sort()).toEqual(TENANTS);
    for (const run of runs) {
      expect(run).toMatchObject({ trigger: 'queue', kind: 'full', status: 'succeeded', error: null });
      expect(run.counts!.subscriptions.created + run.counts!.subscriptions.unchanged).toBeGreaterThan(0);
    }
  }

  beforeAll(async () => {
    sandbox = await startSandbox({
      partners: TENANTS.map((t, i) => ({ ...partnerOf(t), seed: 100 + i, size: { companies: 12, subscriptions: 150 } })),
      // A little latency so runs overlap and both workers get jobs.
      faults: { latencyMs: 15 },
    });
    db = await scratchDatabase();
    appA = await bootQueueApp(config(false, true));
    appB = await bootQueueApp(config(false, false));
    dataSource = appA.get(PAX8_DATA_SOURCE);
    intervalMs = appA.get<string, ResolvedPax8Options>(PAX8_OPTIONS).sync.intervalMinutes * 60_000;
    for (const t of TENANTS) await appA.get(ConnectionService).save(t, { id: 'queue-test' }, partnerOf(t) as SaveConnectionDto);
    await Promise.all(Array.from({ length: WORKERS }, () => startWorker()));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve) => {
            if (w.exitCode !== null) return resolve();
            const kill = setTimeout(() => w.kill('SIGKILL'), 10_000);
            w.once('exit', () => {
              clearTimeout(kill);
              resolve();
            });
            w.send({ type: 'close' });
          }),
      ),
    );
    const connection = new IORedis(REDIS_URL!, { maxRetriesPerRequest: null });
    const queue = new Queue(queueName, { connection });
    await queue.obliterate({ force: true });
    await queue.close();
    connection.disconnect();
    await appB?.close();
    await appA?.close();
    await sandbox?.close();
    await dropDb();
  }, 60_000);

  it(`syncs each tenant exactly once per round, on whichever of ${WORKERS} worker process(es) takes the job`, async () => {
    // A tenant never scheduled first gets a staggered slot inside the interval, so the first tick enqueues nothing.
    const t0 = Date.now();
    expect(await appA.get(SyncScheduler).tick(new Date(t0))).toEqual([]);

    const one = await round(new Date(t0 + intervalMs));
    expectOnePerTenant(one.runs);
    const pids = new Set([...one.ranBy.values()].flat());
    console.log(`round 1: ${[...one.ranBy].map(([t, p]) => `${t}→${p.join('+')}`).join(', ')} (workers ${workers.map((w) => w.pid).join(', ')})`);
    for (const t of TENANTS) expect(one.ranBy.get(t)).toHaveLength(1); // no duplicate job reached a worker
    for (const pid of pids) expect(workers.map((w) => w.pid)).toContain(pid);

    const connection = new IORedis(REDIS_URL!, { maxRetriesPerRequest: null });
    const queue = new Queue(queueName, { connection });
    try {
      const counts = await queue.getJobCounts('completed', 'failed', 'active', 'waiting', 'delayed');
      expect(counts).toMatchObject({ completed: TENANTS.length, failed: 0, active: 0, waiting: 0, delayed: 0 });
    } finally {
      await queue.close();
      connection.disconnect();
    }

    // Next round: every tenant is due again (its run moved nextSyncAt one interval ahead of real time).
    const two = await round(new Date(t0 + 2 * intervalMs));
    expectOnePerTenant(two.runs);
    const all = await dataSource.getRepository(SyncRun).find();
    for (const t of TENANTS) expect(all.filter((r) => r.tenantId === t && r.trigger === 'queue')).toHaveLength(2);
    console.log(`round 2: ${[...two.ranBy].map(([t, p]) => `${t}→${p.join('+')}`).join(', ')}`);
  }, 120_000);
});
