import { planRefresh } from './refresh-plan';

describe('planRefresh', () => {
  const ev = (i: number, topic: string, company: string | null, sub: string | null = null) => ({ id: `e${i}`, topic, pax8CompanyId: company, pax8SubscriptionId: sub });

  it('turns a burst into one refresh per company', () => {
    const events = Array.from({ length: 1000 }, (_, i) => ev(i, 'SUBSCRIPTION', `c${i % 50}`, `s${i}`));
    const plan = planRefresh(events);
    expect(plan.companies.size).toBe(50);
    expect([...plan.companies.values()].every((c) => !c.refreshCompany)).toBe(true);
    expect(plan.unresolvedSubscriptions).toEqual([]);
  });

  it('re-reads the company record only when a COMPANY event names it', () => {
    const plan = planRefresh([ev(1, 'SUBSCRIPTION', 'a'), ev(2, 'COMPANY', 'a'), ev(3, 'SUBSCRIPTION', 'b')]);
    expect(plan.companies.get('a')).toEqual({ refreshCompany: true });
    expect(plan.companies.get('b')).toEqual({ refreshCompany: false });
  });

  it('collects subscriptions without a company once each', () => {
    const plan = planRefresh([ev(1, 'SUBSCRIPTION', null, 's1'), ev(2, 'SUBSCRIPTION', null, 's1'), ev(3, 'SUBSCRIPTION', null, 's2')]);
    expect(plan.unresolvedSubscriptions).toEqual(['s1', 's2']);
    expect(plan.companies.size).toBe(0);
  });
});
