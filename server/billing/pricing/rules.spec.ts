import { resolvePricing, RuleBook, PricingRuleLike, SubscriptionSettingLike, PriceSource } from './rules';

const pct = (value: string) => ({ type: 'percent' as const, value });
const rules: PricingRuleLike[] = [
  { id: 'r-default', scope: 'default', key: '', markup: pct('10') },
  { id: 'r-vendor', scope: 'vendor', key: 'Microsoft', markup: pct('15') },
  { id: 'r-product', scope: 'product', key: 'Microsoft 365 E3 [New Commerce Experience]', markup: pct('20') },
  { id: 'r-client', scope: 'client', key: 'client-1', markup: pct('25') },
];
const e3 = { clientId: 'client-1', vendorName: 'microsoft ', productName: 'Microsoft 365 E3 - Annual Commitment, Monthly Billing' };

describe('pricing precedence', () => {
  const full = new RuleBook(rules);
  const without = (...ids: string[]) => new RuleBook(rules.filter((r) => !ids.includes(r.id)));
  const override: SubscriptionSettingLike = { overridePrice: '9.5000', markup: pct('50') };
  const own: SubscriptionSettingLike = { overridePrice: null, markup: pct('50') };

  it.each<[string, SubscriptionSettingLike | null, RuleBook, typeof e3, PriceSource, string | null]>([
    ['override beats everything', override, full, e3, 'override', null],
    ['own markup beats every rule', own, full, e3, 'subscription', null],
    ['client rule beats product', null, full, e3, 'client rule', 'r-client'],
    ['product rule (any variant) beats vendor', null, without('r-client'), e3, 'product rule', 'r-product'],
    ['vendor rule (case-insensitive) beats default', null, without('r-client', 'r-product'), e3, 'vendor rule', 'r-vendor'],
    ['default when nothing more specific', null, without('r-client', 'r-product', 'r-vendor'), e3, 'default', 'r-default'],
    ['cost when there is no rule', null, new RuleBook([]), e3, 'cost', null],
    ['an unmapped subscription skips client rules', null, full, { ...e3, clientId: null as never }, 'product rule', 'r-product'],
    ['another vendor falls to default', null, without('r-client', 'r-product'), { ...e3, vendorName: 'Acronis' }, 'default', 'r-default'],
    ['a setting without markup or override inherits', { overridePrice: null, markup: null }, full, e3, 'client rule', 'r-client'],
  ])('%s', (_name, setting, book, subject, source, ruleId) => {
    const r = resolvePricing(setting, subject, book);
    expect(r.source).toBe(source);
    expect(r.ruleId).toBe(ruleId);
  });
});
