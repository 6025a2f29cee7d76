import { Inject, Injectable } from '@nestjs/common';

import { DataSource, In } from 'typeorm';
import { TenantRepository } from '../../common/tenancy/tenant-repository';
import { MappingService } from '../../mapping/mapping.service';
import { PAX8_DATA_SOURCE } from '../../pax8.constants';
import { Pax8Subscription } from '../../sync/entities/pax8-subscription.entity';
import { isBillingSubscriptionStatus } from '../../sync/records/subscription-status';
import { IssuedLine } from '../entities/issued-line.entity';
import { Pax8InvoiceItem } from '../entities/pax8-invoice-item.entity';
import { Pax8Invoice } from '../entities/pax8-invoice.entity';
import { SubscriptionHistoryService } from '../history/subscription-history.service';
import { addMonths, isArrearsItem, isUsageSubscription, monthStart } from '../periods';
import { PAX8_PRICE_RESOLVER, PriceResolver } from './price-resolver';
import { dateOf, moneyOf, selectRaw, textOf } from './raw';
import { HostLineIn, Pax8ItemIn, reconcile, ReconInput, ReconRow, ReconTotals, SnapshotIn } from './reconcile';

export interface ReconReport {
  period: string;
  clientId: string | null;
  /** Which Pax8 invoices the period depends on, and whether they are posted (imported). */
  pax8: { recurringInvoicePosted: boolean; arrearsInvoicePosted: boolean; invoices: Array<{ id: string; invoiceDate: string; status: string | null; credited: boolean }> };
  rows: ReconRow[];
  totals: ReconTotals;
}

const TERM_MONTHS: Record<string, number> = { Monthly: 1, Annual: 12, '2-Year': 24, '3-Year': 36 };
const monthIndex = (d: Date) => d.getUTCFullYear() * 12 + d.getUTCMonth();

