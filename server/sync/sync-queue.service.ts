import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Job, Queue, Worker } from 'bullmq';
import type IORedis from 'ioredis';
import { DataSource } from 'typeorm';
import { PAX8_DATA_SOURCE, PAX8_OPTIONS } from '../pax8.constants';
import { isSqlite } from '../common/orm/dialect';
import { Pax8OptionsError } from '../pax8-options.validation';
import type { ResolvedPax8Options } from '../pax8-options';
import { SyncService } from './sync.service';

interface SyncJobData {
  tenantId: string;
}

/** bullmq and ioredis are optional peers: loaded only in queue mode, so in-process hosts need neither. */
function loadQueuePackages(): { Queue: typeof Queue; Worker: typeof Worker; IORedis: typeof IORedis } {
  try {
    const { Queue, Worker } = require('bullmq') as typeof import('bullmq');
    const ioredis = require('ioredis') as { default?: typeof IORedis } & typeof IORedis;
    return { Queue, Worker, IORedis: ioredis.default ?? ioredis };
  } catch (err) {
    throw new Pax8OptionsError([`sync.mode: "queue" needs the bullmq and ioredis packages installed in the host (${(err as Error).message.split('\n')[0]})`]);
  }
}

/**
 * Queue mode (sync.mode = 'queue'), for hosts with several replicas: schedulers enqueue one job per
 * due tenant per round, with a job id that deduplicates across replicas; workers on any replica run
 * them. The database lease still guards each tenant, so even a duplicate job cannot double a sync.
 */
@Injectable()
export class SyncQueueService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Pax8SyncQueue');
  private queue?: Queue<SyncJobData>;
  private worker?: Worker<SyncJobData>;
  private connections: IORedis[] = [];

  constructor(
    @Inject(PAX8_OPTIONS) private readonly options: ResolvedPax8Options,
    @Inject(PAX8_DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly sync: SyncService,
  ) {}

  private get enabled(): boolean {
    return this.options.sync.mode === 'queue';
  }

  onApplicationBootstrap(): void {
    if (!this.enabled) return;
    if (isSqlite(this.dataSource)) {
      // The host's own DataSource is only known now (ownDataSource is checked with the options).
      throw new Pax8OptionsError(['sync.mode: "queue" needs a database several processes can write to (PostgreSQL or MySQL/MariaDB), not SQLite']);
    }
    const { Queue, Worker, IORedis } = loadQueuePackages();
    const url = this.options.sync.redisUrl!;
    const queueConnection = new IORedis(url, { maxRetriesPerRequest: 3 });
    this.connections.push(queueConnection);
    this.queue = new Queue<SyncJobData>(this.options.sync.queueName, { connection: queueConnection });
    if (this.options.sync.runWorker) {
      const workerConnection = new IORedis(url, { maxRetriesPerRequest: null });
      this.connections.push(workerConnection);
      this.worker = new Worker<SyncJobData>(this.options.sync.queueName, (job) => this.process(job), {
        connection: workerConnection,
        concurrency: this.options.sync.maxConcurrentTenants,
      });
      this.worker.on('failed', (job, err) => this.logger.error(`Sync job ${job?.id} failed: ${err.message}`));
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
    await this.queue?.close();
    for (const c of this.connections) c.disconnect();
  }

  /** One job per tenant and scheduling round; a second replica's add with the same id is a no-op. */
  async enqueue(tenantIds: string[], now: Date): Promise<void> {
    if (!this.queue || !tenantIds.length) return;
    const intervalMs = this.options.sync.intervalMinutes * 60_000;
    const round = Math.floor(now.getTime() / intervalMs);
    const keepSeconds = Math.ceil((intervalMs * 2) / 1000);
    await this.queue.addBulk(
      tenantIds.map((tenantId) => ({
        name: 'sync',
        data: { tenantId },
        opts: { jobId: SyncQueueService.jobId(tenantId, round), removeOnComplete: { age: keepSeconds }, removeOnFail: { age: keepSeconds } },
      })),
    );
  }

  static jobId(tenantId: string, round: number): string {
    return `sync-${encodeURIComponent(tenantId).replace(/[:%]/g, '_')}-${round}`;
  }

  private async process(job: Job<SyncJobData>): Promise<{ runId: string | null; status: string }> {
    const run = await this.sync.runAndWait(job.data.tenantId, { kind: 'full', trigger: 'queue' });
    return run ? { runId: run.id, status: run.status } : { runId: null, status: 'skipped: another run holds the tenant' };
  }
}
