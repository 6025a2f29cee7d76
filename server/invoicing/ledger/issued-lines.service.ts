import { Inject, Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { DataSource, In } from 'typeorm';
import { newId } from '../../common/orm/tenant-entity';
import { runInTransaction } from '../../common/orm/transaction';
import { TenantRepository } from '../../common/tenancy/tenant-repository';
import { PAX8_DATA_SOURCE } from '../../pax8.constants';
import { Pax8Subscription } from '../../sync/entities/pax8-subscription.entity';
import { IssuedBatch } from '../entities/issued-batch.entity';
import { IssuedLine } from '../entities/issued-line.entity';
import { Pax8InvoiceItem } from '../entities/pax8-invoice-item.entity';
import { Pax8Invoice } from '../entities/pax8-invoice.entity';
import { UsageTotal } from '../entities/usage-total.entity';
import { addMonths, isArrearsItem, isUsageSubscription, monthOf, monthStart } from '../periods';
import { PAX8_PRICE_RESOLVER, PriceResolver } from '../reconcile/price-resolver';
import { PAX8_RECURRING_LINE_SOURCE, RecurringLineSource } from './line-source';

/** How far back unbilled usage is still picked up by a commit. */
export const ARREARS_LOOKBACK_MONTHS = 3;

export interface CommittedLines {
  recurringInvoiceId: string;
  clientId: string;
  period: string;
  issuedAt: Date;
  /** false when this call committed them, true when they were committed before (same lines again). */
  alreadyIssued: boolean;
  lines: IssuedLineView[];
  /** Linked usage subscriptions whose usage of a closed month could not be billed yet (no usage known). */
  arrearsPending: Array<{ pax8SubscriptionId: string; period: string }>;
}

export type IssuedLineView = Pick<IssuedLine, 'kind' | 'period' | 'pax8SubscriptionId' | 'description' | 'sku' | 'quantity' | 'unitPrice' | 'lineTotal' | 'costTotal' | 'priceSource' | 'basis' | 'currencyCode'> & { id: string };

const view = (l: IssuedLine): IssuedLineView => ({
  id: l.id, kind: l.kind, period: l.period, pax8SubscriptionId: l.pax8SubscriptionId, description: l.description, sku: l.sku, quantity: l.quantity,
  unitPrice: l.unitPrice, lineTotal: l.lineTotal, costTotal: l.costTotal, priceSource: l.priceSource, basis: l.basis, currencyCode: l.currencyCode,
});
const money4 = (d: Decimal.Value) => new Decimal(d).toFixed(4);

/**
 * The issued-lines ledger. When the host generates a recurring invoice for a period it commits the
 * lines here: the recurring lines billing gives as of the period's start, plus usage in arrears of
 * closed months not billed yet. A second request for the same invoice and period returns the same
 * lines; a (service month, kind, subscription) is billed at most once, whichever invoice asks.
 */
@Injectable()
export class IssuedLinesService {
  constructor(
    @Inject(PAX8_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(PAX8_RECURRING_LINE_SOURCE) private readonly source: RecurringLineSource,
    @Inject(PAX8_PRICE_RESOLVER) private readonly prices: PriceResolver,
  ) {}

  async commit(tenantId: string, recurringInvoiceId: string, period: string, issuedBy: string | null, now = new Date()): Promise<CommittedLines> {
    const existing = await this.read(tenantId, recurringInvoiceId, period);
    if (existing) return existing;
    const billing = await this.source.linesFor(tenantId, recurringInvoiceId, monthStart(period));
    const subs = await new TenantRepository(this.dataSource, Pax8Subscription, tenantId).find({ pax8Id: In(billing.linkedSubscriptionIds.length ? billing.linkedSubscriptionIds : ['']) });
    const usageSubs = subs.filter(isUsageSubscription);
    const usageIds = new Set(usageSubs.map((s) => s.pax8Id));
    const already = await this.issuedKeys(tenantId, period, [...billing.linkedSubscriptionIds]);

    const batch = { id: newId(), recurringInvoiceId, clientId: billing.clientId, invoicePeriod: period, issuedAt: now, issuedBy };
    const lines: Array<Partial<IssuedLine>> = [];
    for (const l of billing.lines) {
      if (usageIds.has(l.pax8SubscriptionId) || already.has(`${period}:recurring:${l.pax8SubscriptionId}`)) continue;
      lines.push({ kind: 'recurring', period, lineKey: l.pax8SubscriptionId, pax8SubscriptionId: l.pax8SubscriptionId, description: l.description, sku: l.sku, quantity: money4(l.quantity), unitPrice: l.unitPrice, lineTotal: l.lineTotal, costTotal: l.costTotal, priceSource: l.priceSource, basis: null, currencyCode: l.currencyCode });
    }
    const pending: CommittedLines['arrearsPending'] = [];
    const usage = await this.closedUsage(tenantId, usageSubs.map((s) => s.pax8Id), period, now);
    const pricing = await this.prices.resolve(tenantId, [...usageIds]);
    for (const s of usageSubs) {
      for (let k = ARREARS_LOOKBACK_MONTHS; k >= 1; k--) {
        const month = addMonths(period, -k);
        if (already.has(`${month}:arrears:${s.pax8Id}`)) continue;
        const cost = usage.get(`${month}:${s.pax8Id}`);
        if (!cost) {
          if (k === 1) pending.push({ pax8SubscriptionId: s.pax8Id, period: month });
          continue;
        }
        const priced = pricing.price(s.pax8Id, new Decimal(1), cost.amount, true);
        lines.push({ kind: 'arrears', period: month, lineKey: s.pax8Id, pax8SubscriptionId: s.pax8Id, description: `${s.productName ?? 'Usage'} — usage ${month}, billed in arrears`, sku: s.sku, quantity: money4(1), unitPrice: money4(priced.total), lineTotal: priced.total.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(4), costTotal: money4(cost.amount), priceSource: priced.source, basis: cost.basis, currencyCode: s.currencyCode });
      }
    }
    try {
      await runInTransaction(this.dataSource, async (m) => {
        const batches = new TenantRepository(m, IssuedBatch, tenantId);
        await batches.repo.insert(batches.create(batch));
        const repo = new TenantRepository(m, IssuedLine, tenantId);
        const rows = lines.map((l) => repo.create({ ...l, id: newId(), recurringInvoiceId, clientId: billing.clientId, batchId: batch.id, invoicePeriod: period, issuedAt: now }));
        for (let i = 0; i < rows.length; i += 25) await repo.repo.insert(rows.slice(i, i + 25));
      });
    } catch (err) {
      // A concurrent commit of the same invoice and period won the unique index: answer with its lines.
      const again = await this.read(tenantId, recurringInvoiceId, period);
      if (again) return again;
      throw err;
    }
    return { ...(await this.read(tenantId, recurringInvoiceId, period))!, alreadyIssued: false, arrearsPending: pending };
  }

  /** The committed lines of an invoice and period, or null when it was never committed. */
  async read(tenantId: string, recurringInvoiceId: string, period: string): Promise<CommittedLines | null> {
    const batch = await new TenantRepository(this.dataSource, IssuedBatch, tenantId).findOne({ recurringInvoiceId, invoicePeriod: period });
    if (!batch) return null;
    const lines = await new TenantRepository(this.dataSource, IssuedLine, tenantId).find({ batchId: batch.id }, { order: { kind: 'DESC', period: 'ASC', pax8SubscriptionId: 'ASC' } });
    return { recurringInvoiceId, clientId: batch.clientId, period, issuedAt: batch.issuedAt, alreadyIssued: true, lines: lines.map(view), arrearsPending: [] };
  }

  /** `${service month}:${kind}:${subscription}` already in the ledger, for the months a commit can touch. */
  private async issuedKeys(tenantId: string, period: string, subscriptionIds: string[]): Promise<Set<string>> {
    if (!subscriptionIds.length) return new Set();
    const months = Array.from({ length: ARREARS_LOOKBACK_MONTHS + 1 }, (_, k) => addMonths(period, -k));
    const rows = await new TenantRepository(this.dataSource, IssuedLine, tenantId).find({ period: In(months), pax8SubscriptionId: In(subscriptionIds) }, { select: { period: true, kind: true, lineKey: true } });
    return new Set(rows.map((r) => `${r.period}:${r.kind}:${r.lineKey}`));
  }

  /**
   * Usage cost per (closed month, subscription): Pax8's arrears items when the month is invoiced
   * (final), else the last usage posted for the month (each post replaced the earlier one).
   */
  private async closedUsage(tenantId: string, subscriptionIds: string[], period: string, now: Date): Promise<Map<string, { amount: Decimal; basis: string }>> {
    const out = new Map<string, { amount: Decimal; basis: string }>();
    if (!subscriptionIds.length) return out;
    const current = monthOf(now);
    const months = Array.from({ length: ARREARS_LOOKBACK_MONTHS }, (_, k) => addMonths(period, -k - 1)).filter((m) => m < current);
    if (!months.length) return out;
    const invoices = await new TenantRepository(this.dataSource, Pax8Invoice, tenantId).find({ invoiceMonth: In(months.map((m) => addMonths(m, 1))) });
    const posted = invoices.filter((i) => i.status !== 'Credited' && i.itemsImportedAt);
    const live = posted.map((i) => i.pax8Id);
    // Months whose usage Pax8 has invoiced (on the next month's invoice): that invoice is final for them.
    const invoiced = new Set(posted.map((i) => addMonths(i.invoiceMonth, -1)));
    if (live.length) {
      const items = await new TenantRepository(this.dataSource, Pax8InvoiceItem, tenantId).find({ pax8InvoiceId: In(live), servicePeriod: In(months), pax8SubscriptionId: In(subscriptionIds) });
      for (const it of items.filter(isArrearsItem)) {
        const key = `${it.servicePeriod}:${it.pax8SubscriptionId}`;
        out.set(key, { amount: (out.get(key)?.amount ?? new Decimal(0)).plus(it.costTotal ?? 0), basis: 'pax8-invoice' });
      }
    }
    const totals = await new TenantRepository(this.dataSource, UsageTotal, tenantId).find({ period: In(months), pax8SubscriptionId: In(subscriptionIds) });
    for (const t of totals) {
      if (invoiced.has(t.period)) continue; // Pax8's invoice is final for that month
      const key = `${t.period}:${t.pax8SubscriptionId}`;
      out.set(key, { amount: (out.get(key)?.amount ?? new Decimal(0)).plus(t.partnerTotal), basis: 'usage-posted' });
    }
    return out;
  }
}
