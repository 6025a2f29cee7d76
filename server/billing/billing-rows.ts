import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, EntityTarget, SelectQueryBuilder } from 'typeorm';
import { chunks } from '../common/chunks';
import { RawHydrator } from '../common/orm/raw-hydrator';
import { TenantRepository } from '../common/tenancy/tenant-repository';
import { CompanyMapping } from '../mapping/company-mapping.entity';
import { PAX8_DATA_SOURCE } from '../pax8.constants';
import { Pax8Company } from '../sync/entities/pax8-company.entity';
import { Pax8Subscription } from '../sync/entities/pax8-subscription.entity';
import { InvoiceLink } from './invoice-link.entity';
import {
  costBasis, describeTerm, Markup, priceSubscription, PriceResult, PriceSource, PricingError, productKey, productTermKey, resolvePricing, RuleBook,
} from './pricing';
import { PricingRule } from './pricing-rule.entity';
import { SubscriptionBilling } from './subscription-billing.entity';

const WHOLE_TABLE_THRESHOLD = 2000;

/** The subscription columns billing shows or prices with. */
const SUBSCRIPTION_COLUMNS = [
  'id', 'tenantId', 'pax8Id', 'pax8CompanyId', 'productId', 'productName', 'vendorName', 'sku', 'quantity', 'status', 'billingTerm',
  'commitmentTerm', 'commitmentEndDate', 'startDate', 'endDate', 'price', 'partnerCost', 'currencyCode', 'removedAt',
] as const;

/** The settings and link columns lists and line items read (their timestamps and authors are not: fewer dates to parse). */
const SETTINGS_COLUMNS = ['id', 'tenantId', 'pax8SubscriptionId', 'enabled', 'markupType', 'markupValue', 'overridePrice', 'chargeType', 'lineDescription'] as const;
const LINK_COLUMNS = ['id', 'tenantId', 'pax8SubscriptionId', 'recurringInvoiceId', 'clientId', 'invoiceName', 'invoiceCurrencyCode'] as const;

/** A subscription with everything billing needs: its company, mapped client, own settings and invoice link. */
export interface BillingRow {
  sub: Pax8Subscription;
  companyName: string | null;
  clientId: string | null;
  settings: SubscriptionBilling | null;
  link: InvoiceLink | null;
}

export interface PricedRow extends BillingRow {
  cost: string | null;
  retail: boolean;
  markup: Markup | null;
  overridePrice: string | null;
  source: PriceSource;
  ruleId: string | null;
  price: PriceResult | null;
  /** Why there is no price: no cost from Pax8, or the rule gives a price below zero. */
  priceProblem: string | null;
}

export const markupOf = (type: string | null | undefined, value: string | null | undefined): Markup | null =>
  (type === 'percent' || type === 'fixed') && value !== null && value !== undefined ? { type, value } : null;

/** "20%", "+2.5000", "-1.0000" or "Not set" (how the tables show a markup). */
export function markupLabel(markup: Markup | null): string {
  if (!markup) return 'Not set';
  const v = markup.value.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
  return markup.type === 'percent' ? `${v}%` : `${v.startsWith('-') ? '' : '+'}${v}`;
}

export function ruleBookOf(rules: PricingRule[]): RuleBook {
  return new RuleBook(rules.map((r) => ({ id: r.id, scope: r.scope, key: r.matchKey, markup: { type: r.markupType, value: r.markupValue } })));
}

/** Prices one row on the shared rules (pure apart from the rows it is given). */
export function priceRow(row: BillingRow, book: RuleBook): PricedRow {
  const { cost, retail } = costBasis(row.sub.partnerCost, row.sub.price);
  const setting = row.settings ? { markup: markupOf(row.settings.markupType, row.settings.markupValue), overridePrice: row.settings.overridePrice } : null;
  const resolved = resolvePricing(setting, { clientId: row.clientId, vendorName: row.sub.vendorName, productName: row.sub.productName }, book);
  let price: PriceResult | null = null;
  let priceProblem: string | null = null;
  if (cost === null && resolved.overridePrice === null) {
    priceProblem = 'Pax8 gives no cost or price for this subscription';
  } else if (row.sub.quantity === null) {
    // The sync keeps a quantity it cannot store exactly (1.5, 3e9) as a warning, never a rounded number.
    priceProblem = 'Pax8 sent a quantity the plugin cannot store exactly (see the sync warnings)';
  } else {
    try {
      price = priceSubscription({
        cost: cost ?? '0',
        quantity: row.sub.quantity,
        billingTerm: row.sub.billingTerm ?? '',
        markup: resolved.markup,
        overridePrice: resolved.overridePrice,
        chargeType: row.settings?.chargeType ?? undefined,
      });
    } catch (e) {
      if (!(e instanceof PricingError)) throw e;
      priceProblem = e.message;
    }
  }
  return { ...row, cost, retail, markup: resolved.markup, overridePrice: resolved.overridePrice, source: resolved.source, ruleId: resolved.ruleId, price, priceProblem };
}

