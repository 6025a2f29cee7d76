import { Inject, Injectable } from '@nestjs/common';
import { Brackets, DataSource } from 'typeorm';
import { AuditActor, AuditService } from '../audit/audit.service';
import { fieldErrors } from '../common/http/validation.pipe';
import { runInTransaction } from '../common/orm/transaction';
import { TenantRepository } from '../common/tenancy/tenant-repository';
import { CompanyMapping } from '../mapping/company-mapping.entity';
import { PAX8_DATA_SOURCE } from '../pax8.constants';
import { Pax8Subscription } from '../sync/entities/pax8-subscription.entity';
import { BILLING_MESSAGES } from './billing-errors';
import { InvoiceLink } from './invoice-link.entity';
import { BillingRows, describeSubscription, markupLabel, markupOf, priceRow } from './billing-rows';
import { ListSubscriptionsQueryDto, SubscriptionBillingDto } from './dto/billing.dto';
import { checkMarkup, checkOverridePrice, resolvePricing } from './pricing';
import { SubscriptionBilling } from './subscription-billing.entity';

const escapeLike = (s: string) => `%${s.toLowerCase().replace(/[%_\\]/g, (ch) => `\\${ch}`)}%`;

/** Subscriptions with their prices, and each subscription's own billing settings. */
@Injectable()
export class BillingService {
  constructor(
    @Inject(PAX8_DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly rows: BillingRows,
    private readonly audit: AuditService,
  ) {}

  /** A page of subscriptions (of the tenant, or of one company), filtered, each priced and explained. */
  async list(tenantId: string, q: ListSubscriptionsQueryDto, pax8CompanyId?: string) {
    // Step 1 picks the page's ids with only the joins a filter needs; step 2 loads those rows joined.
    const qb = new TenantRepository(this.dataSource, Pax8Subscription, tenantId).query('s').select('s.id', 'id');
    if (pax8CompanyId) qb.andWhere('s.pax8CompanyId = :pax8CompanyId', { pax8CompanyId });
    if (q.status && q.status.toLowerCase() !== 'all') qb.andWhere('s.status = :status', { status: q.status });
    if (!q.includeRemoved) qb.andWhere('s.removedAt IS NULL');
    if (q.vendor) qb.andWhere('LOWER(s.vendorName) = :vendor', { vendor: q.vendor.trim().toLowerCase() });
    if (q.clientId) qb.innerJoin(CompanyMapping, 'm', 'm.tenantId = s.tenantId AND m.pax8CompanyId = s.pax8CompanyId AND m.clientId = :clientId', { clientId: q.clientId });
    if (q.linked !== undefined) {
      qb.leftJoin(InvoiceLink, 'l', 'l.tenantId = s.tenantId AND l.pax8SubscriptionId = s.pax8Id').andWhere(q.linked ? 'l.id IS NOT NULL' : 'l.id IS NULL');
    }
    if (q.search) {
      const like = escapeLike(q.search);
      qb.andWhere(new Brackets((b) => b.where('LOWER(s.productName) LIKE :like', { like }).orWhere('LOWER(s.sku) LIKE :like', { like })));
    }
    // The joins match at most one row (unique per tenant and company / subscription): a plain COUNT(*)
    // is exact, where getCount()'s COUNT(DISTINCT id) hashes every row. Count, page and rules in parallel.
    const [counted, page, book] = await Promise.all([
      qb.clone().select('COUNT(*)', 'n').getRawOne<{ n: string | number }>(),
      qb.clone().orderBy('s.productName', 'ASC').addOrderBy('s.id', 'ASC').offset(q.offset ?? 0).limit(q.limit ?? 50).getRawMany<{ id: string }>(),
      this.rows.ruleBook(tenantId),
    ]);
    const total = Number(counted?.n ?? 0);
    const ids = page.map((r) => r.id);
    const loaded = ids.length ? await this.rows.load(this.rows.query(tenantId).andWhere('s.id IN (:...ids)', { ids })) : [];
    const byId = new Map(loaded.map((r) => [r.sub.id, r]));
    return { total, items: ids.map((id) => byId.get(id)!).filter(Boolean).map((r) => describeSubscription(priceRow(r, book))) };
  }

  /** One subscription with its own settings and what the rules would give without them (the dialog's "inherits"). */
  async get(tenantId: string, pax8SubscriptionId: string) {
    const sub = await this.requireSubscription(tenantId, pax8SubscriptionId);
    const book = await this.rows.ruleBook(tenantId);
    const [row] = await this.rows.rows(tenantId, [sub]);
    const inherited = resolvePricing(null, { clientId: row.clientId, vendorName: sub.vendorName, productName: sub.productName }, book);
    const s = row.settings;
    return {
      subscription: describeSubscription(priceRow(row, book)),
      mapped: row.clientId !== null,
      settings: s
        ? { enabled: s.enabled, markup: markupOf(s.markupType, s.markupValue), overridePrice: s.overridePrice, chargeType: s.chargeType ?? 'Per Unit', lineDescription: s.lineDescription, updatedBy: s.updatedBy, updatedAt: s.updatedAt }
        : null,
      inherited: { source: inherited.source, markup: inherited.markup, markupLabel: markupLabel(inherited.markup), ruleId: inherited.ruleId },
    };
  }

  /** Saves a subscription's own settings: fields left out are kept, null clears. Refuses a price below zero. */
  async put(tenantId: string, actor: AuditActor, pax8SubscriptionId: string, dto: SubscriptionBillingDto) {
    const problems = [...checkMarkup(dto.markup), ...checkOverridePrice(dto.overridePrice)];
    if (problems.length) throw fieldErrors(problems);
    await runInTransaction(this.dataSource, async (manager) => {
      const sub = await this.requireSubscription(tenantId, pax8SubscriptionId, manager);
      const mapping = await new TenantRepository(manager, CompanyMapping, tenantId).findOne({ pax8CompanyId: sub.pax8CompanyId });
      if (!mapping) throw BILLING_MESSAGES.mapFirst(sub.pax8CompanyId);
      const repo = new TenantRepository(manager, SubscriptionBilling, tenantId);
      const existing = await repo.findOne({ pax8SubscriptionId });
      const before = existing ? { markupType: existing.markupType, markupValue: existing.markupValue, overridePrice: existing.overridePrice, enabled: existing.enabled, chargeType: existing.chargeType } : null;
      const row = existing ?? repo.create({ pax8SubscriptionId, enabled: true, markupType: null, markupValue: null, overridePrice: null, chargeType: null, lineDescription: null });
      if (dto.enabled !== undefined) row.enabled = dto.enabled;
      if (dto.markup !== undefined) {
        row.markupType = dto.markup?.type ?? null;
        row.markupValue = dto.markup?.value ?? null;
      }
      if (dto.overridePrice !== undefined) row.overridePrice = dto.overridePrice;
      if (dto.chargeType !== undefined) row.chargeType = dto.chargeType === 'Flat Rate' ? 'Flat Rate' : null;
      if (dto.lineDescription !== undefined) row.lineDescription = dto.lineDescription?.trim() || null;
      row.updatedBy = actor.id;
      // Price it with the new settings on this subscription's cost: a result below zero is refused.
      const [billingRow] = await this.rows.rows(tenantId, [sub], manager);
      const priced = priceRow({ ...billingRow, settings: row }, await this.rows.ruleBook(tenantId, manager));
      if (priced.price === null && priced.cost !== null && (priced.source === 'override' || priced.source === 'subscription')) {
        throw fieldErrors([{ field: priced.source === 'override' ? 'overridePrice' : 'markup.value', reason: priced.priceProblem ?? 'gives a price below zero' }]);
      }
      await repo.save(row);
      await this.audit.record(tenantId, actor, 'billing.subscription_changed', { type: 'pax8Subscription', id: pax8SubscriptionId }, {
        before,
        after: { markupType: row.markupType, markupValue: row.markupValue, overridePrice: row.overridePrice, enabled: row.enabled, chargeType: row.chargeType },
      }, manager);
    });
    return this.get(tenantId, pax8SubscriptionId);
  }

  async requireSubscription(tenantId: string, pax8SubscriptionId: string, manager = this.dataSource.manager): Promise<Pax8Subscription> {
    const sub = await new TenantRepository(manager, Pax8Subscription, tenantId).findOne({ pax8Id: pax8SubscriptionId });
    if (!sub) throw BILLING_MESSAGES.subscriptionNotFound();
    return sub;
  }
}
