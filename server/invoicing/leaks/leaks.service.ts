import { Inject, Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { DataSource } from 'typeorm';
import { TenantRepository } from '../../common/tenancy/tenant-repository';
import { BillingRows, PricedRow, priceRow } from '../../billing/billing-rows';
import { PAX8_DATA_SOURCE } from '../../pax8.constants';
import { Pax8Subscription } from '../../sync/entities/pax8-subscription.entity';
import { isEndedSubscriptionStatus } from '../../sync/records/subscription-status';
import { IssuedLine } from '../entities/issued-line.entity';
import { isUsageSubscription } from '../periods';

export type LeakKind = 'unlinked' | 'linked-to-cancelled' | 'negative-margin' | 'retail-cost' | 'quantity-drift';

export interface Leak {
  kind: LeakKind;
  pax8SubscriptionId: string;
  pax8CompanyId: string;
  clientId: string | null;
  productName: string | null;
  /** Per billing period, two places; null where it cannot be known (an unlinked subscription's missing revenue is its price). */
  moneyAtStake: string | null;
  message: string;
}

/** Leaks visible today, no period needed: what is set up to lose money on the next invoice. */
@Injectable()
export class LeaksService {
  constructor(
    @Inject(PAX8_DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly rows: BillingRows,
  ) {}

  /** Billing's rows priced on the tenant's rules (what billing itself shows). */
  private async priced(tenantId: string, subs: Pax8Subscription[]): Promise<PricedRow[]> {
    const book = await this.rows.ruleBook(tenantId);
    return (await this.rows.rows(tenantId, subs)).map((r) => priceRow(r, book));
  }

  async report(tenantId: string, clientId: string | null) {
    const subs = await new TenantRepository(this.dataSource, Pax8Subscription, tenantId).find({});
    const priced = (await this.priced(tenantId, subs)).filter((r) => clientId === null || r.clientId === clientId);
    const lastIssued = await this.lastIssuedQuantities(tenantId);
    const leaks: Leak[] = [];
    for (const r of priced) {
      const s = r.sub;
      const gone = !!s.removedAt || isEndedSubscriptionStatus(s.status);
      const base = { pax8SubscriptionId: s.pax8Id, pax8CompanyId: s.pax8CompanyId, clientId: r.clientId, productName: s.productName };
      const add = (kind: LeakKind, moneyAtStake: Decimal | null, message: string) =>
        leaks.push({ ...base, kind, moneyAtStake: moneyAtStake === null ? null : moneyAtStake.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2), message });
      if (gone) {
        if (r.link) add('linked-to-cancelled', null, `Still linked to recurring invoice ${r.link.recurringInvoiceId} though ${s.removedAt ? 'removed from Pax8' : `${s.status} in Pax8`}: unlink it.`);
        continue;
      }
      const quantity = s.quantity ?? 0; // unknown (not storable exactly) counts as none: the sync warned about it
      const active = s.status === 'Active' && quantity > 0;
      if (active && r.clientId && !r.link && !isUsageSubscription(s) && r.settings?.enabled !== false)
        add('unlinked', r.price ? new Decimal(r.price.periodTotal) : null, 'Active in Pax8, mapped to a client, on no recurring invoice: nobody bills it.');
      if (r.price && r.cost !== null) {
        const cost = new Decimal(r.cost).times(quantity);
        const margin = new Decimal(r.price.periodTotal).minus(cost);
        if (margin.isNegative() && !margin.isZero()) add('negative-margin', margin.abs(), `Billed at ${r.price.unitPrice} a unit, below its cost ${new Decimal(r.cost).toFixed(4)}.`);
      }
      if (r.retail && active) add('retail-cost', null, 'Pax8 gives no partner cost: prices are built on the retail price.');
      const issued = lastIssued.get(s.pax8Id);
      if (active && issued && !new Decimal(issued.quantity).eq(quantity) && r.price) {
        const unit = new Decimal(issued.unitPrice);
        add('quantity-drift', unit.times(new Decimal(quantity).minus(issued.quantity)).abs(), `Pax8 has ${quantity} units; the last issued line (${issued.period}) billed ${new Decimal(issued.quantity).toFixed()}.`);
      }
    }
    const totals: Record<LeakKind, { count: number; moneyAtStake: string }> = {} as never;
    for (const kind of ['unlinked', 'linked-to-cancelled', 'negative-margin', 'retail-cost', 'quantity-drift'] as LeakKind[]) {
      const of = leaks.filter((l) => l.kind === kind);
      totals[kind] = { count: of.length, moneyAtStake: of.reduce((a, l) => a.plus(l.moneyAtStake ?? 0), new Decimal(0)).toFixed(2) };
    }
    return { clientId, leaks, totals };
  }

  /** The latest issued recurring line of each subscription. */
  private async lastIssuedQuantities(tenantId: string): Promise<Map<string, IssuedLine>> {
    const lines = await new TenantRepository(this.dataSource, IssuedLine, tenantId).find({ kind: 'recurring' }, { select: { pax8SubscriptionId: true, period: true, quantity: true, unitPrice: true } });
    const out = new Map<string, IssuedLine>();
    for (const l of lines) {
      const prev = out.get(l.pax8SubscriptionId);
      if (!prev || prev.period < l.period) out.set(l.pax8SubscriptionId, l);
    }
    return out;
  }
}
