import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, IsNull, Not } from 'typeorm';
import { AuditActor, AuditService } from '../audit/audit.service';
import { fieldErrors } from '../common/http/validation.pipe';
import { runInTransaction } from '../common/orm/transaction';
import { TenantRepository } from '../common/tenancy/tenant-repository';
import { ClientDirectoryPort, PAX8_CLIENT_DIRECTORY } from '../host/client-directory.port';
import { clientsById } from '../host/clients-by-id';
import { PAX8_DATA_SOURCE } from '../pax8.constants';
import { Pax8Subscription } from '../sync/entities/pax8-subscription.entity';
import { ENDED_SUBSCRIPTION_STATUSES } from '../sync/records/subscription-status';
import { BILLING_MESSAGES } from './billing-errors';
import { BillingRows, markupLabel, priceRow, ruleBookOf } from './billing-rows';
import { CreatePricingRuleDto, UpdatePricingRuleDto } from './dto/billing.dto';
import { checkMarkup, Markup, RuleScope, ruleKey } from './pricing';
import { PricingRule } from './pricing-rule.entity';

/** Subscriptions a rule can price: live in Pax8 (not removed, not cancelled). */
const LIVE = { removedAt: IsNull(), status: Not(In([...ENDED_SUBSCRIPTION_STATUSES])) } as const;

/**
 * Pricing rules per tenant: a default markup and markups per vendor, product (all its variants) and
 * client. Every change is audited. Rules price subscriptions when asked; an invoice already produced is
 * never rewritten (the issued-lines ledger keeps what was issued).
 */
