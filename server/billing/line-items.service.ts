import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { fieldErrors } from '../common/http/validation.pipe';
import { TenantRepository } from '../common/tenancy/tenant-repository';
import { HostRecurringInvoice, PAX8_RECURRING_INVOICES, RecurringInvoicesPort } from '../host/recurring-invoices.port';
import { PAX8_DATA_SOURCE } from '../pax8.constants';
import { isEndedSubscriptionStatus } from '../sync/records/subscription-status';
import { BILLING_MESSAGES } from './billing-errors';
import { BillingRows, currenciesDiffer, PricedRow, priceRow } from './billing-rows';
import { InvoiceLink } from './invoice-link.entity';
import { costTotal, describeLine, isNegativeMoney, Markup, Money, PriceSource, productTermKey, subtractMoney } from './pricing';

export type LineWarningCode =
  | 'cancelled' | 'removed' | 'zeroQuantity' | 'notStarted' | 'ended' | 'billingDisabled' | 'clientMismatch' | 'noPrice'
  | 'retailCost' | 'noCost' | 'negativeMargin' | 'currencyMismatch' | 'missingSubscription' | 'inactiveInvoice';

export interface LineWarning {
  /** Null for a warning about the invoice itself. */
  pax8SubscriptionId: string | null;
  code: LineWarningCode;
  /** True when the subscription got no line; false when the line is there but needs a look. */
  excluded: boolean;
  message: string;
}

export interface InvoiceLine {
  pax8SubscriptionId: string;
  /** The plugin's ids: the subscription row and the invoice link. */
  subscriptionId: string;
  invoiceLinkId: string;
  pax8CompanyId: string;
  productId: string | null;
  productName: string | null;
  productTermKey: string;
  description: string;
  sku: string | null;
  vendorName: string | null;
  billingTerm: string | null;
  commitmentTerm: string | null;
  commitmentEndDate: Date | null;
  quantity: number;
  chargeType: 'Per Unit' | 'Flat Rate';
  unitPrice: string;
  /** Unit price × quantity for one billing period, 2 places. */
  lineTotal: string;
  monthlyTotal: string | null;
  unitCost: string | null;
  costTotal: string | null;
  retail: boolean;
  margin: string | null;
  priceSource: PriceSource;
  pricingRuleId: string | null;
  markup: Markup | null;
  currencyCode: string | null;
  currencyMismatch: boolean;
}

export interface InvoiceLineItems {
  invoice: HostRecurringInvoice;
  asOf: string;
  lines: InvoiceLine[];
  warnings: LineWarning[];
  /** Over the lines in the invoice's currency (others are flagged, never converted). */
  totals: { lineTotal: string; costTotal: string; margin: string; lineCount: number; excludedForCurrency: number };
}

const DAY_MS = 86_400_000;
const today = () => new Date().toISOString().slice(0, 10);

/**
 * The lines a recurring invoice gets from its linked subscriptions, as of a date. Deterministic: the
 * same data and date give the same lines in the same order. The host calls `lineItemsForInvoice` when
 * it generates an invoice; the route shows the same thing.
 */
