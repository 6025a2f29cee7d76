import { generate, SIZES } from './index';
import { SUBSCRIPTION_STATUSES } from './subscriptions';

const ANCHOR = Date.UTC(2025, 5, 1);
type Row = Record<string, any>;

describe('sandbox data generator', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = generate(7, 'small', ANCHOR, 'p');
    const b = generate(7, 'small', ANCHOR, 'p');
    const c = generate(8, 'small', ANCHOR, 'p');
    expect(JSON.stringify([...a.subscriptions.values()])).toBe(JSON.stringify([...b.subscriptions.values()]));
    expect(JSON.stringify([...a.companies.values()])).toBe(JSON.stringify([...b.companies.values()]));
    expect(JSON.stringify([...a.orders.values()])).toBe(JSON.stringify([...b.orders.values()]));
    expect(JSON.stringify([...a.companies.values()])).not.toBe(JSON.stringify([...c.companies.values()]));
  });

  it('scales by size: demo, small, explicit counts', () => {
    const demo = generate(1, 'demo', ANCHOR, 'p');
    expect([demo.companies.size, demo.subscriptions.size]).toEqual([SIZES.demo.companies, SIZES.demo.subscriptions]);
    const small = generate(1, 'small', ANCHOR, 'p');
    expect([small.companies.size, small.subscriptions.size]).toEqual([50, 500]);
    const custom = generate(1, { companies: 3, subscriptions: 12 }, ANCHOR, 'p');
    expect([custom.companies.size, custom.subscriptions.size]).toEqual([3, 12]);
  });

  // Generation time is a speed goal: `npm run bench` reports it (sandboxGenerateMs), not this test.
  it('builds the bench set (2,000 / 40,000) with a realistic product count', () => {
    const bench = generate(1, 'bench', ANCHOR, 'p');
    expect(bench.companies.size).toBe(2000);
    expect(bench.subscriptions.size).toBe(40000);
    const used = new Set([...bench.subscriptions.values()].map((s) => s.productId));
    expect(bench.products.size).toBeGreaterThanOrEqual(60);
    expect(bench.products.size).toBeLessThanOrEqual(150);
    expect(used.size).toBeLessThanOrEqual(bench.products.size);
    const names = [...bench.companies.values()].map((c) => c.name);
    expect(new Set(names).size).toBe(names.length); // exact duplicates would be a generator bug
    // Issue 10: Expired subscriptions, One-Time lines and no line provisioned before its order, at scale too.
    const subs = [...bench.subscriptions.values()] as Row[];
    expect(subs.filter((s) => s.status === 'Expired').length).toBeGreaterThan(40);
    const orders = [...bench.orders.values()] as Row[];
    expect(orders).toHaveLength(2000);
    expect(orders.filter((o) => o.lineItems.some((l: Row) => l.billingTerm === 'One-Time')).length).toBeGreaterThan(200);
    expect(orders.filter((o) => o.lineItems.some((l: Row) => Date.parse(l.provisionStartDate) < Date.parse(`${o.createdDate}T00:00:00Z`))).map((o) => o.id)).toEqual([]);
  });

  it('ends Expired subscriptions before the anchor (trials after 30 days, terms on a term boundary)', () => {
    for (const seed of [1, 2, 3]) {
      const subs = [...generate(seed, 'small', ANCHOR, 'p').subscriptions.values()] as Row[];
      const expired = subs.filter((s) => s.status === 'Expired');
      expect(expired.length).toBeGreaterThan(0);
      for (const s of expired) {
        const [start, end] = [Date.parse(s.startDate), Date.parse(s.endDate)];
        expect(end).toBeGreaterThan(start);
        expect(end).toBeLessThan(ANCHOR);
        if (s.billingTerm === 'Trial') expect(end - start).toBeLessThanOrEqual(30 * 86_400_000);
        expect(Date.parse(s.updatedDate)).toBeGreaterThanOrEqual(end);
      }
    }
    for (const seed of [1, 2, 3, 4, 5])
      for (const size of ['demo', 'small'] as const)
        for (const o of generate(seed, size, ANCHOR, 'p').orders.values())
          for (const l of o.lineItems as Row[]) expect(Date.parse(l.provisionStartDate as string)).toBeGreaterThanOrEqual(Date.parse(`${o.createdDate}T00:00:00Z`));
  });

  it('covers every status, billing terms, commitment variants, currencies and 4-decimal prices', () => {
    const g = generate(1, 'demo', ANCHOR, 'p');
    const subs = [...g.subscriptions.values()] as Row[];
    expect(new Set(subs.map((s) => s.status))).toEqual(new Set(SUBSCRIPTION_STATUSES));
    expect(new Set([...g.companies.values()].map((c) => c.status))).toEqual(new Set(['Active', 'Inactive', 'Deleted']));
    const small = [...generate(1, 'small', ANCHOR, 'p').subscriptions.values()] as Row[];
    expect(new Set(small.map((s) => s.billingTerm)).size).toBeGreaterThanOrEqual(3);
    expect(small.some((s) => s.commitment === null)).toBe(true);
    expect(small.some((s) => !('commitment' in s))).toBe(true);
    expect(small.some((s) => s.commitment?.term === '1-Year')).toBe(true);
    expect(small.some((s) => !('partnerCost' in s))).toBe(true);
    expect(new Set(small.map((s) => s.currencyCode))).toEqual(new Set(['USD', 'EUR', 'GBP']));
    expect(small.every((s) => Math.round(s.price * 10000) === s.price * 10000 || Math.abs(Math.round(s.price * 10000) - s.price * 10000) < 1e-6)).toBe(true);
  });

  it('makes companies messy on purpose: near-duplicates, shared domains, website forms, externalIds', () => {
    const g = generate(3, 'small', ANCHOR, 'p');
    const companies = [...g.companies.values()] as Row[];
    expect(companies[0].name).toBe('Northwind Dental LLC');
    expect(companies[1].name).toBe('Northwind Dental, Inc.');
    const sites = companies.map((c) => c.website).filter(Boolean) as string[];
    expect(sites.some((w) => w.startsWith('www.'))).toBe(true);
    expect(sites.some((w) => /^https?:\/\/.+\/.+/.test(w))).toBe(true);
    expect(sites.some((w) => /^[a-z0-9]+\.[a-z.]+$/.test(w))).toBe(true);
    expect(companies.some((c) => /^PSA-\d+$/.test(c.externalId))).toBe(true);
    expect(companies.some((c) => !('externalId' in c))).toBe(true);
    expect(companies.some((c) => / (GmbH|Ltd|Pty Ltd|Limited)/.test(c.name))).toBe(true);
    const stems = companies.map((c) => c.website && String(c.website).replace(/^https?:\/\//, '').replace(/^www\./, '').split('/')[0].toLowerCase());
    expect(new Set(stems.filter(Boolean)).size).toBeLessThan(stems.filter(Boolean).length); // shared domains
    expect([...g.contacts.values()].flat().length).toBeGreaterThan(0);
  });

  it('names products per §11.9 with NCE term variants and arrears variants', () => {
    const g = generate(1, 'demo', ANCHOR, 'p');
    const names = [...g.products.values()].map((p) => p.name as string);
    expect(names).toContain('Microsoft 365 Business Premium [New Commerce Experience]');
    expect(names).toContain('Microsoft 365 Business Premium [New Commerce Experience] - Annual Commitment, Monthly Billing');
    expect(names).toContain('Microsoft Azure Plan - Arrears Charge');
    expect(names.some((n) => !/Microsoft|Office|Exchange|Power BI|Visio|Project|Dynamics/.test(n))).toBe(true);
    const arrears = [...g.productDefs.values()].find((d) => d.product.name === 'Microsoft Azure Plan - Arrears Charge')!;
    expect(arrears.pricing[0].unitOfMeasurement).toBe('Each');
    const small = generate(1, 'small', ANCHOR, 'p');
    const usageSubs = new Set([...small.usageSummaries.values()].map((u) => u.subscriptionId));
    expect(usageSubs.size).toBeGreaterThan(0);
    for (const id of usageSubs) expect(small.productDefs.get(small.subscriptions.get(id as string)!.productId as string)!.isArrears).toBe(true);
  });
});
