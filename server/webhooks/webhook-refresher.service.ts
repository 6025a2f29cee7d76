import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { DataSource, In, LessThan } from 'typeorm';
import { TenantRepository } from '../common/tenancy/tenant-repository';
import { TenantPax8ClientService } from '../connection/tenant-pax8-client.service';
import { Pax8CredentialsRejectedError, Pax8NotFoundError } from '../pax8-api';
import { PAX8_DATA_SOURCE, PAX8_OPTIONS } from '../pax8.constants';
import type { ResolvedPax8Options } from '../pax8-options';
import { SyncAlreadyRunningError } from '../sync/sync-errors';
import { SyncRunsService } from '../sync/sync-runs.service';
import { SyncService } from '../sync/sync.service';
import { CONNECTION_MESSAGES } from '../connection/credential-messages';
import { planRefresh } from './refresh-plan';
import { WebhookEvent } from './webhook-event.entity';
import { WebhookRegistration } from './webhook-registration.entity';

/** How long a refresh waits for a running sync (a full sync of a big tenant takes minutes). */
const BUSY_WAIT_MS = 15 * 60_000;
const BUSY_POLL_MS = 250;
/** Handled inbox rows are kept this long (dedupe window and diagnostics), then deleted. */
const KEEP_HANDLED_MS = 2 * 86_400_000;
const BATCH = 5000;
const STOPPING_ERRORS: string[] = [CONNECTION_MESSAGES.rejected, CONNECTION_MESSAGES.reauthorize];

export interface DrainReport {
  events: number;
  companies: number;
  runs: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Works through a tenant's inbox: events gathered for `webhooks.coalesceMs` become one per-company
 * refresh per affected company (the normal sync code, under the tenant's lease and the client's rate
 * limiter). A refresh waits while a full sync holds the lease, then runs, so a change delivered
 * during a full sync is never lost to a page read before it happened.
 */
@Injectable()
export class WebhookRefresher implements OnModuleDestroy {
  private readonly logger = new Logger('Pax8Webhooks');
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly firstEventAt = new Map<string, number>();
  private readonly running = new Map<string, Promise<DrainReport>>();
  private closing = false;