/** The public shape of a subscription in billing lists and the billing dialog (fields are only ever added). */
export function describeSubscription(r: PricedRow, invoiceCurrencyMismatch = currencyMismatch(r)) {
  const s = r.sub;
  return {
    id: s.pax8Id,
    pluginId: s.id,
    pax8CompanyId: s.pax8CompanyId,
    companyName: r.companyName,
    clientId: r.clientId,
    productId: s.productId,
    productName: s.productName,
    productKey: productKey(s.productName),
    productTermKey: productTermKey(s),
    sku: s.sku,
    vendorName: s.vendorName,
    quantity: s.quantity,
    status: s.status,
    removed: !!s.removedAt,
    billingTerm: s.billingTerm,
    commitmentTerm: s.commitmentTerm,
    commitmentEndDate: s.commitmentEndDate,
    termDescription: describeTerm(s),
    currencyCode: s.currencyCode,
    cost: r.cost,
    retail: r.retail,
    markup: r.markup,
    markupLabel: r.source === 'override' ? 'Override' : markupLabel(r.markup),
    overridePrice: r.overridePrice,
    chargeType: r.settings?.chargeType ?? 'Per Unit',
    billPrice: r.price ? { unitPrice: r.price.unitPrice, periodTotal: r.price.periodTotal, monthlyTotal: r.price.monthlyTotal } : null,
    priceSource: r.source,
    pricingRuleId: r.ruleId,
    priceProblem: r.priceProblem,
    billingEnabled: r.settings?.enabled ?? true,
    hasOwnSettings: !!r.settings && (r.settings.markupType !== null || r.settings.overridePrice !== null),
    invoiceLink: r.link
      ? { id: r.link.id, recurringInvoiceId: r.link.recurringInvoiceId, invoiceName: r.link.invoiceName, currencyCode: r.link.invoiceCurrencyCode, currencyMismatch: invoiceCurrencyMismatch }
      : null,
  };
}
export type SubscriptionView = ReturnType<typeof describeSubscription>;

/** A currency that differs from the invoice's is flagged, never converted. */
export const currenciesDiffer = (a: string | null | undefined, b: string | null | undefined): boolean => !!a && !!b && a.toUpperCase() !== b.toUpperCase();

export const currencyMismatch = (r: BillingRow): boolean => currenciesDiffer(r.sub.currencyCode, r.link?.invoiceCurrencyCode);

/**
 * Loads subscriptions with their billing side. Pages and invoices come from one joined query (no IN
 * lists: TypeORM's parameter handling grows quadratically with their length); arbitrary lists of
 * subscriptions use `rows`.
 */
@Injectable()
export class BillingRows {
  private readonly hydrate: { s: RawHydrator<Pax8Subscription>; c: RawHydrator<Pax8Company>; m: RawHydrator<CompanyMapping>; b: RawHydrator<SubscriptionBilling>; l: RawHydrator<InvoiceLink> };

  constructor(@Inject(PAX8_DATA_SOURCE) private readonly dataSource: DataSource) {
    const ds = this.dataSource;
    this.hydrate = {
      s: new RawHydrator(ds, Pax8Subscription, 's'), c: new RawHydrator(ds, Pax8Company, 'c'), m: new RawHydrator(ds, CompanyMapping, 'm'),
      b: new RawHydrator(ds, SubscriptionBilling, 'b'), l: new RawHydrator(ds, InvoiceLink, 'l'),
    };
  }

