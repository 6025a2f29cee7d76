import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, In, IsNull } from 'typeorm';
import { newId } from '../../common/orm/tenant-entity';
import { runInTransaction } from '../../common/orm/transaction';
import { TenantRepository } from '../../common/tenancy/tenant-repository';
import type { Pax8Client } from '../../pax8-api';
import { PAX8_DATA_SOURCE } from '../../pax8.constants';
import { Pax8Subscription } from '../../sync/entities/pax8-subscription.entity';
import { Pax8InvoiceItem } from '../entities/pax8-invoice-item.entity';
import { Pax8Invoice } from '../entities/pax8-invoice.entity';
import { UsageTotal } from '../entities/usage-total.entity';
import { SubscriptionHistoryService } from '../history/subscription-history.service';
import { isUsageSubscription, monthOf, monthStart } from '../periods';
import { InvoiceHeader, ItemRecord, toInvoiceHeader, toItemRecord } from './invoice-records';
import { itemsFetchReason, sameMoney } from './items-basis';

export interface ImportReport {
  invoices: number;
  newInvoices: number;
  /** Invoices whose items were fetched again: imported while not final and since moved on, or a changed total. */
  refetchedInvoices: number;
  items: number;
  usageSummaries: number;
  historyCalls: number;
  /** Subscriptions billed in an imported month whose state then is still unknown (history budget spent). */
  historyGaps: number;
  apiCalls: number;
}

/** Pax8 history calls one import may spend to fill gaps (each is one request; the sync's pages come first). */
export const HISTORY_CALLS_PER_IMPORT = 100;
/** Usage is read (one call per usage subscription) at most this often, and always in a month's last days and first days after it. */
export const USAGE_CAPTURE_INTERVAL_MS = 20 * 3_600_000;

/**
 * Imports a tenant's Pax8 invoices and usage: headers every time (status changes such as Credited),
 * items only when new or no longer valid (items-basis.ts: final invoices are fetched once), the month-to-date usage totals of usage
 * subscriptions (each post replaces the last), and Pax8 history where a billed month predates what the
 * sync has seen. Runs after each full sync (the schedule) and on demand.
 */
@Injectable()
export class InvoiceImportService {
  private readonly logger = new Logger('Pax8Invoicing');

