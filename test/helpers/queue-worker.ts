/**
 * Queue mode across processes. `bootQueueApp(config)` starts the plugin in queue mode (the test process
 * uses it with runWorker false, to enqueue); run as a script (forked with ts-node by
 * test/integration/queue/queue-mode.spec.ts) it boots a replica with a BullMQ worker, reads its config
 * from PAX8_QUEUE_WORKER_CONFIG (JSON), and reports over IPC (and on stdout) which tenant it synced:
 *   worker → { type: 'ready', pid }
 *   worker → { type: 'sync-start' | 'sync-done', pid, tenantId, runId?, status? }
 *   parent → { type: 'close' }    the worker closes the app (and its BullMQ worker) and exits
 */
import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { DataSourceOptions } from 'typeorm';
import { Pax8Module } from '../../server';
import { HeadlessHostPortsModule } from './headless-host';
import { SyncService, type StartSyncRequest } from '../../server/sync/sync.service';

export interface QueueAppConfig {
  db: DataSourceOptions;
  redisUrl: string;
  queueName: string;
  apiBaseUrl: string;
  tokenUrl: string;
  /** base64 32-byte key shared by every process, so workers can open the credentials the test saved. */
  encryptionKey: string;
  runWorker: boolean;
  runMigrations: boolean;
  maxConcurrentTenants?: number;
}

export type WorkerMessage =
  | { type: 'ready'; pid: number }
  | { type: 'sync-start'; pid: number; tenantId: string }
  | { type: 'sync-done'; pid: number; tenantId: string; runId: string | null; status: string };


export async function bootQueueApp(c: QueueAppConfig): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      Pax8Module.forRoot({
        encryption: { currentKeyId: 'q', keys: { q: c.encryptionKey } },
        api: { apiBaseUrl: c.apiBaseUrl, tokenUrl: c.tokenUrl, timeoutMs: 10_000 },
        // No scheduler timer: the test drives rounds with SyncScheduler.tick(now).
        sync: { enabled: false, mode: 'queue', redisUrl: c.redisUrl, queueName: c.queueName, runWorker: c.runWorker, maxConcurrentTenants: c.maxConcurrentTenants ?? 2 },
        ownDataSource: c.db,
        runMigrations: c.runMigrations,
        imports: [HeadlessHostPortsModule],
      }),
    ],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: ['error', 'warn'] });
  await app.init();
  return app;
}

async function workerMain(): Promise<void> {
  const config = JSON.parse(process.env.PAX8_QUEUE_WORKER_CONFIG ?? '') as QueueAppConfig;
  const report = (m: WorkerMessage) => {
    if (m.type !== 'ready') process.stdout.write(`queue-worker ${m.pid} ${m.type} ${m.tenantId}${m.type === 'sync-done' ? ` ${m.status}` : ''}\n`);
    process.send?.(m);
  };
  // Record which process ran which tenant: SyncQueueService's job handler calls runAndWait.
  const original = SyncService.prototype.runAndWait;
  SyncService.prototype.runAndWait = async function (this: SyncService, tenantId: string, request: StartSyncRequest) {
    report({ type: 'sync-start', pid: process.pid, tenantId });
    const run = await original.call(this, tenantId, request);
    report({ type: 'sync-done', pid: process.pid, tenantId, runId: run?.id ?? null, status: run?.status ?? 'skipped' });
    return run;
  };
  const app = await bootQueueApp({ ...config, runWorker: true, runMigrations: false });
  let closing = false;
  const close = async () => {
    if (closing) return;
    closing = true;
    await app.close().catch((err) => console.error(`queue-worker ${process.pid}: close failed: ${err.message}`));
    process.exit(0);
  };
  process.on('message', (m: { type?: string }) => {
    if (m?.type === 'close') void close();
  });
  process.on('disconnect', () => void close());
  report({ type: 'ready', pid: process.pid });
}

if (require.main === module) {
  workerMain().catch((err) => {
    console.error(`queue-worker ${process.pid} failed to start:`, err);
    process.exit(1);
  });
}
