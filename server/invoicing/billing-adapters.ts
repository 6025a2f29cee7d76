import { Inject, Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { DataSource, In } from 'typeorm';
import { chunks } from '../common/chunks';
import { TenantRepository } from '../common/tenancy/tenant-repository';
import { PAX8_DATA_SOURCE } from '../pax8.constants';
import { Pax8Subscription } from '../sync/entities/pax8-subscription.entity';
import { BillingRows, PricedRow, priceRow } from '../billing/billing-rows';
import { LineItemsService } from '../billing/line-items.service';
import { priceSubscription } from '../billing/pricing';
import type { RecurringInvoiceLines, RecurringLineSource } from './ledger/line-source';
import type { PriceResolver, TenantPricing } from './reconcile/price-resolver';


/** Billing's line items, as the ledger commits them (recurring lines as of the period's first day). */
@Injectable()
export class BillingLineSource implements RecurringLineSource {
  constructor(private readonly lineItems: LineItemsService) {}

  async linesFor(tenantId: string, recurringInvoiceId: string, asOf: Date): Promise<RecurringInvoiceLines> {
    const out = await this.lineItems.lineItemsForInvoice(tenantId, recurringInvoiceId, { asOf: asOf.toISOString().slice(0, 10) });
    const linked = new Set(out.lines.map((l) => l.pax8SubscriptionId));
    for (const w of out.warnings) if (w.pax8SubscriptionId) linked.add(w.pax8SubscriptionId);
    return {
      clientId: out.invoice.clientId,
      linkedSubscriptionIds: [...linked],
      lines: out.lines.map((l) => ({
        pax8SubscriptionId: l.pax8SubscriptionId, description: l.description, sku: l.sku, quantity: l.quantity, unitPrice: l.unitPrice,
        lineTotal: l.lineTotal, costTotal: l.costTotal ?? '0', priceSource: l.priceSource, currencyCode: l.currencyCode,
      })),
    };
  }
}

/**
 * Your price from billing's settings and rules: markup on the cost Pax8 charged (usage included, where
 * an override unit price means nothing), the override for licences; cost where nothing is set.
 */
@Injectable()
export class BillingPriceResolver implements PriceResolver {
  constructor(
    @Inject(PAX8_DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly rows: BillingRows,
  ) {}

  /** Billing's rows priced on the tenant's rules (what billing itself shows). */
  private async priced(tenantId: string, subs: Pax8Subscription[]): Promise<PricedRow[]> {
    const book = await this.rows.ruleBook(tenantId);
    return (await this.rows.rows(tenantId, subs)).map((r) => priceRow(r, book));
  }

  async resolve(tenantId: string, subscriptionIds: string[]): Promise<TenantPricing> {
    const subs: Pax8Subscription[] = [];
    const repo = new TenantRepository(this.dataSource, Pax8Subscription, tenantId);
    if (subscriptionIds.length > 2000) subs.push(...(await repo.find({})));
    else for (const ids of chunks(subscriptionIds)) subs.push(...(await repo.find({ pax8Id: In(ids) })));
    const priced = new Map<string, PricedRow>((await this.priced(tenantId, subs)).map((r) => [r.sub.pax8Id, r]));
    return {
      price: (subscriptionId, quantity, unitCost, usage = false) => {
        const row = subscriptionId ? priced.get(subscriptionId) : undefined;
        if (!row) return { total: unitCost.times(quantity).toDecimalPlaces(2, Decimal.ROUND_HALF_UP), source: 'cost' };
        const whole = quantity.isInteger() && quantity.gte(0);
        try {
          const p = priceSubscription({
            cost: unitCost.toFixed(4),
            quantity: whole ? quantity.toNumber() : 1,
            billingTerm: row.sub.billingTerm ?? 'Monthly',
            markup: row.markup,
            overridePrice: usage ? null : row.overridePrice,
          });
          const total = whole ? new Decimal(p.periodTotal) : new Decimal(p.unitPrice).times(quantity).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
          return { total, source: usage && row.source === 'override' ? 'cost' : row.source };
        } catch {
          // A rule that prices this cost below zero: count it at cost rather than invent a price.
          return { total: unitCost.times(quantity).toDecimalPlaces(2, Decimal.ROUND_HALF_UP), source: 'cost' };
        }
      },
    };
  }
}