  async ruleBook(tenantId: string, manager: EntityManager = this.dataSource.manager): Promise<RuleBook> {
    return ruleBookOf(await new TenantRepository(manager, PricingRule, tenantId).find());
  }

  /** Subscriptions of the tenant joined to their company, mapping, own settings and invoice link; add filters, then `load`. */
  query(tenantId: string, manager: EntityManager = this.dataSource.manager): SelectQueryBuilder<Pax8Subscription> {
    return new TenantRepository(manager, Pax8Subscription, tenantId)
      .query('s')
      .leftJoin(Pax8Company, 'c', 'c.tenantId = s.tenantId AND c.pax8Id = s.pax8CompanyId')
      .leftJoin(CompanyMapping, 'm', 'm.tenantId = s.tenantId AND m.pax8CompanyId = s.pax8CompanyId')
      .leftJoin(SubscriptionBilling, 'b', 'b.tenantId = s.tenantId AND b.pax8SubscriptionId = s.pax8Id')
      .leftJoin(InvoiceLink, 'l', 'l.tenantId = s.tenantId AND l.pax8SubscriptionId = s.pax8Id')
      // Only what billing reads: hydrating every column of five tables is most of the cost of a page.
      .select([...SUBSCRIPTION_COLUMNS.map((c) => `s.${c}`), 'c.id', 'c.name', 'm.id', 'm.clientId', ...SETTINGS_COLUMNS.map((c) => `b.${c}`), ...LINK_COLUMNS.map((c) => `l.${c}`)]);
  }

  /** Raw rows hydrated here: TypeORM's grouping of joined results cost more than the query itself. */
  async load(qb: SelectQueryBuilder<Pax8Subscription>): Promise<BillingRow[]> {
    const raws = await qb.getRawMany();
    const [subs, companies, mappings, settings, links] = [this.hydrate.s, this.hydrate.c, this.hydrate.m, this.hydrate.b, this.hydrate.l].map((h) => h.many(raws)) as [
      Array<Pax8Subscription | null>, Array<Pax8Company | null>, Array<CompanyMapping | null>, Array<SubscriptionBilling | null>, Array<InvoiceLink | null>,
    ];
    return subs.map((sub, i) => ({ sub: sub!, companyName: companies[i]?.name ?? null, clientId: mappings[i]?.clientId ?? null, settings: settings[i], link: links[i] }));
  }

  /** The billing side of given subscriptions (a few queries, or whole tables beyond a few thousand). */
  async rows(tenantId: string, subs: Pax8Subscription[], manager: EntityManager = this.dataSource.manager): Promise<BillingRow[]> {
    const whole = subs.length > WHOLE_TABLE_THRESHOLD;
    const byIds = async <T extends { tenantId: string }>(entity: EntityTarget<T>, column: string, ids: string[]): Promise<T[]> => {
      const repo = new TenantRepository(manager, entity, tenantId);
      if (whole) return repo.find();
      const out: T[] = [];
      for (const chunk of chunks([...new Set(ids)])) out.push(...(await repo.query('x').andWhere(`x.${column} IN (:...ids)`, { ids: chunk }).getMany()));
      return out;
    };
    const companyIds = subs.map((s) => s.pax8CompanyId);
    const subIds = subs.map((s) => s.pax8Id);
    const companies = new Map((await byIds(Pax8Company, 'pax8Id', companyIds)).map((c) => [c.pax8Id, c.name]));
    const clients = new Map((await byIds(CompanyMapping, 'pax8CompanyId', companyIds)).map((m) => [m.pax8CompanyId, m.clientId]));
    const settings = new Map((await byIds(SubscriptionBilling, 'pax8SubscriptionId', subIds)).map((b) => [b.pax8SubscriptionId, b]));
    const links = new Map((await byIds(InvoiceLink, 'pax8SubscriptionId', subIds)).map((l) => [l.pax8SubscriptionId, l]));
    return subs.map((sub) => ({
      sub,
      companyName: companies.get(sub.pax8CompanyId) ?? null,
      clientId: clients.get(sub.pax8CompanyId) ?? null,
      settings: settings.get(sub.pax8Id) ?? null,
      link: links.get(sub.pax8Id) ?? null,
    }));
  }
}