/** Loads one tenant's period (one query per table) and hands it to the pure `reconcile`. */
@Injectable()
export class ReconciliationService {
  constructor(
    @Inject(PAX8_DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly history: SubscriptionHistoryService,
    private readonly mapping: MappingService,
    @Inject(PAX8_PRICE_RESOLVER) private readonly prices: PriceResolver,
  ) {}

  async report(tenantId: string, period: string, clientId: string | null = null): Promise<ReconReport> {
    const next = addMonths(period, 1);
    const invoices = await new TenantRepository(this.dataSource, Pax8Invoice, tenantId).find({ invoiceMonth: In([period, next]) });
    const imported = invoices.filter((i) => i.itemsImportedAt !== null);
    const live = imported.filter((i) => i.status !== 'Credited');
    const posted = { recurring: live.some((i) => i.invoiceMonth === period), arrears: live.some((i) => i.invoiceMonth === next) };

    const start = monthStart(period);
    // Independent reads of tens of thousands of rows each: in parallel, on their own connections.
    const [clients, allItems, allSubs, versions, lines] = await Promise.all([
      this.mapping.clientsByCompany(tenantId),
      live.length ? this.items(tenantId, period, live.map((i) => i.pax8Id)) : Promise.resolve([]),
      this.subscriptions(tenantId),
      this.snapshots(tenantId, start),
      this.hostLines(tenantId, period, clientId),
    ]);
    const inScope = (companyId: string | null) => clientId === null || (companyId !== null && clients.get(companyId) === clientId);
    const items = allItems.filter((i) => inScope(i.companyId));
    const subs = allSubs.filter((s) => inScope(s.pax8CompanyId));
    const nextStart = monthStart(next);

    const snapshots = new Map<string, SnapshotIn | null>();
    const expectedActive = new Set<string>();
    for (const s of subs) {
      const v = versions.get(s.pax8Id);
      snapshots.set(s.pax8Id, v ?? null);
      if (v && isBillingSubscriptionStatus(v.status) && !isUsageSubscription(s) && bills(s.startDate, v.billingTerm, start, nextStart)) expectedActive.add(s.pax8Id);
    }
    // Your price is needed only where nobody invoiced what Pax8 billed, or usage differs: price those few.
    const billedByHost = new Set(lines.map((l) => `${l.kind}:${l.subscriptionId}`));
    const toPrice = new Set(items.filter((i) => i.subscriptionId && (i.arrears || !billedByHost.has(`recurring:${i.subscriptionId}`))).map((i) => i.subscriptionId!));
    const pricing = await this.prices.resolve(tenantId, [...toPrice]);
    const input: ReconInput = {
      period,
      posted,
      items,
      snapshots,
      expectedActive,
      hostLines: lines,
      info: new Map(subs.map((s) => [s.pax8Id, { productName: s.productName, companyId: s.pax8CompanyId, clientId: clients.get(s.pax8CompanyId) ?? null }])),
      price: (subId, quantity, unitCost, usage) => pricing.price(subId, quantity, unitCost, usage),
    };
    const { rows, totals } = reconcile(input);
    return {
      period,
      clientId,
      pax8: {
        recurringInvoicePosted: posted.recurring,
        arrearsInvoicePosted: posted.arrears,
        invoices: imported.map((i) => ({ id: i.pax8Id, invoiceDate: i.invoiceDate, status: i.status, credited: i.status === 'Credited' })),
      },
      rows,
      totals,
    };
  }

  private async items(tenantId: string, period: string, invoiceIds: string[]): Promise<Pax8ItemIn[]> {
    const q = new TenantRepository(this.dataSource, Pax8InvoiceItem, tenantId).query('i').andWhere('i.servicePeriod = :period', { period }).andWhere('i.pax8InvoiceId IN (:...invoiceIds)', { invoiceIds });
    const raw = await selectRaw(q, 'i', ['pax8ItemId', 'pax8InvoiceId', 'pax8SubscriptionId', 'pax8CompanyId', 'type', 'term', 'quantity', 'cost', 'costTotal', 'description', 'productName'] as const);
    return raw.map((r) => ({
      itemId: String(r.pax8ItemId), invoiceId: String(r.pax8InvoiceId), subscriptionId: textOf(r.pax8SubscriptionId), companyId: textOf(r.pax8CompanyId), type: textOf(r.type),
      arrears: isArrearsItem({ term: textOf(r.term), description: textOf(r.description) }), quantity: moneyOf(r.quantity), cost: moneyOf(r.cost), costTotal: moneyOf(r.costTotal),
      description: textOf(r.description), productName: textOf(r.productName),
    }));
  }

  private async subscriptions(tenantId: string) {
    const q = new TenantRepository(this.dataSource, Pax8Subscription, tenantId).query('s');
    const raw = await selectRaw(q, 's', ['pax8Id', 'pax8CompanyId', 'productName', 'price', 'partnerCost', 'billingTerm', 'startDate'] as const);
    return raw.map((r) => ({
      pax8Id: String(r.pax8Id), pax8CompanyId: String(r.pax8CompanyId), productName: textOf(r.productName), price: moneyOf(r.price), partnerCost: moneyOf(r.partnerCost),
      billingTerm: textOf(r.billingTerm), startDate: dateOf(r.startDate),
    }));
  }

  /** Each subscription as it stood at `at` (see SubscriptionHistoryService: a missing one is a gap). */
  private async snapshots(tenantId: string, at: Date): Promise<Map<string, SnapshotIn & { status: string | null }>> {
    const raw = await selectRaw(this.history.versionsAtQuery(tenantId, at), 'v', ['pax8SubscriptionId', 'quantity', 'price', 'partnerCost', 'status', 'billingTerm'] as const);
    return new Map(raw.map((r) => {
      const partnerCost = moneyOf(r.partnerCost);
      return [String(r.pax8SubscriptionId), { quantity: r.quantity === null || r.quantity === undefined ? null : Number(r.quantity), unitCost: partnerCost ?? moneyOf(r.price), retail: partnerCost === null, status: textOf(r.status), billingTerm: textOf(r.billingTerm) }];
    }));
  }

  private async hostLines(tenantId: string, period: string, clientId: string | null): Promise<HostLineIn[]> {
    const q = new TenantRepository(this.dataSource, IssuedLine, tenantId).query('l').andWhere('l.period = :period', { period });
    if (clientId) q.andWhere('l.clientId = :clientId', { clientId });
    const raw = await selectRaw(q, 'l', ['pax8SubscriptionId', 'kind', 'quantity', 'unitPrice', 'lineTotal', 'costTotal', 'recurringInvoiceId'] as const);
    return raw.map((r) => ({
      subscriptionId: String(r.pax8SubscriptionId), kind: r.kind as HostLineIn['kind'], quantity: moneyOf(r.quantity)!, unitPrice: moneyOf(r.unitPrice)!, lineTotal: moneyOf(r.lineTotal)!,
      costTotal: moneyOf(r.costTotal)!, recurringInvoiceId: String(r.recurringInvoiceId),
    }));
  }
}

/** Does a subscription on this term bill in the month from `start` to `nextStart` (its anniversary months)? */
function bills(startDate: Date | null, term: string | null, start: Date, nextStart: Date): boolean {
  const every = TERM_MONTHS[term ?? ''];
  if (!startDate || !every) return false;
  if (startDate.getTime() >= nextStart.getTime()) return false;
  return (monthIndex(start) - monthIndex(startDate)) % every === 0;
}

