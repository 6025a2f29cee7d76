import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { newId } from '../common/orm/tenant-entity';
import { runInTransaction } from '../common/orm/transaction';
import { TenantRepository } from '../common/tenancy/tenant-repository';
import { CONNECTION_MESSAGES } from '../connection/credential-messages';
import { Pax8Integration } from '../connection/pax8-integration.entity';
import { TenantPax8ClientService } from '../connection/tenant-pax8-client.service';
import { Pax8CredentialsRejectedError, type Pax8Client, type Pax8Page } from '../pax8-api';
import { PAX8_DATA_SOURCE, PAX8_OPTIONS } from '../pax8.constants';
import type { ResolvedPax8Options } from '../pax8-options';
import { AutoMapHook, PAX8_AUTO_MAP_HOOK } from './auto-map.hook';
import { Pax8Company } from './entities/pax8-company.entity';
import { Pax8Subscription } from './entities/pax8-subscription.entity';
import { SyncCounts, SyncRun, SyncRunKind, SyncTrigger } from './entities/sync-run.entity';
import { verifiedPage } from './page-verifier';
import { ProductCache } from './product-cache';
import { emptyCounts, markVanished, upsertPage } from './records/batch-upsert';
import { isTerminalCompanyStatus, toCompanyRecord } from './records/company-record';
import { isTerminalSubscriptionStatus, toSubscriptionRecord } from './records/subscription-record';
import { IncompletePullError, LeaseLostError, SyncAlreadyRunningError } from './sync-errors';
import { SyncLeaseService } from './sync-lease.service';

export interface StartSyncRequest {
  kind: SyncRunKind;
  trigger: SyncTrigger;
  startedBy?: string | null;
  /** For kind 'company': the Pax8 company id. */
  pax8CompanyId?: string;
}

interface RunContext {
  run: SyncRun;
  client: Pax8Client;
  /** The client's request counter when the run began (the counter is shared by the credential set). */
  callsAtStart: number;
  counts: SyncCounts;
  leaseLost: boolean;
  products: ProductCache;
}

/**
 * Pulls companies and subscriptions from Pax8 into the tenant's tables. A one-way pull: it never
 * changes Pax8. Each page is verified against Pax8's totals and written in one transaction; rows are
 * marked removed only after a complete pull.
 */
@Injectable()
export class SyncService {
  private readonly logger = new Logger('Pax8Sync');

