import type { Markup } from './price';
import { productKey } from './terms';

/** Where a price comes from, most specific first. */
export type PriceSource = 'override' | 'subscription' | 'client rule' | 'product rule' | 'vendor rule' | 'default' | 'cost';
export const PRICE_SOURCE_ORDER: readonly PriceSource[] = ['override', 'subscription', 'client rule', 'product rule', 'vendor rule', 'default', 'cost'];

export type RuleScope = 'default' | 'vendor' | 'product' | 'client';

export interface PricingRuleLike {
  id: string;
  scope: RuleScope;
  /** Vendor name, product key (see `productKey`) or client id; '' for the default rule. */
  key: string;
  markup: Markup;
}

export interface SubscriptionSettingLike {
  markup: Markup | null;
  overridePrice: string | null;
}

export interface PricingSubject {
  clientId: string | null;
  vendorName: string | null;
  productName: string | null;
}

export interface ResolvedPricing {
  markup: Markup | null;
  overridePrice: string | null;
  source: PriceSource;
  /** The rule that priced it, when one did. */
  ruleId: string | null;
}

/** How a rule's key is compared: vendor names case- and space-insensitively, products by their variant-free key. */
export function ruleKey(scope: RuleScope, key: string | null | undefined): string {
  if (scope === 'default') return '';
  if (scope === 'product') return productKey(key);
  if (scope === 'vendor') return (key ?? '').trim().replace(/\s+/g, ' ').toLowerCase();
  return (key ?? '').trim();
}

/** Rules indexed once, so pricing 40,000 subscriptions is 40,000 map look-ups. */
export class RuleBook {
  private readonly byScope = new Map<RuleScope, Map<string, PricingRuleLike>>();

  constructor(rules: Iterable<PricingRuleLike>) {
    for (const rule of rules) {
      const map = this.byScope.get(rule.scope) ?? new Map<string, PricingRuleLike>();
      map.set(ruleKey(rule.scope, rule.key), rule);
      this.byScope.set(rule.scope, map);
    }
  }

  // A book lives for one request; its subjects repeat (a client's products): each is matched once.
  private readonly matched = new Map<string, { rule: PricingRuleLike; source: PriceSource } | null>();

  /** The most specific rule for a subject: client, then product, then vendor, then default. */
  match(subject: PricingSubject): { rule: PricingRuleLike; source: PriceSource } | null {
    const key = `${subject.clientId ?? '\u0000'}\u0001${subject.vendorName ?? '\u0000'}\u0001${subject.productName ?? '\u0000'}`;
    let hit = this.matched.get(key);
    if (hit === undefined) this.matched.set(key, (hit = this.find(subject)));
    return hit;
  }

  private find(subject: PricingSubject): { rule: PricingRuleLike; source: PriceSource } | null {
    const tries: Array<[RuleScope, string | null, PriceSource]> = [
      ['client', subject.clientId, 'client rule'],
      ['product', subject.productName, 'product rule'],
      ['vendor', subject.vendorName, 'vendor rule'],
      ['default', '', 'default'],
    ];
    for (const [scope, raw, source] of tries) {
      if (raw === null || raw === undefined) continue;
      const key = ruleKey(scope, raw);
      if (scope !== 'default' && !key) continue;
      const rule = this.byScope.get(scope)?.get(key);
      if (rule) return { rule, source };
    }
    return null;
  }
}

/**
 * Precedence: the subscription's override price, then its own markup, then the most specific rule
 * (client, product, vendor, default), else cost. Pure, so the dialog shows the same answer as the server.
 */
export function resolvePricing(setting: SubscriptionSettingLike | null, subject: PricingSubject, rules: RuleBook): ResolvedPricing {
  if (setting?.overridePrice !== null && setting?.overridePrice !== undefined) {
    return { markup: null, overridePrice: setting.overridePrice, source: 'override', ruleId: null };
  }
  if (setting?.markup) return { markup: setting.markup, overridePrice: null, source: 'subscription', ruleId: null };
  const hit = rules.match(subject);
  if (hit) return { markup: hit.rule.markup, overridePrice: null, source: hit.source, ruleId: hit.rule.id };
  return { markup: null, overridePrice: null, source: 'cost', ruleId: null };
}
