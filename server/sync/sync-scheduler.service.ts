import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import { Brackets, DataSource } from 'typeorm';
import { Pax8Integration } from '../connection/pax8-integration.entity';
import { LicensePort, PAX8_LICENSE, PAX8_LICENSE_FEATURE } from '../host/license.port';
import { PAX8_TENANT_DIRECTORY, TenantDirectoryPort } from '../host/tenant-directory.port';
import { PAX8_DATA_SOURCE, PAX8_OPTIONS } from '../pax8.constants';
import type { ResolvedPax8Options } from '../pax8-options';
import { withConcurrency } from '../common/concurrency';
import { staggerOffsetMs } from './due-tenants';
import { SyncQueueService } from './sync-queue.service';
import { SyncService } from './sync.service';

export const SCHEDULER_TICK_MS = 60_000;

/**
 * Every minute, finds tenants whose next sync is due: active integration, credentials not known to
 * be rejected, feature licensed (asked now, so a plan change needs no restart). In-process mode runs
 * them here, at most `maxConcurrentTenants` at once; queue mode enqueues one deduplicated job each.
 */
@Injectable()
export class SyncScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Pax8SyncScheduler');
  private ticking = false;
  // A plain timer rather than @nestjs/schedule: nothing the host's own scheduler could clash with.
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(PAX8_OPTIONS) private readonly options: ResolvedPax8Options,
    @Inject(PAX8_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(PAX8_LICENSE) private readonly license: LicensePort,
    private readonly sync: SyncService,
    private readonly queue: SyncQueueService,
    @Optional() @Inject(PAX8_TENANT_DIRECTORY) private readonly tenants?: TenantDirectoryPort,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.options.sync.enabled) return;
    this.timer = setInterval(() => void this.tick().catch((err) => this.logger.error(`Scheduler tick failed: ${err.message}`)), SCHEDULER_TICK_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One scheduling round; returns the tenants it started or enqueued. Public for tests and host CLIs. */
  async tick(now = new Date()): Promise<string[]> {
    if (this.ticking) return [];
    this.ticking = true;
    try {
      const due = await this.dueTenants(now);
      if (this.options.sync.mode === 'queue') {
        await this.queue.enqueue(due, now);
      } else {
        await withConcurrency(due, this.options.sync.maxConcurrentTenants, async (tenantId) => {
          try {
            await this.sync.runAndWait(tenantId, { kind: 'full', trigger: 'schedule' });
          } catch (err) {
            this.logger.error(`Scheduled sync of tenant ${tenantId} could not start: ${(err as Error).message}`);
          }
        });
      }
      return due;
    } finally {
      this.ticking = false;
    }
  }

  /** Tenants to sync now. A tenant never scheduled gets a staggered first slot instead of starting at once. */
  async dueTenants(now: Date): Promise<string[]> {
    const repo = this.dataSource.getRepository(Pax8Integration);
    const candidates = await repo
      .createQueryBuilder('i')
      .select(['i.id', 'i.tenantId', 'i.nextSyncAt'])
      .where('i.status = :active', { active: 'active' })
      .andWhere('i.credentialState NOT IN (:...paused)', { paused: ['rejected', 'unreadable'] })
      .andWhere(new Brackets((q) => q.where('i.nextSyncAt IS NULL').orWhere('i.nextSyncAt <= :now', { now })))
      .getMany();
    const intervalMs = this.options.sync.intervalMinutes * 60_000;
    const due: string[] = [];
    for (const row of candidates) {
      if (!row.nextSyncAt) {
        const first = new Date(now.getTime() + staggerOffsetMs(row.tenantId, intervalMs));
        await repo.update({ id: row.id, tenantId: row.tenantId }, { nextSyncAt: first });
        continue;
      }
      if (this.tenants && !(await this.tenants.tenantExists(row.tenantId))) continue;
      if (!(await this.license.isEnabled(row.tenantId, PAX8_LICENSE_FEATURE))) continue;
      due.push(row.tenantId);
    }
    return due;
  }
}