  constructor(
    @Inject(PAX8_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(PAX8_OPTIONS) private readonly options: ResolvedPax8Options,
    private readonly leases: SyncLeaseService,
    private readonly pax8: TenantPax8ClientService,
    @Optional() @Inject(PAX8_AUTO_MAP_HOOK) private readonly autoMap?: AutoMapHook,
  ) {}

  private get leaseMs(): number {
    return this.options.sync.leaseSeconds * 1000;
  }

  /**
   * Takes the tenant's lease and starts the run in the background; `done` settles when it ends.
   * Throws SyncAlreadyRunningError (→ 409) when any process is syncing the tenant.
   */
  async start(tenantId: string, request: StartSyncRequest): Promise<{ run: SyncRun; done: Promise<SyncRun> }> {
    const runId = newId();
    if (!(await this.leases.acquire(tenantId, runId, this.leaseMs))) {
      throw new SyncAlreadyRunningError((await this.leases.current(tenantId))?.runId ?? null);
    }
    let run: SyncRun;
    try {
      const runs = new TenantRepository(this.dataSource, SyncRun, tenantId);
      // Holding the lease means no other run is alive: any run still marked running was cut off
      // (its process stopped and its lease expired), so say so instead of showing it running forever.
      await runs.update({ status: 'running' }, { status: 'failed', finishedAt: new Date(), phase: 'done', error: 'Interrupted: the process running this sync stopped before it finished.' });
      run = await runs.save(
        runs.create({
          id: runId,
          kind: request.kind,
          trigger: request.trigger,
          status: 'running',
          pax8CompanyId: request.pax8CompanyId ?? null,
          startedBy: request.startedBy ?? null,
          startedAt: new Date(),
          phase: 'starting',
          pagesDone: 0,
          pagesTotal: 0,
          counts: { companies: emptyCounts(), subscriptions: emptyCounts(), productsFetched: 0, apiCalls: 0 },
        }),
      );
    } catch (err) {
      await this.leases.release(tenantId, runId);
      throw err;
    }
    const done = this.execute(run).finally(() => this.leases.release(tenantId, runId));
    return { run, done };
  }

  /** Runs and waits (scheduler and queue workers). Null when another run holds the tenant. */
  async runAndWait(tenantId: string, request: StartSyncRequest): Promise<SyncRun | null> {
    try {
      return await (await this.start(tenantId, request)).done;
    } catch (err) {
      if (err instanceof SyncAlreadyRunningError) return null;
      throw err;
    }
  }

  private async execute(run: SyncRun): Promise<SyncRun> {
    const tenantId = run.tenantId;
    const ctx = { run, counts: run.counts!, leaseLost: false } as RunContext;
    const heartbeat = setInterval(() => {
      this.leases.renew(tenantId, run.id, this.leaseMs).then(
        (ok) => (ctx.leaseLost ||= !ok),
        () => undefined,
      );
    }, Math.max(1000, this.leaseMs / 3));
    try {
      ctx.client = await this.pax8.forTenant(tenantId);
      ctx.callsAtStart = ctx.client.apiCalls;
      ctx.products = new ProductCache(this.dataSource, tenantId, ctx.client, this.options.sync.productCacheHours * 3_600_000);
      await ctx.products.load();
      if (run.kind === 'full') {
        await this.pullCompanies(ctx);
        await this.pullSubscriptions(ctx, {});
        await this.runAutoMap(ctx);
      } else {
        await this.pullSubscriptions(ctx, { companyId: run.pax8CompanyId! });
      }
      return await this.finish(ctx, null);
    } catch (err) {
      return await this.finish(ctx, err as Error);
    } finally {
      clearInterval(heartbeat);
    }
  }

  private async pullCompanies(ctx: RunContext): Promise<void> {
    const seen = new Set<string>();
    const expectedTotal = await this.pullPages(
      ctx,
      'companies',
      (n) => ctx.client.companies.page({}, n),
      async (page) => {
        const records = page.items.map(toCompanyRecord);
        records.forEach((r) => seen.add(r.pax8Id));
        await runInTransaction(this.dataSource, (m) => upsertPage(m, Pax8Company as never, ctx.run.tenantId, records, isTerminalCompanyStatus, ctx.counts.companies));
      },
    );
    this.assertComplete('companies', seen.size, expectedTotal);
    await runInTransaction(this.dataSource, (m) => markVanished(m, Pax8Company as never, ctx.run.tenantId, seen, ctx.counts.companies));
  }

  private async pullSubscriptions(ctx: RunContext, query: { companyId?: string }): Promise<void> {
    const seen = new Set<string>();
    const expectedTotal = await this.pullPages(
      ctx,
      'subscriptions',
      (n) => ctx.client.subscriptions.page(query, n),
      async (page) => {
        const products = await ctx.products.resolve(page.items.map((s) => s.productId).filter((id): id is string => !!id));
        ctx.counts.productsFetched = ctx.products.fetchedCount;
        const records = page.items.map((s) => toSubscriptionRecord(s, s.productId ? products.get(s.productId) : undefined));
        records.forEach((r) => seen.add(r.pax8Id));
        this.assertLease(ctx);
        await runInTransaction(this.dataSource, (m) => upsertPage(m, Pax8Subscription as never, ctx.run.tenantId, records, isTerminalSubscriptionStatus, ctx.counts.subscriptions));
      },
    );
    this.assertComplete('subscriptions', seen.size, expectedTotal);
    const scope: Record<string, string> = query.companyId ? { pax8CompanyId: query.companyId } : {};
    await runInTransaction(this.dataSource, (m) => markVanished(m, Pax8Subscription as never, ctx.run.tenantId, seen, ctx.counts.subscriptions, scope));
  }

  /**
   * Walks pages 0..totalPages-1, verifying each against Pax8's totals (a short page is fetched again;
   * one that stays short throws, so nothing is marked removed from a partial list). Returns the
   * totalElements Pax8 reported, for the caller to compare with the distinct ids it received.
   */
  private async pullPages<T>(
    ctx: RunContext,
    phase: string,
    fetchPage: (n: number) => Promise<Pax8Page<T>>,
    write: (page: Pax8Page<T>) => Promise<void>,
  ): Promise<number> {
    let received = 0;
    let expectedTotal = 0;
    let prefetched: Promise<Pax8Page<T>> | undefined;
    for (let n = 0; ; n++) {
      this.assertLease(ctx);
      const first = await (prefetched ?? fetchPage(n));
      const { page, complete } = await verifiedPage(first, first.page.size || this.options.api.pageSize, fetchPage);
      if (!complete) throw new IncompletePullError(phase, received + page.items.length, page.page.totalElements);
      if (n === 0) expectedTotal = page.page.totalElements;
      received += page.items.length;
      const last = page.page.totalPages === 0 || n >= page.page.totalPages - 1;
      // Ask for the next page while this one is written, so network and database time overlap
      // (the client's rate limiter still paces the requests). One page ahead at most.
      prefetched = last ? undefined : fetchPage(n + 1);
      prefetched?.catch(() => undefined); // if the write below fails, this page's error is not "unhandled"
      await write(page);
      await this.progress(ctx, phase, n + 1, page.page.totalPages);
      if (last) break;
    }
    return expectedTotal;
  }

  /**
   * Distinct ids against Pax8's total: data that shifts while we page can repeat one item and skip
   * another, which a page count alone would not notice.
   */
  private assertComplete(phase: string, distinct: number, expectedTotal: number): void {
    if (distinct < expectedTotal) throw new IncompletePullError(phase, distinct, expectedTotal);
  }

  private assertLease(ctx: RunContext): void {
    if (ctx.leaseLost) throw new LeaseLostError();
  }

  private async progress(ctx: RunContext, phase: string, pagesDone: number, pagesTotal: number): Promise<void> {
    Object.assign(ctx.run, { phase, pagesDone, pagesTotal });
    this.countCalls(ctx);
    await this.dataSource.getRepository(SyncRun).update({ id: ctx.run.id, tenantId: ctx.run.tenantId }, { phase, pagesDone, pagesTotal, counts: ctx.counts });
  }

  private async runAutoMap(ctx: RunContext): Promise<void> {
    const integration = await new TenantRepository(this.dataSource, Pax8Integration, ctx.run.tenantId).findOne({});
    if (!integration?.autoMapEnabled || !this.autoMap) return;
    await this.progress(ctx, 'auto-map', 0, 0);
    const report = await this.autoMap.autoMapTenant(ctx.run.tenantId);
    (ctx.counts as SyncCounts & { autoMap?: unknown }).autoMap = report;
  }

  /** API requests (retries included) the run made, from the client's own counter. */
  private countCalls(ctx: RunContext): void {
    if (ctx.client) ctx.counts.apiCalls = ctx.client.apiCalls - ctx.callsAtStart;
  }

  private async finish(ctx: RunContext, error: Error | null): Promise<SyncRun> {
    const { run } = ctx;
    this.countCalls(ctx);
    const now = new Date();
    const rejected = error instanceof Pax8CredentialsRejectedError;
    const message = !error ? null : rejected ? CONNECTION_MESSAGES.rejected : `Sync failed: ${error.message}`;
    if (error) this.logger.warn(`Sync ${run.id} of tenant ${run.tenantId} failed: ${error.message}`);
    if (rejected) await this.pax8.recordCredentialOutcome(run.tenantId, 'rejected');

    Object.assign(run, { status: error ? 'failed' : 'succeeded', finishedAt: now, phase: 'done', error: message, counts: ctx.counts });
    await this.dataSource.getRepository(SyncRun).update({ id: run.id, tenantId: run.tenantId }, { status: run.status, finishedAt: now, phase: 'done', error: message, counts: ctx.counts });
    if (run.kind !== 'full') return run; // a per-company refresh does not move the schedule or the status
    const integrationUpdate: Partial<Pax8Integration> = {
      lastSyncAt: now,
      lastSyncRunId: run.id,
      lastSyncStatus: run.status,
      nextSyncAt: new Date(now.getTime() + this.options.sync.intervalMinutes * 60_000),
    };
    if (error) Object.assign(integrationUpdate, { lastError: message, lastErrorAt: now });
    else Object.assign(integrationUpdate, { lastError: null, lastErrorAt: null, credentialState: 'valid', credentialsCheckedAt: now });
    await new TenantRepository(this.dataSource, Pax8Integration, run.tenantId).update({}, integrationUpdate as never);
    return run;
  }
}
