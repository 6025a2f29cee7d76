import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { newId } from '../common/orm/tenant-entity';
import { runInTransaction } from '../common/orm/transaction';
import { TenantRepository } from '../common/tenancy/tenant-repository';
import { CONNECTION_MESSAGES } from '../connection/credential-messages';
import { Pax8Integration } from '../connection/pax8-integration.entity';
import { Pax8NotConnectedError, TenantPax8ClientService } from '../connection/tenant-pax8-client.service';
import { CredentialsUnreadableError } from '../connection/credentials.service';
import { Pax8CredentialsRejectedError, Pax8NotFoundError, Pax8ReauthorizationRequiredError, type Company, type Pax8Client, type Pax8Page, type Subscription } from '../pax8-api';
import { withConcurrency } from '../common/concurrency';
import { isSqlite } from '../common/orm/dialect';
import { SqliteWriter } from '../common/orm/sqlite-writer';
import { holdWalCheckpoints, WalCheckpointHold } from '../common/orm/wal-checkpointer';
import { PAX8_DATA_SOURCE, PAX8_OPTIONS } from '../pax8.constants';
import type { ResolvedPax8Options } from '../pax8-options';
import { ANALYZE_AFTER_ROWS, analyzeTables } from './analyze-tables';
import { AutoMapHook, PAX8_AUTO_MAP_HOOK } from './auto-map.hook';
import { Pax8Company } from './entities/pax8-company.entity';
import { Pax8Subscription } from './entities/pax8-subscription.entity';
import { EntityCounts, SyncCounts, SyncRun, SyncRunKind, SyncTrigger } from './entities/sync-run.entity';
import { verifiedPage } from './page-verifier';
import { ProductCache } from './product-cache';
import { emptyCounts, findVanished, markRemoved, upsertPage } from './records/batch-upsert';
import { ColumnFit, SyncWarning } from './records/column-fit';
import { isTerminalCompanyStatus, toCompanyRecord } from './records/company-record';
import { toSubscriptionRecord } from './records/subscription-record';
import { isEndedSubscriptionStatus } from './records/subscription-status';
import { IncompletePullError, LeaseLostError, SyncAlreadyRunningError, SyncNotPossibleError } from './sync-errors';
import { SyncLeaseService } from './sync-lease.service';
import { PAX8_SYNC_OBSERVER, SyncObserver } from './sync-observer';
import { PageWriter, WriteQueue } from './page-writer';
import { progressCadence } from './progress-cadence';
import { SeenIds } from './seen-ids';

/** Warnings kept on a run (all are counted in `warningsTotal` and logged). */
const MAX_WARNINGS = 200;
/**
 * How the pull queues pages for the writer: items waiting to be written at most (the queue's bound), and
 * the items one write waits for (the last write takes what is left).
 * - A first pull on SQLite inserts every row, on this thread, and each commit costs most there (WAL pages and
 *   checkpoints): 6 and 3 pages of 200. (2,000 → 1,200 queued took the 40,000-subscription bench's peak heap
 *   from 187 to 126–162 MB; 2 and 1 pages made a cold 200,000 sync 23 % slower.)
 * - A first pull on PostgreSQL and MariaDB: `sync.firstPullWriters` writes at once (default 2), each on its own
 *   connection, of a page or so each, with one page queued. One server process inserts on one core; a second
 *   write took the 40,000-subscription bench's cold plugin time down by a fifth, and at Pax8's limit the pull's
 *   last window waits for the writes. Small writes: pages queued behind a write over the network outlive V8's
 *   young generation and pile up in the old one (2,000 queued items made a 200,000-subscription sync peak at
 *   239 MB of heap on PostgreSQL, small writes 89 MB).
 * - A later pull, on any database: one write at a time, 2 pages and 1. It mostly compares hashes and writes little.
 * - Only a first pull on SQLite fetches the next pages while a write runs (`refillWhileWriting`): its writer is the
 *   bottleneck, and it idled while the fetch loop refilled an empty queue (10,000 / 200,000 at Pax8's limit: the
 *   last window's pages are written at about 40 a second, so each idle fetch lengthened the tail).
 */