  constructor(
    @Inject(PAX8_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(PAX8_OPTIONS) private readonly options: ResolvedPax8Options,
    private readonly sync: SyncService,
    private readonly runs: SyncRunsService,
    private readonly pax8: TenantPax8ClientService,
  ) {}

  onModuleDestroy(): void {
    this.closing = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  /**
   * Refresh the tenant once deliveries pause for `coalesceMs` (each new one pushes the refresh back),
   * but never later than `maxCoalesceMs` after the first: a burst becomes one round.
   */
  schedule(tenantId: string): void {
    if (this.closing) return;
    const now = Date.now();
    const first = this.firstEventAt.get(tenantId) ?? now;
    this.firstEventAt.set(tenantId, first);
    clearTimeout(this.timers.get(tenantId));
    const { coalesceMs, maxCoalesceMs } = this.options.webhooks;
    const due = Math.min(now + coalesceMs, first + Math.max(coalesceMs, maxCoalesceMs));
    const timer = setTimeout(() => {
      this.timers.delete(tenantId);
      this.firstEventAt.delete(tenantId);
      this.drain(tenantId).catch((err) => this.logger.error(`Webhook refresh of tenant ${tenantId} failed: ${(err as Error).message}`));
    }, Math.max(0, due - now));
    timer.unref?.();
    this.timers.set(tenantId, timer);
  }

  /** Resolves once nothing is scheduled or running (tests and the bench). */
  async idle(): Promise<void> {
    while (this.timers.size || this.running.size) {
      await Promise.allSettled([...this.running.values()]);
      await sleep(20);
    }
  }

  /** Processes every pending event of the tenant now. */
  drain(tenantId: string): Promise<DrainReport> {
    // One round at a time per tenant in this process: a new round queues behind the running one.
    const previous = this.running.get(tenantId) ?? Promise.resolve(undefined);
    const run: Promise<DrainReport> = previous
      .catch(() => undefined)
      .then(() => this.drainOnce(tenantId))
      .finally(() => {
        if (this.running.get(tenantId) === run) this.running.delete(tenantId);
      });
    this.running.set(tenantId, run);
    return run;
  }

  /** Everything pending now; events that arrive meanwhile have their own scheduled round. */
  private async drainOnce(tenantId: string): Promise<DrainReport> {
    const report: DrainReport = { events: 0, companies: 0, runs: [] };
    const events = new TenantRepository(this.dataSource, WebhookEvent, tenantId);
    for (;;) {
      const batch = await events.find({ status: 'pending' }, { order: { receivedAt: 'ASC' }, take: BATCH });
      if (!batch.length) break;
      const plan = planRefresh(batch);
      for (const subscriptionId of plan.unresolvedSubscriptions) {
        const companyId = await this.companyOf(tenantId, subscriptionId);
        if (companyId && !plan.companies.has(companyId)) plan.companies.set(companyId, { refreshCompany: false });
      }
      for (const [companyId, what] of plan.companies) {
        const known = await this.runs.companyExists(tenantId, companyId);
        const runId = await this.refreshCompany(tenantId, companyId, what.refreshCompany || !known);
        if (runId === null) return report; // not possible now (credentials, busy too long): events stay pending
        report.runs.push(runId);
      }
      await events.update({ id: In(batch.map((e) => e.id)) }, { status: 'done', processedAt: new Date() });
      // Kept here rather than per delivery, so the receiver stays one insert per event.
      const newest = batch.reduce((a, e) => (new Date(e.receivedAt) > a ? new Date(e.receivedAt) : a), new Date(0));
      await new TenantRepository(this.dataSource, WebhookRegistration, tenantId).update({}, { lastDeliveryAt: newest });
      report.events += batch.length;
      report.companies += plan.companies.size;
      if (batch.length < BATCH) break;
    }
    await events.delete({ status: In(['done', 'ignored']), receivedAt: LessThan(new Date(Date.now() - KEEP_HANDLED_MS)) });
    return report;
  }

  /** A subscription's company: from our rows, else one GET (a brand-new subscription). */
  private async companyOf(tenantId: string, subscriptionId: string): Promise<string | null> {
    const known = await this.runs.companyOfSubscription(tenantId, subscriptionId);
    if (known) return known;
    try {
      const sub = await (await this.pax8.forTenant(tenantId)).subscriptions.get(subscriptionId);
      return sub.companyId ?? null;
    } catch (err) {
      if (err instanceof Pax8NotFoundError) return null;
      throw err;
    }
  }

  /** One per-company refresh; waits while another run holds the tenant. Null: could not run now. */
  private async refreshCompany(tenantId: string, pax8CompanyId: string, refreshCompany: boolean): Promise<string | null> {
    const deadline = Date.now() + BUSY_WAIT_MS;
    while (!this.closing) {
      try {
        const { run, done } = await this.sync.start(tenantId, { kind: 'company', trigger: 'webhook', pax8CompanyId, refreshCompany });
        const finished = await done;
        // Rejected credentials or an ended consent: stop here; the events wait for the reconnect or the full sync.
        if (finished.status === 'failed' && STOPPING_ERRORS.includes(finished.error ?? '')) return null;
        return run.id;
      } catch (err) {
        if (err instanceof Pax8CredentialsRejectedError) return null;
        if (!(err instanceof SyncAlreadyRunningError) || Date.now() > deadline) {
          if (err instanceof SyncAlreadyRunningError) this.logger.warn(`Tenant ${tenantId} stayed busy; webhook events wait for the next delivery or full sync`);
          else throw err;
          return null;
        }
        await sleep(BUSY_POLL_MS);
      }
    }
    return null;
  }
}
