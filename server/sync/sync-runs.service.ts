import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TenantRepository } from '../common/tenancy/tenant-repository';
import { PAX8_DATA_SOURCE } from '../pax8.constants';
import { Pax8Company } from './entities/pax8-company.entity';
import { Pax8Subscription } from './entities/pax8-subscription.entity';
import { SyncRun } from './entities/sync-run.entity';

/** Reads sync runs for routes and the status card. */
@Injectable()
export class SyncRunsService {
  constructor(@Inject(PAX8_DATA_SOURCE) private readonly dataSource: DataSource) {}

  get(tenantId: string, runId: string): Promise<SyncRun | null> {
    return new TenantRepository(this.dataSource, SyncRun, tenantId).findOne({ id: runId });
  }

  recent(tenantId: string, limit: number): Promise<SyncRun[]> {
    return new TenantRepository(this.dataSource, SyncRun, tenantId).find({}, { order: { startedAt: 'DESC' }, take: limit });
  }

  /** The newest finished full sync (webhook status reports what it found that webhooks had not). */
  async lastFinishedFull(tenantId: string): Promise<SyncRun | null> {
    const [run] = await new TenantRepository(this.dataSource, SyncRun, tenantId).find({ kind: 'full', status: 'succeeded' }, { order: { startedAt: 'DESC' }, take: 1 });
    return run ?? null;
  }

  /** The company of a synced subscription, or null when it is not synced yet. */
  async companyOfSubscription(tenantId: string, pax8SubscriptionId: string): Promise<string | null> {
    const row = await new TenantRepository(this.dataSource, Pax8Subscription, tenantId).findOne({ pax8Id: pax8SubscriptionId });
    return row?.pax8CompanyId ?? null;
  }

  async companyExists(tenantId: string, pax8CompanyId: string): Promise<boolean> {
    return (await new TenantRepository(this.dataSource, Pax8Company, tenantId).count({ pax8Id: pax8CompanyId })) > 0;
  }

  static describe(run: SyncRun) {
    return {
      id: run.id,
      kind: run.kind,
      trigger: run.trigger,
      status: run.status,
      pax8CompanyId: run.pax8CompanyId,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      progress: { phase: run.phase, pagesDone: run.pagesDone, pagesTotal: run.pagesTotal },
      counts: run.counts,
      error: run.error,
      progressUrl: `sync/runs/${run.id}`,
    };
  }
}