export function writeQueueFor(dataSource: DataSource, firstPull: boolean, firstPullWriters = 2): Required<WriteQueue> {
  if (!firstPull) return { maxQueuedItems: 400, minBatchItems: 200, concurrency: 1, refillWhileWriting: false };
  return isSqlite(dataSource)
    ? { maxQueuedItems: 1200, minBatchItems: 600, concurrency: 1, refillWhileWriting: true }
    : { maxQueuedItems: 200, minBatchItems: 200, concurrency: firstPullWriters, refillWhileWriting: false };
}
/** First retry after a failed scheduled (or manual) full sync; doubles with each failure in a row. */
const RETRY_BASE_MS = 5 * 60_000;

export interface StartSyncRequest {
  kind: SyncRunKind;
  trigger: SyncTrigger;
  startedBy?: string | null;
  /** For kind 'company': the Pax8 company id. */
  pax8CompanyId?: string;
  /** For kind 'company': also re-read the company itself (a webhook said it changed, or it is new here). */
  refreshCompany?: boolean;
}

/** More work for a page's transaction (the run's progress). */
type AlsoInTransaction = (manager: EntityManager) => Promise<void>;
/** Settles once the writes that started before this one have ended (see PageWriter). */
type EarlierWrites = () => Promise<void>;

interface RunContext {
  run: SyncRun;
  client: Pax8Client;
  /** The client's request counter when the run began (the counter is shared by the credential set). */
  callsAtStart: number;
  counts: SyncCounts;
  leaseLost: boolean;
  products: ProductCache;
  /** A full pull's SQLite checkpoints, off the event loop where the database allows (see holdWalCheckpoints). */
  checkpoints?: WalCheckpointHold;
  /** A full pull's SQLite writes on a worker thread's connection, where enabled and the database allows (see SqliteWriter). */
  writer?: SqliteWriter;
}

/**
 * Pulls companies and subscriptions from Pax8 into the tenant's tables. A one-way pull: it never
 * changes Pax8. Each page is verified against Pax8's totals; a page is never split across transactions (pages that arrive during a write share the next one); rows are
 * marked removed only after a complete pull.
 */
@Injectable()
export class SyncService {
  private readonly logger = new Logger('Pax8Sync');
  private readonly companyFit: ColumnFit;
  private readonly subscriptionFit: ColumnFit;