@Injectable()
export class LineItemsService {
  constructor(
    @Inject(PAX8_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(PAX8_RECURRING_INVOICES) private readonly invoices: RecurringInvoicesPort,
    private readonly rows: BillingRows,
  ) {}

  async lineItemsForInvoice(tenantId: string, recurringInvoiceId: string, options: { asOf?: string } = {}): Promise<InvoiceLineItems> {
    const asOf = options.asOf ?? today();
    const dayStart = Date.parse(`${asOf}T00:00:00Z`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(dayStart) || new Date(dayStart).toISOString().slice(0, 10) !== asOf) {
      throw fieldErrors([{ field: 'asOf', reason: 'must be a real date as yyyy-MM-dd' }]);
    }
    const invoice = await this.invoices.getInvoice(tenantId, recurringInvoiceId);
    if (!invoice) throw BILLING_MESSAGES.invoiceNotFound();
    // Three independent reads, in parallel: the links (to find subscriptions gone from the synced data), the rules, the linked rows.
    const [links, book, loaded] = await Promise.all([
      new TenantRepository(this.dataSource, InvoiceLink, tenantId).find({ recurringInvoiceId }, { select: { pax8SubscriptionId: true } }),
      this.rows.ruleBook(tenantId),
      this.rows.load(this.rows.query(tenantId).andWhere('l.recurringInvoiceId = :recurringInvoiceId', { recurringInvoiceId })),
    ]);
    const priced = loaded.map((r) => priceRow(r, book));
    const subs = priced.map((r) => r.sub);
    const warnings: LineWarning[] = [];
    if (!invoice.active) warnings.push({ pax8SubscriptionId: null, code: 'inactiveInvoice', excluded: false, message: 'This recurring invoice is inactive in the host.' });
    const found = new Set(subs.map((s) => s.pax8Id));
    for (const l of links) {
      if (!found.has(l.pax8SubscriptionId)) warnings.push({ pax8SubscriptionId: l.pax8SubscriptionId, code: 'missingSubscription', excluded: true, message: 'Linked, but this subscription is no longer in the synced data.' });
    }
    const lines: InvoiceLine[] = [];
    // Descriptions once per row, then a stable order: by description, then Pax8 id.
    const described = priced.map((r) => ({ r, key: describeLine(r.sub) }));
    described.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.r.sub.pax8Id < b.r.sub.pax8Id ? -1 : a.r.sub.pax8Id > b.r.sub.pax8Id ? 1 : 0));
    for (const { r, key } of described) {
      const skip = this.exclusion(r, invoice, dayStart);
      if (skip) {
        warnings.push({ pax8SubscriptionId: r.sub.pax8Id, excluded: true, ...skip });
        continue;
      }
      const line = this.line(r, invoice, key);
      lines.push(line);
      const warn = (code: LineWarningCode, message: string) => warnings.push({ pax8SubscriptionId: r.sub.pax8Id, code, excluded: false, message });
      if (line.retail) warn('retailCost', 'Pax8 gave no partner cost: the cost shown is the retail price.');
      if (line.unitCost === null) warn('noCost', 'Pax8 gave no cost: margin unknown (billed at its override price).');
      if (line.margin !== null && line.margin.startsWith('-') && isNegativeMoney(line.margin)) warn('negativeMargin', `Billed below cost: margin ${line.margin}.`);
      if (line.currencyMismatch) warn('currencyMismatch', `Billed in ${line.currencyCode}, the invoice is in ${invoice.currencyCode}: not converted and left out of the totals.`);
    }
    return { invoice, asOf, lines, warnings, totals: totalsOf(lines) };
  }

  /** Why a linked subscription gets no line on this date, if it does not. */
  private exclusion(r: PricedRow, invoice: HostRecurringInvoice, dayStart: number): { code: LineWarningCode; message: string } | null {
    const s = r.sub;
    if (r.clientId !== invoice.clientId) return { code: 'clientMismatch', message: "The subscription's company is no longer mapped to this invoice's client." };
    if (s.removedAt) return { code: 'removed', message: 'Removed from Pax8 (or deleted there): no line.' };
    // Cancelled keeps its own code; Expired (a trial or term that ended) is 'ended'.
    if (isEndedSubscriptionStatus(s.status)) return { code: s.status!.toLowerCase() === 'cancelled' ? 'cancelled' : 'ended', message: `${s.status} in Pax8: no line.` };
    if (s.startDate && s.startDate.getTime() >= dayStart + DAY_MS) return { code: 'notStarted', message: `Starts after this date (${s.startDate.toISOString().slice(0, 10)}): no line.` };
    if (s.endDate && s.endDate.getTime() < dayStart) return { code: 'ended', message: `Ended before this date (${s.endDate.toISOString().slice(0, 10)}): no line.` };
    if (s.quantity === 0) return { code: 'zeroQuantity', message: 'Quantity 0: no line.' };
    if (r.settings && !r.settings.enabled) return { code: 'billingDisabled', message: 'Billing is turned off for this subscription.' };
    if (!r.price) return { code: 'noPrice', message: `No price: ${r.priceProblem ?? 'unknown reason'}.` };
    return null;
  }

  private line(r: PricedRow, invoice: HostRecurringInvoice, generatedDescription: string): InvoiceLine {
    const s = r.sub;
    const price = r.price!;
    // A priced row always has a quantity: priceRow refuses one without.
    const quantity = s.quantity!;
    const chargeType = price.flatRate ? 'Flat Rate' : 'Per Unit';
    const costOfLine = r.cost === null ? null : costTotal(r.cost, quantity, chargeType);
    return {
      pax8SubscriptionId: s.pax8Id,
      subscriptionId: s.id,
      invoiceLinkId: r.link!.id,
      pax8CompanyId: s.pax8CompanyId,
      productId: s.productId,
      productName: s.productName,
      productTermKey: productTermKey(s),
      description: r.settings?.lineDescription || generatedDescription,
      sku: s.sku,
      vendorName: s.vendorName,
      billingTerm: s.billingTerm,
      commitmentTerm: s.commitmentTerm,
      commitmentEndDate: s.commitmentEndDate,
      quantity,
      chargeType,
      unitPrice: price.unitPrice,
      lineTotal: price.periodTotal,
      monthlyTotal: price.monthlyTotal,
      unitCost: r.cost === null ? null : new Money(r.cost).toFixed(4),
      costTotal: costOfLine,
      retail: r.retail,
      margin: costOfLine === null ? null : subtractMoney(price.periodTotal, costOfLine),
      priceSource: r.source,
      pricingRuleId: r.ruleId,
      markup: r.markup,
      currencyCode: s.currencyCode,
      currencyMismatch: currenciesDiffer(s.currencyCode, invoice.currencyCode),
    };
  }
}

function totalsOf(lines: InvoiceLine[]): InvoiceLineItems['totals'] {
  let total = new Money(0);
  let cost = new Money(0);
  let counted = 0;
  for (const l of lines) {
    if (l.currencyMismatch) continue;
    total = total.plus(l.lineTotal);
    cost = cost.plus(l.costTotal ?? 0);
    counted++;
  }
  return { lineTotal: total.toFixed(2), costTotal: cost.toFixed(2), margin: total.minus(cost).toFixed(2), lineCount: counted, excludedForCurrency: lines.length - counted };
}