@Injectable()
export class PricingRulesService {
  constructor(
    @Inject(PAX8_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(PAX8_CLIENT_DIRECTORY) private readonly clients: ClientDirectoryPort,
    private readonly rows: BillingRows,
    private readonly audit: AuditService,
  ) {}

  /** Every rule, most specific scope first, with the number of live subscriptions it prices now. */
  async list(tenantId: string) {
    const rules = await new TenantRepository(this.dataSource, PricingRule, tenantId).find({}, { order: { scope: 'ASC', target: 'ASC', id: 'ASC' } });
    const counts = await this.countPriced(tenantId, rules);
    const names = await this.clientNames(tenantId, rules);
    const order: RuleScope[] = ['client', 'product', 'vendor', 'default'];
    const items = rules
      .map((r) => this.describe(r, counts.get(r.id) ?? 0, names))
      .sort((a, b) => order.indexOf(a.scope) - order.indexOf(b.scope) || a.target.localeCompare(b.target));
    return { total: items.length, items };
  }

  async create(tenantId: string, actor: AuditActor, dto: CreatePricingRuleDto) {
    const target = await this.checkTarget(tenantId, dto.scope, dto.target);
    const problems = checkMarkup(dto.markup);
    if (problems.length) throw fieldErrors(problems);
    const id = await runInTransaction(this.dataSource, async (manager) => {
      const repo = new TenantRepository(manager, PricingRule, tenantId);
      const matchKey = ruleKey(dto.scope, target);
      const existing = await repo.findOne({ scope: dto.scope, matchKey });
      if (existing) throw BILLING_MESSAGES.duplicateRule(existing.id);
      const rule = repo.create({ scope: dto.scope, matchKey, target, markupType: dto.markup.type, markupValue: dto.markup.value, updatedBy: actor.id });
      await this.refuseNegative(tenantId, manager, rule);
      await repo.save(rule);
      await this.audit.record(tenantId, actor, 'billing.rule_created', { type: 'pricingRule', id: rule.id }, { scope: rule.scope, target, markup: dto.markup }, manager);
      return rule.id;
    });
    return this.get(tenantId, id);
  }

  async update(tenantId: string, actor: AuditActor, id: string, dto: UpdatePricingRuleDto) {
    const problems = checkMarkup(dto.markup);
    if (problems.length) throw fieldErrors(problems);
    await runInTransaction(this.dataSource, async (manager) => {
      const repo = new TenantRepository(manager, PricingRule, tenantId);
      const rule = await repo.findOne({ id });
      if (!rule) throw BILLING_MESSAGES.ruleNotFound();
      const before: Markup = { type: rule.markupType, value: rule.markupValue };
      Object.assign(rule, { markupType: dto.markup.type, markupValue: dto.markup.value, updatedBy: actor.id });
      await this.refuseNegative(tenantId, manager, rule);
      await repo.save(rule);
      await this.audit.record(tenantId, actor, 'billing.rule_changed', { type: 'pricingRule', id }, { scope: rule.scope, target: rule.target, before, after: dto.markup }, manager);
    });
    return this.get(tenantId, id);
  }

  async remove(tenantId: string, actor: AuditActor, id: string) {
    await runInTransaction(this.dataSource, async (manager) => {
      const repo = new TenantRepository(manager, PricingRule, tenantId);
      const rule = await repo.findOne({ id });
      if (!rule) throw BILLING_MESSAGES.ruleNotFound();
      await repo.delete({ id });
      await this.audit.record(tenantId, actor, 'billing.rule_deleted', { type: 'pricingRule', id }, { scope: rule.scope, target: rule.target, markup: { type: rule.markupType, value: rule.markupValue } }, manager);
    });
    return { deleted: true, id };
  }

  async get(tenantId: string, id: string) {
    const rules = await new TenantRepository(this.dataSource, PricingRule, tenantId).find();
    const rule = rules.find((r) => r.id === id);
    if (!rule) throw BILLING_MESSAGES.ruleNotFound();
    return this.describe(rule, (await this.countPriced(tenantId, rules)).get(id) ?? 0, await this.clientNames(tenantId, [rule]));
  }

  /** `clientName`: a client rule's client as the host names it now (null when the host no longer knows it). */
  private describe(r: PricingRule, subscriptionCount: number, clientNames: Map<string, string | null>) {
    const markup: Markup = { type: r.markupType, value: r.markupValue };
    const clientName = r.scope === 'client' ? (clientNames.get(r.target) ?? null) : null;
    return { id: r.id, scope: r.scope, target: r.target, clientName, markup, markupLabel: markupLabel(markup), subscriptionCount, updatedBy: r.updatedBy, updatedAt: r.updatedAt, createdAt: r.createdAt };
  }

  /** Names of the client rules' clients, asked of the host's directory (names stay in the host). */
  private async clientNames(tenantId: string, rules: PricingRule[]): Promise<Map<string, string | null>> {
    const ids = new Set(rules.filter((r) => r.scope === 'client').map((r) => r.target));
    const known = await clientsById(this.clients, tenantId, ids);
    return new Map([...ids].map((id) => [id, known.get(id)?.name ?? null]));
  }

  /** The default rule has no target; the others need one, and a client rule a client of this tenant. */
  private async checkTarget(tenantId: string, scope: RuleScope, target: string | undefined): Promise<string> {
    if (scope === 'default') {
      if (target) throw fieldErrors([{ field: 'target', reason: 'must be left out for the default rule' }]);
      return '';
    }
    if (!target || !ruleKey(scope, target)) throw fieldErrors([{ field: 'target', reason: `is required for a ${scope} rule` }]);
    if (scope === 'client' && !(await this.clients.getClient(tenantId, target))) {
      throw fieldErrors([{ field: 'target', reason: 'no such client in this tenant' }]);
    }
    return target;
  }

  private async liveRows(tenantId: string, manager: EntityManager) {
    const subs = await new TenantRepository(manager, Pax8Subscription, tenantId).find(LIVE);
    return this.rows.rows(tenantId, subs, manager);
  }

  /** How many live subscriptions each rule prices now (a subscription's own setting takes it away from the rules). */
  private async countPriced(tenantId: string, rules: PricingRule[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    if (!rules.length) return counts;
    const book = ruleBookOf(rules);
    for (const row of await this.liveRows(tenantId, this.dataSource.manager)) {
      const ruleId = priceRow(row, book).ruleId;
      if (ruleId) counts.set(ruleId, (counts.get(ruleId) ?? 0) + 1);
    }
    return counts;
  }

  /** A rule that would price a live subscription below zero is refused, naming one example. */
  private async refuseNegative(tenantId: string, manager: EntityManager, rule: PricingRule): Promise<void> {
    if (rule.markupType === 'percent' || !rule.markupValue.startsWith('-')) return;
    const others = (await new TenantRepository(manager, PricingRule, tenantId).find()).filter((r) => r.id !== rule.id && !(r.scope === rule.scope && r.matchKey === rule.matchKey));
    const book = ruleBookOf([...others, rule]);
    const bad = (await this.liveRows(tenantId, manager)).map((row) => priceRow(row, book)).filter((p) => p.ruleId === rule.id && p.price === null && p.cost !== null);
    if (bad.length) {
      const e = bad[0];
      throw fieldErrors([{ field: 'markup.value', reason: `gives a price below zero for ${bad.length} subscription(s), e.g. ${e.sub.productName ?? e.sub.pax8Id} (cost ${e.cost})` }]);
    }
  }
}