  constructor(
    @Inject(PAX8_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(PAX8_OPTIONS) private readonly options: ResolvedPax8Options,
    private readonly leases: SyncLeaseService,
    private readonly pax8: TenantPax8ClientService,
    @Optional() @Inject(PAX8_AUTO_MAP_HOOK) private readonly autoMap?: AutoMapHook,
    @Optional() @Inject(PAX8_SYNC_OBSERVER) private readonly observer?: SyncObserver,
  ) {
    this.companyFit = new ColumnFit(dataSource, Pax8Company, 'company', ['pax8Id']);
    this.subscriptionFit = new ColumnFit(dataSource, Pax8Subscription, 'subscription', ['pax8Id', 'pax8CompanyId']);
  }

  private get leaseMs(): number {
    return this.options.sync.leaseSeconds * 1000;
  }

  /**
   * Takes the tenant's lease and starts the run in the background; `done` settles when it ends.
   * Throws SyncAlreadyRunningError (→ 409) when any process is syncing the tenant.
   */
  async start(tenantId: string, request: StartSyncRequest): Promise<{ run: SyncRun; done: Promise<SyncRun> }> {
    await this.assertStartable(tenantId);
    const runId = newId();
    if (!(await this.acquireLease(tenantId, runId))) {
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
    const done = this.execute(run, request).finally(() => this.leases.release(tenantId, runId));
    return { run, done };
  }

  /**
   * A run's row says "finished" a moment before its lease is released; someone who saw it finish and
   * starts again at once should not get a 409 for a run that is over. So while the holder's run is
   * already finished, try again briefly (up to about a second).
   */
  private async acquireLease(tenantId: string, runId: string): Promise<boolean> {
    for (let attempt = 0; ; attempt++) {
      if (await this.leases.acquire(tenantId, runId, this.leaseMs)) return true;
      const holder = await this.leases.current(tenantId);
      const holderRun = holder?.runId ? await new TenantRepository(this.dataSource, SyncRun, tenantId).findOne({ id: holder.runId }) : null;
      if (attempt >= 10 || holderRun?.status === 'running') return false;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** A run needs usable stored credentials (or an active consent); without them nothing starts and no failed run is recorded. */
  private async assertStartable(tenantId: string): Promise<void> {
    try {
      await this.pax8.forTenant(tenantId);
    } catch (err) {
      // Not connected, unreadable credentials, or a delegated consent that ended: a clear 409, no failed run.
      if (err instanceof Pax8NotConnectedError || err instanceof CredentialsUnreadableError) throw new SyncNotPossibleError(err.message);
      if (err instanceof Pax8ReauthorizationRequiredError) throw new SyncNotPossibleError(CONNECTION_MESSAGES.reauthorize);
      throw err;
    }
  }

  /** Runs and waits (scheduler and queue workers). Null when another run holds the tenant. */
  async runAndWait(tenantId: string, request: StartSyncRequest): Promise<SyncRun | null> {
    try {
      return await (await this.start(tenantId, request)).done;
    } catch (err) {
      if (err instanceof SyncAlreadyRunningError || err instanceof SyncNotPossibleError) return null;
      throw err;
    }
  }

  private async execute(run: SyncRun, request: StartSyncRequest): Promise<SyncRun> {
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
        // Only the pull writes in bulk; the steps after it commit little, with the connection's own setting back.
        ctx.checkpoints = await holdWalCheckpoints(this.dataSource);
        try {
          if (this.options.sync.sqliteWriterThread) ctx.writer = (await SqliteWriter.open(this.dataSource)) ?? undefined;
          await this.pullCompanies(ctx);
          await this.pullSubscriptions(ctx, {});
        } finally {
          await ctx.writer?.close();
          await ctx.checkpoints.release();
        }
        await this.refreshStatistics(ctx);
        await this.runAutoMap(ctx);
        await this.runObserver(ctx);
      } else {
        if (request.refreshCompany) await this.pullCompany(ctx, run.pax8CompanyId!);
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
    const seen = new SeenIds();
    const firstPull = await this.hasNoRows(Pax8Company, ctx.run.tenantId);
    const store = (items: Company[], alsoInTransaction?: AlsoInTransaction, earlierWrites?: EarlierWrites) => this.storeCompanies(ctx, items, seen, firstPull, alsoInTransaction, earlierWrites);
    const expectedTotal = await this.pullPages(ctx, 'companies', firstPull, (n) => ctx.client.companies.page({}, n), store);
    this.assertComplete('companies', seen.size, expectedTotal);
    const vanished = firstPull ? [] : await findVanished(this.dataSource.manager, Pax8Company as never, ctx.run.tenantId, seen);
    await this.removeConfirmed(ctx, Pax8Company, vanished, (id) => ctx.client.companies.get(id), store, ctx.counts.companies);
  }

  /** One company by id (one call), for a per-company refresh that must also see the company's own changes. */
  private async pullCompany(ctx: RunContext, pax8CompanyId: string): Promise<void> {
    const company = await ctx.client.companies.get(pax8CompanyId);
    await runInTransaction(this.dataSource, (m) => upsertPage(m, Pax8Company as never, ctx.run.tenantId, [toCompanyRecord(company)], isTerminalCompanyStatus, ctx.counts.companies));
  }

  /**
   * A tenant's first pull (no rows yet in scope; the lease keeps other runs out) need not read what a
   * page already has: every id it has not met earlier in the run is new. That read was a tenth of a
   * cold sync's database time. Nor can any row have vanished at its end.
   */
  private async hasNoRows(entity: typeof Pax8Company | typeof Pax8Subscription, tenantId: string): Promise<boolean> {
    return new TenantRepository(this.dataSource, entity as typeof Pax8Company, tenantId).isEmpty();
  }

  private async pullSubscriptions(ctx: RunContext, query: { companyId?: string }): Promise<void> {
    const seen = new SeenIds();
    const scope: Record<string, string> = query.companyId ? { pax8CompanyId: query.companyId } : {};
    // Only a full pull: a company's first subscriptions may already be stored under another company.
    const firstPull = !query.companyId && (await this.hasNoRows(Pax8Subscription, ctx.run.tenantId)) && ((await this.observer?.recordsNothingFor(ctx.run.tenantId)) ?? true);
    const store = (items: Subscription[], alsoInTransaction?: AlsoInTransaction, earlierWrites?: EarlierWrites) => this.storeSubscriptions(ctx, items, seen, firstPull, alsoInTransaction, earlierWrites);
    const expectedTotal = await this.pullPages(ctx, 'subscriptions', firstPull, (n) => ctx.client.subscriptions.page(query, n), store);
    this.assertComplete('subscriptions', seen.size, expectedTotal);
    // Nothing stored before a first pull can have vanished. Reading the ids back was also the slowest step of a
    // cold sync on PostgreSQL: 7 of 32 s at 200,000 subscriptions, planned before the fresh rows had statistics.
    const vanished = firstPull ? [] : await findVanished(this.dataSource.manager, Pax8Subscription as never, ctx.run.tenantId, seen, scope);
    await this.removeConfirmed(ctx, Pax8Subscription, vanished, (id) => ctx.client.subscriptions.get(id), store, ctx.counts.subscriptions);
  }

  private async storeCompanies(ctx: RunContext, items: Company[], seen: SeenIds, firstPull: boolean, alsoInTransaction?: AlsoInTransaction, earlierWrites?: EarlierWrites): Promise<void> {
    const repeats = this.repeatsEarlier(items, seen);
    const knownAbsent = firstPull && !repeats;
    const records = this.fitted(ctx, this.companyFit, items.map(toCompanyRecord));
    if (repeats) await earlierWrites?.();
    this.assertLease(ctx);
    await runInTransaction(
      this.dataSource,
      async (m) => {
        await upsertPage(m, Pax8Company as never, ctx.run.tenantId, records, isTerminalCompanyStatus, ctx.counts.companies, new Date(), knownAbsent);
        await alsoInTransaction?.(m);
      },
      ctx.writer,
    );
  }

  private async storeSubscriptions(ctx: RunContext, items: Subscription[], seen: SeenIds, firstPull: boolean, alsoInTransaction?: AlsoInTransaction, earlierWrites?: EarlierWrites): Promise<void> {
    const products = await ctx.products.resolve(items.map((s) => s.productId).filter((id): id is string => !!id));
    ctx.counts.productsFetched = ctx.products.fetchedCount;
    const repeats = this.repeatsEarlier(items, seen);
    const knownAbsent = firstPull && !repeats;
    const records = this.fitted(ctx, this.subscriptionFit, items.map((s) => toSubscriptionRecord(s, s.productId ? products.get(s.productId) : undefined)));
    if (repeats) await earlierWrites?.();
    this.assertLease(ctx);
    const seenAt = new Date();
    await runInTransaction(
      this.dataSource,
      async (m) => {
        const written = await upsertPage(m, Pax8Subscription as never, ctx.run.tenantId, records, isEndedSubscriptionStatus, ctx.counts.subscriptions, seenAt, knownAbsent);
        // Later features (subscription history) record what changed, in the same transaction.
        if (written.length && this.observer) await this.observer.subscriptionsWritten(m, ctx.run.tenantId, written, seenAt, knownAbsent);
        await alsoInTransaction?.(m);
      },
      ctx.writer,
    );
  }

  /**
   * Marks the items seen; true when one was already seen in this run (Pax8's list shifted and a page repeats
   * it). Such a write waits for the writes before it, which may hold that row uncommitted, then reads what is
   * stored. Writes of ids not seen before touch rows no other write of the run touches, so they run side by side.
   */
  private repeatsEarlier(items: Array<{ id: string }>, seen: SeenIds): boolean {
    let repeats = false;
    for (const item of items) if (!seen.add(item.id)) repeats = true;
    return repeats;
  }

  /** Fits records to the columns; odd fields become the run's warnings (the first MAX_WARNINGS are kept, all are counted). */
  private fitted<R extends { pax8Id: string }>(ctx: RunContext, columns: ColumnFit, records: R[]) {
    const warnings: SyncWarning[] = [];
    const out = records.map((r) => columns.fit(r, warnings)).filter((r): r is NonNullable<typeof r> => r !== null);
    if (warnings.length) {
      const list = (ctx.counts.warnings ??= []);
      list.push(...warnings.slice(0, Math.max(0, MAX_WARNINGS - list.length)));
      ctx.counts.warningsTotal = (ctx.counts.warningsTotal ?? 0) + warnings.length;
      for (const w of warnings) this.logger.warn(`Sync ${ctx.run.id}: Pax8 ${w.entity} ${w.pax8Id}: ${w.field} ${w.reason} (${w.stored})`);
    }
    return out;
  }

  /**
   * A row missing from a complete pull is only a candidate: while Pax8's list shifts under the pages
   * (a row deleted before it), a live row can slide from one page into the previous one and go
   * unseen. Each candidate is read directly (one GET each): a 404 confirms it; a record that comes
   * back is stored (a Cancelled/Deleted status still marks it removed through the upsert).
   */
  private async removeConfirmed<T>(
    ctx: RunContext,
    entity: typeof Pax8Company | typeof Pax8Subscription,
    candidates: string[],
    fetchOne: (pax8Id: string) => Promise<T>,
    store: (items: T[]) => Promise<void>,
    counts: EntityCounts,
  ): Promise<void> {
    if (!candidates.length) return;
    const gone: string[] = [];
    const back: T[] = [];
    await withConcurrency(candidates, 4, async (id) => {
      this.assertLease(ctx);
      try {
        back.push(await fetchOne(id));
      } catch (err) {
        if (!(err instanceof Pax8NotFoundError)) throw err;
        gone.push(id);
      }
    });
    counts.removalChecks = (counts.removalChecks ?? 0) + candidates.length;
    if (back.length) await store(back);
    this.assertLease(ctx);
    if (gone.length) await runInTransaction(this.dataSource, (m) => markRemoved(m, entity as never, ctx.run.tenantId, gone, counts), ctx.writer);
  }

  /**
   * Walks pages 0..totalPages-1, verifying each against Pax8's totals (a short page is fetched again;
   * one that stays short throws, so nothing is marked removed from a partial list). Returns the
   * totalElements Pax8 reported, for the caller to compare with the distinct ids it received.
   */
  private async pullPages<T>(
    ctx: RunContext,
    phase: string,
    firstPull: boolean,
    fetchPage: (n: number) => Promise<Pax8Page<T>>,
    write: (items: T[], progress: AlsoInTransaction | undefined, earlierWrites: EarlierWrites) => Promise<void>,
  ): Promise<number> {
    let received = 0;
    let expectedTotal = 0;
    let prefetched: Promise<Pax8Page<T>> | undefined;
    // The run's progress commits with the pages it reports: one commit per write, not two.
    const reportsProgress = progressCadence();
    const writer = new PageWriter<T>(async (items, pagesDone, pagesTotal, earlierWrites) => {
      await ctx.checkpoints?.beforeWrite();
      await write(items, reportsProgress(pagesDone, pagesTotal) ? (m) => this.progress(ctx, phase, pagesDone, pagesTotal, m) : undefined, earlierWrites);
      ctx.checkpoints?.afterCommit();
    }, writeQueueFor(this.dataSource, firstPull, this.options.sync.firstPullWriters));
    try {
      for (let n = 0; ; n++) {
        this.assertLease(ctx);
        const first = await (prefetched ?? fetchPage(n));
        const { page, complete } = await verifiedPage(first, first.page.size || this.options.api.pageSize, fetchPage);
        if (!complete) throw new IncompletePullError(phase, received + page.items.length, page.page.totalElements);
        if (n === 0) expectedTotal = page.page.totalElements;
        received += page.items.length;
        const last = page.page.totalPages === 0 || n >= page.page.totalPages - 1;
        // Ask for the next page at once (the client's rate limiter still paces the requests); one ahead at most.
        prefetched = last ? undefined : fetchPage(n + 1);
        prefetched?.catch(() => undefined); // if a write fails, this page's error is not "unhandled"
        await writer.add(page.items, n + 1, page.page.totalPages);
        if (last) break;
      }
      await writer.flush();
    } catch (err) {
      await writer.abandon(); // no write may still run once the pull has failed
      throw err;
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

  private async progress(ctx: RunContext, phase: string, pagesDone: number, pagesTotal: number, manager: EntityManager = this.dataSource.manager): Promise<void> {
    // Two writes of one phase can end in either order: the count only moves forward. Their updates of this row
    // apply in the order they are sent (the second waits for the first's lock), so each sends the highest yet.
    if (ctx.run.phase === phase) pagesDone = Math.max(ctx.run.pagesDone, pagesDone);
    Object.assign(ctx.run, { phase, pagesDone, pagesTotal });
    this.countCalls(ctx);
    await manager.getRepository(SyncRun).update({ id: ctx.run.id, tenantId: ctx.run.tenantId }, { phase, pagesDone, pagesTotal, counts: ctx.counts });
  }

  /**
   * After a full pull that wrote many rows, fresh planner statistics for the synced tables, so the
   * list routes' plans do not wait for autovacuum (which a host may have turned off). Failure only warns.
   */
  private async refreshStatistics(ctx: RunContext): Promise<void> {
    const written = (c: EntityCounts) => c.created + c.updated + c.removed;
    if (written(ctx.counts.companies) + written(ctx.counts.subscriptions) < ANALYZE_AFTER_ROWS) return;
    try {
      ctx.counts.analyzed = await analyzeTables(this.dataSource, [Pax8Company, Pax8Subscription]);
    } catch (err) {
      this.logger.warn(`Sync ${ctx.run.id}: refreshing table statistics failed: ${(err as Error).message}`);
    }
  }

  private async runAutoMap(ctx: RunContext): Promise<void> {
    const integration = await new TenantRepository(this.dataSource, Pax8Integration, ctx.run.tenantId).findOne({});
    if (!integration?.autoMapEnabled || !this.autoMap) return;
    await this.progress(ctx, 'auto-map', 0, 0);
    const report = await this.autoMap.autoMapTenant(ctx.run.tenantId);
    (ctx.counts as SyncCounts & { autoMap?: unknown }).autoMap = report;
  }

  /** Later features' step after a full pull (invoice import); its calls count in the run. */
  private async runObserver(ctx: RunContext): Promise<void> {
    if (!this.observer) return;
    await this.progress(ctx, 'invoices', 0, 0);
    this.countCalls(ctx);
    const before = ctx.client.apiCalls;
    (ctx.counts as SyncCounts & { invoices?: unknown }).invoices = await this.observer.afterFullSync(ctx.run.tenantId, ctx.client);
    // The import reports its own calls; the run's apiCalls stay the sync's (pages and products).
    ctx.callsAtStart += ctx.client.apiCalls - before;
  }

  /** API requests (retries included) the run made, from the client's own counter. */
  private countCalls(ctx: RunContext): void {
    if (ctx.client) ctx.counts.apiCalls = ctx.client.apiCalls - ctx.callsAtStart;
  }

  /**
   * After a failed full run the next try comes sooner than the interval: 5 min after the first
   * failure in a row, then 10, 20, 40 ... never later than the interval. Rejected or unreadable
   * credentials are not retried at all (the scheduler skips the tenant until they are re-entered).
   */
  private async retryDelayMs(tenantId: string, manager: EntityManager = this.dataSource.manager): Promise<number> {
    const recent = await new TenantRepository(manager, SyncRun, tenantId).find({ kind: 'full' }, { select: { status: true }, order: { startedAt: 'DESC' }, take: 12 });
    const firstSuccess = recent.findIndex((r) => r.status !== 'failed');
    const failuresInARow = Math.max(1, firstSuccess === -1 ? recent.length : firstSuccess);
    return Math.min(this.options.sync.intervalMinutes * 60_000, RETRY_BASE_MS * 2 ** (failuresInARow - 1));
  }

  private async finish(ctx: RunContext, error: Error | null): Promise<SyncRun> {
    const { run } = ctx;
    this.countCalls(ctx);
    const now = new Date();
    const rejected = error instanceof Pax8CredentialsRejectedError;
    const message = !error ? null : rejected ? (error instanceof Pax8ReauthorizationRequiredError ? CONNECTION_MESSAGES.reauthorize : CONNECTION_MESSAGES.rejected) : `Sync failed: ${error.message}`;
    if (error) this.logger.warn(`Sync ${run.id} of tenant ${run.tenantId} failed: ${error.message}`);
    if (rejected) await this.pax8.recordCredentialOutcome(run.tenantId, 'rejected');

    Object.assign(run, { status: error ? 'failed' : 'succeeded', finishedAt: now, phase: 'done', error: message, counts: ctx.counts });
    // One transaction: whoever sees the run finished also sees the connection's last sync and error.
    await runInTransaction(this.dataSource, async (m) => {
      await m.getRepository(SyncRun).update({ id: run.id, tenantId: run.tenantId }, { status: run.status, finishedAt: now, phase: 'done', error: message, counts: ctx.counts });
      if (run.kind !== 'full') return; // a per-company refresh does not move the schedule or the status
      const integrationUpdate: Partial<Pax8Integration> = {
        lastSyncAt: now,
        lastSyncRunId: run.id,
        lastSyncStatus: run.status,
        nextSyncAt: new Date(now.getTime() + (error && !rejected ? await this.retryDelayMs(run.tenantId, m) : this.options.sync.intervalMinutes * 60_000)),
      };
      if (error) Object.assign(integrationUpdate, { lastError: message, lastErrorAt: now });
      else Object.assign(integrationUpdate, { lastError: null, lastErrorAt: null, credentialState: 'valid', credentialsCheckedAt: now });
      await new TenantRepository(m, Pax8Integration, run.tenantId).update({}, integrationUpdate as never);
    });
    return run;
  }
}