  constructor(
    @Inject(PAX8_DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly history: SubscriptionHistoryService,
  ) {}

  /** `usage`: read usage now (true), never (false), or when due (default: the last read is older than USAGE_CAPTURE_INTERVAL_MS). */
  async importAll(tenantId: string, client: Pax8Client, now = new Date(), options: { usage?: boolean } = {}): Promise<ImportReport> {
    const callsAtStart = client.apiCalls;
    const report: ImportReport = { invoices: 0, newInvoices: 0, refetchedInvoices: 0, items: 0, usageSummaries: 0, historyCalls: 0, historyGaps: 0, apiCalls: 0 };
    const pending = await this.importHeaders(tenantId, client, report);
    const billed = new Map<string, Set<string>>(); // service month -> subscriptions billed in it
    for (const header of pending) {
      const records = await this.importItems(tenantId, client, header);
      if (!records) continue;
      report.items += records.length;
      for (const r of records) {
        if (!r.pax8SubscriptionId) continue;
        if (!billed.has(r.servicePeriod)) billed.set(r.servicePeriod, new Set());
        billed.get(r.servicePeriod)!.add(r.pax8SubscriptionId);
      }
    }
    if (options.usage ?? (await this.usageDue(tenantId, now))) report.usageSummaries = await this.captureUsage(tenantId, client, now);
    let budget = HISTORY_CALLS_PER_IMPORT;
    for (const [period, subs] of billed) {
      const gap = await this.history.fillGaps(tenantId, client, [...subs], monthStart(period), budget);
      budget -= gap.calls;
      report.historyCalls += gap.calls;
      report.historyGaps += gap.unknown.length;
    }
    report.apiCalls = client.apiCalls - callsAtStart;
    return report;
  }

  /**
   * Upserts every header; returns the listed invoices whose items must be fetched (items-basis.ts). The
   * basis the items were fetched under is kept apart from the header, so a header refreshed here while
   * the item fetch then fails still has its items fetched next time.
   */
  private async importHeaders(tenantId: string, client: Pax8Client, report: ImportReport): Promise<InvoiceHeader[]> {
    const repo = new TenantRepository(this.dataSource, Pax8Invoice, tenantId);
    const pending = new Map<string, InvoiceHeader>();
    for await (const page of client.invoices.pages({})) {
      const headers = page.items.map(toInvoiceHeader).filter((h): h is InvoiceHeader => h !== null);
      report.invoices += headers.length;
      const existing = new Map((await repo.find({ pax8Id: In(headers.map((h) => h.pax8Id)) })).map((r) => [r.pax8Id, r]));
      await runInTransaction(this.dataSource, async (m) => {
        const tx = new TenantRepository(m, Pax8Invoice, tenantId);
        for (const h of headers) {
          const row = existing.get(h.pax8Id);
          const reason = itemsFetchReason(row, h);
          if (reason) pending.set(h.pax8Id, h);
          if (reason === 'total-changed' || reason === 'status-changed') report.refetchedInvoices++;
          if (!row) {
            await tx.repo.insert(tx.create({ id: newId(), ...h, itemsImportedAt: null, itemCount: 0, itemsStatus: null, itemsTotal: null }));
            report.newInvoices++;
          } else if (row.status !== h.status || !sameMoney(row.balance, h.balance) || !sameMoney(row.total, h.total))
            await tx.update({ id: row.id }, { status: h.status, balance: h.balance, total: h.total });
        }
      });
    }
    return [...pending.values()];
  }

  /**
   * All items of one invoice in one transaction, replacing any imported before, or none (a short list or a
   * failed call leaves the earlier items and their basis as they were, for the next import).
   */
  private async importItems(tenantId: string, client: Pax8Client, header: InvoiceHeader): Promise<ItemRecord[] | null> {
    const records: ItemRecord[] = [];
    let expected = 0;
    for await (const page of client.invoices.items(header.pax8Id).pages({})) {
      expected = page.page.totalElements;
      for (const it of page.items) records.push(toItemRecord(header, it));
    }
    const distinct = [...new Map(records.map((r) => [r.pax8ItemId, r])).values()];
    if (distinct.length < expected) {
      this.logger.warn(`Invoice ${header.pax8Id}: ${distinct.length} of ${expected} items received; will import it again next time`);
      return null;
    }
    await runInTransaction(this.dataSource, async (m) => {
      const items = new TenantRepository(m, Pax8InvoiceItem, tenantId);
      await items.delete({ pax8InvoiceId: header.pax8Id }); // items of an earlier, provisional import
      for (let i = 0; i < distinct.length; i += 25) await items.repo.insert(distinct.slice(i, i + 25).map((r) => items.create({ id: newId(), ...r })));
      await new TenantRepository(m, Pax8Invoice, tenantId).update({ pax8Id: header.pax8Id }, { itemsImportedAt: new Date(), itemCount: distinct.length, itemsStatus: header.status, itemsTotal: header.total });
    });
    return distinct;
  }

  private async usageDue(tenantId: string, now: Date): Promise<boolean> {
    const last = await new TenantRepository(this.dataSource, UsageTotal, tenantId).find({}, { order: { capturedAt: 'DESC' }, take: 1 });
    return !last.length || now.getTime() - last[0].capturedAt.getTime() >= USAGE_CAPTURE_INTERVAL_MS || monthOf(last[0].capturedAt) !== monthOf(now);
  }

  /** Month-to-date usage of every live usage subscription, replacing the month's earlier capture. */
  private async captureUsage(tenantId: string, client: Pax8Client, now: Date): Promise<number> {
    const subs = (await new TenantRepository(this.dataSource, Pax8Subscription, tenantId).find({ removedAt: IsNull() })).filter(isUsageSubscription);
    const period = monthOf(now);
    let count = 0;
    for (const s of subs) {
      const rows: Array<Omit<UsageTotal, 'id' | 'tenantId' | 'createdAt' | 'updatedAt' | 'assignId'>> = [];
      for await (const u of client.subscriptions.usageSummaries(s.pax8Id).all({}))
        rows.push({ usageSummaryId: u.id, pax8SubscriptionId: s.pax8Id, period, resourceGroup: u.resourceGroup ?? null, currentCharges: u.currentCharges ?? '0', partnerTotal: u.partnerTotal ?? '0', currencyCode: u.currencyCode ?? s.currencyCode, capturedAt: now });
      if (!rows.length) continue;
      await runInTransaction(this.dataSource, async (m) => {
        const repo = new TenantRepository(m, UsageTotal, tenantId);
        const existing = new Map((await repo.find({ period, usageSummaryId: In(rows.map((r) => r.usageSummaryId)) })).map((r) => [r.usageSummaryId, r]));
        for (const r of rows) {
          const row = existing.get(r.usageSummaryId);
          if (row) await repo.update({ id: row.id }, r);
          else await repo.repo.insert(repo.create({ id: newId(), ...r }));
        }
      });
      count += rows.length;
    }
    return count;
  }
}
