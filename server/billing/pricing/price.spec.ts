import { costBasis, costTotal, priceSubscription, PricingError, PriceInput, Markup } from './price';

/**
 * An oracle written apart from the implementation: integer (BigInt) arithmetic on scaled decimals,
 * with its own half-away-from-zero division. It must agree with priceSubscription on every case.
 */
const TEN = 10n;
const pow10 = (n: number) => TEN ** BigInt(n);
function parse(s: string): { n: bigint; scale: number } {
  const neg = s.startsWith('-');
  const [int, frac = ''] = (neg ? s.slice(1) : s).split('.');
  const n = BigInt(int + frac);
  return { n: neg ? -n : n, scale: frac.length };
}
/** a ÷ b rounded half away from zero (b > 0). */
function roundDiv(a: bigint, b: bigint): bigint {
  const neg = a < 0n;
  const abs = neg ? -a : a;
  let q = abs / b;
  if ((abs % b) * 2n >= b) q += 1n;
  return neg ? -q : q;
}
function format(n: bigint, places: number): string {
  const neg = n < 0n;
  const digits = (neg ? -n : n).toString().padStart(places + 1, '0');
  const text = places ? `${digits.slice(0, -places)}.${digits.slice(-places)}` : digits;
  return neg && n !== 0n ? `-${text}` : text;
}
const MONTHS: Record<string, number | null> = { Monthly: 1, Annual: 12, '2-Year': 24, '3-Year': 36, 'One-Time': null, Trial: null, Activation: null, Weekly: null };
const MAX4 = 9999999999999999999n; // DECIMAL(19,4) in units of 0.0001

type OracleOut = { unitPrice: string; periodTotal: string; monthlyTotal: string | null } | 'refused';
function oracle(i: PriceInput): OracleOut {
  const cost = parse(i.cost);
  let unit4: bigint; // units of 0.0001
  if (i.overridePrice !== null) {
    const o = parse(i.overridePrice);
    unit4 = o.n * pow10(4 - o.scale);
  } else if (i.markup?.type === 'percent') {
    const p = parse(i.markup.value);
    // cost × (100 + p) / 100, scaled to 4 places
    const num = cost.n * (100n * pow10(p.scale) + p.n) * pow10(4);
    unit4 = roundDiv(num, pow10(cost.scale + p.scale) * 100n);
  } else if (i.markup?.type === 'fixed') {
    const f = parse(i.markup.value);
    const scale = Math.max(cost.scale, f.scale);
    unit4 = roundDiv((cost.n * pow10(scale - cost.scale) + f.n * pow10(scale - f.scale)) * pow10(4), pow10(scale));
  } else {
    unit4 = roundDiv(cost.n * pow10(4), pow10(cost.scale));
  }
  if (unit4 < 0n || unit4 > MAX4) return 'refused';
  const period2 = roundDiv(i.chargeType === 'Flat Rate' ? unit4 : unit4 * BigInt(i.quantity), 100n);
  const months = MONTHS[i.billingTerm];
  return {
    unitPrice: format(unit4, 4),
    periodTotal: format(period2, 2),
    monthlyTotal: months === null ? null : format(roundDiv(period2, BigInt(months)), 2),
  };
}

/** mulberry32: a small seeded generator, so a failure reproduces. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('priceSubscription against an integer oracle', () => {
  const rand = rng(20261123);
  const int = (max: number) => Math.floor(rand() * max);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  const digits = (n: number) => Array.from({ length: n }, () => int(10)).join('').replace(/^0+(?=\d)/, '');
  const decimal = (maxInt: number, maxFrac: number, negative = false) => {
    const frac = int(maxFrac + 1);
    const text = `${digits(1 + int(maxInt))}${frac ? `.${digits(frac).padStart(frac, '0').slice(0, frac)}` : ''}`;
    return negative && rand() < 0.5 && text.replace(/[0.]/g, '') !== '' ? `-${text}` : text;
  };
  const fractionOf = (n: number) => Array.from({ length: n }, () => int(10)).join('');
  const money = (maxInt: number, places: number) => `${digits(1 + int(maxInt))}${places ? `.${fractionOf(places)}` : ''}`;
  const terms = Object.keys(MONTHS);

  const cases: PriceInput[] = [];
  // Edge cases: half-cent and half-ten-thousandth ties, zero quantity, the largest values, every term.
  for (const billingTerm of terms) {
    for (const cost of ['0', '0.005', '0.0049', '0.00005', '0.00015', '1.2345', '2.675', '0.125', '999999999999999.9999', '12.6', '0.3333']) {
      for (const quantity of [0, 1, 3, 7, 1_000_000]) {
        cases.push({ cost, quantity, billingTerm, markup: null, overridePrice: null });
        cases.push({ cost, quantity, billingTerm, markup: { type: 'percent', value: '12.5' }, overridePrice: null });
        cases.push({ cost, quantity, billingTerm, markup: { type: 'percent', value: '-100' }, overridePrice: null });
        cases.push({ cost, quantity, billingTerm, markup: { type: 'percent', value: '10000' }, overridePrice: null });
        cases.push({ cost, quantity, billingTerm, markup: { type: 'fixed', value: '-0.0050' }, overridePrice: null });
        cases.push({ cost, quantity, billingTerm, markup: null, overridePrice: '999999999999999.9999', chargeType: 'Flat Rate' });
        cases.push({ cost, quantity, billingTerm, markup: null, overridePrice: '0.0050' });
      }
    }
  }
  // Random cases.
  while (cases.length < 15_000) {
    const kind = int(4);
    const markup: Markup | null =
      kind === 1 ? { type: 'percent', value: rand() < 0.1 ? pick(['-100', '10000', '0', '-99.9999']) : `${rand() < 0.3 ? '-' : ''}${money(int(3) + 1, int(5))}` }
      : kind === 2 ? { type: 'fixed', value: `${rand() < 0.3 ? '-' : ''}${money(int(6) + 1, int(5))}` }
      : null;
    if (markup?.type === 'percent' && (Number(markup.value) < -100 || Number(markup.value) > 10000)) continue;
    cases.push({
      cost: rand() < 0.05 ? decimal(15, 4) : money(int(7) + 1, int(7)),
      quantity: pick([0, 1, 2, 5, 10, 25, 300, int(100_000)]),
      billingTerm: pick(terms),
      markup,
      overridePrice: kind === 3 ? money(int(8) + 1, int(5)) : null,
      chargeType: rand() < 0.1 ? 'Flat Rate' : rand() < 0.5 ? 'Per Unit' : undefined,
    });
  }

  it(`agrees on ${cases.length} cases (edges first, then random)`, () => {
    let refused = 0;
    for (const c of cases) {
      const expected = oracle(c);
      let actual: OracleOut;
      try {
        const r = priceSubscription(c);
        actual = { unitPrice: r.unitPrice, periodTotal: r.periodTotal, monthlyTotal: r.monthlyTotal };
      } catch (e) {
        if (!(e instanceof PricingError)) throw e;
        actual = 'refused';
        refused++;
      }
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        throw new Error(`Mismatch for ${JSON.stringify(c)}: got ${JSON.stringify(actual)}, oracle ${JSON.stringify(expected)}`);
      }
    }
    expect(cases.length).toBeGreaterThanOrEqual(10_000);
    // Both outcomes are exercised.
    expect(refused).toBeGreaterThan(0);
    expect(refused).toBeLessThan(cases.length / 2);
  });
});

describe('priceSubscription', () => {
  const base = { quantity: 10, billingTerm: 'Annual', markup: null, overridePrice: null } as const;

  it('applies the override, then the markup, then cost; says which', () => {
    expect(priceSubscription({ ...base, cost: '100', overridePrice: '150', markup: { type: 'percent', value: '10' } })).toMatchObject({ unitPrice: '150.0000', periodTotal: '1500.00', monthlyTotal: '125.00', source: 'override' });
    expect(priceSubscription({ ...base, cost: '100', markup: { type: 'percent', value: '10' } })).toMatchObject({ unitPrice: '110.0000', source: 'markup' });
    expect(priceSubscription({ ...base, cost: '100', markup: { type: 'fixed', value: '2.5' } })).toMatchObject({ unitPrice: '102.5000', source: 'markup' });
    expect(priceSubscription({ ...base, cost: '100' })).toMatchObject({ unitPrice: '100.0000', source: 'cost', months: 12 });
  });

  it('rounds half away from zero: 4 places for the unit, 2 for totals', () => {
    expect(priceSubscription({ ...base, cost: '0.00005', quantity: 1, billingTerm: 'Monthly' }).unitPrice).toBe('0.0001');
    expect(priceSubscription({ ...base, cost: '1.0005', quantity: 1, billingTerm: 'Monthly' }).periodTotal).toBe('1.00');
    expect(priceSubscription({ ...base, cost: '0.0050', quantity: 1, billingTerm: 'Monthly' }).periodTotal).toBe('0.01');
    // 2.675 as a binary float is 2.67499…; exact decimals give 2.68.
    expect(priceSubscription({ ...base, cost: '2.675', quantity: 1, billingTerm: 'Monthly' }).periodTotal).toBe('2.68');
    expect(priceSubscription({ ...base, cost: '1', quantity: 1, billingTerm: '3-Year' }).monthlyTotal).toBe('0.03');
  });

  it('has no monthly total for One-Time, Trial and Activation; does not multiply a Flat Rate charge', () => {
    for (const billingTerm of ['One-Time', 'Trial', 'Activation']) expect(priceSubscription({ ...base, cost: '5', billingTerm }).monthlyTotal).toBeNull();
    expect(priceSubscription({ ...base, cost: '49', quantity: 30, billingTerm: 'Monthly', chargeType: 'Flat Rate' })).toMatchObject({ periodTotal: '49.00', flatRate: true });
  });

  it('refuses a price below zero and malformed values, naming the field', () => {
    const err = (input: PriceInput) => {
      try {
        priceSubscription(input);
      } catch (e) {
        return (e as PricingError).problems;
      }
      throw new Error('expected a PricingError');
    };
    expect(err({ ...base, cost: '3', markup: { type: 'fixed', value: '-5' } })).toEqual([{ field: 'markup.value', reason: expect.stringMatching(/below zero/) }]);
    expect(err({ ...base, cost: '3', markup: { type: 'percent', value: '10000.1' } })[0]).toMatchObject({ field: 'markup.value', reason: expect.stringMatching(/-100 to 10000/) });
    expect(err({ ...base, cost: '3', markup: { type: 'fixed', value: '1.00001' } })[0]).toMatchObject({ field: 'markup.value' });
    expect(err({ ...base, cost: '3', overridePrice: '-1' })[0]).toMatchObject({ field: 'overridePrice' });
    expect(err({ ...base, cost: '3', overridePrice: '1e3' })[0]).toMatchObject({ field: 'overridePrice' });
    expect(err({ ...base, cost: '3', quantity: -1 })[0]).toMatchObject({ field: 'quantity' });
    expect(err({ ...base, cost: 'abc' })[0]).toMatchObject({ field: 'cost' });
  });

  it('gives the same answer the second time an input is seen (unit prices are kept per distinct cost, markup and override)', () => {
    const refused = { ...base, cost: '3', markup: { type: 'fixed' as const, value: '-5' } };
    const problemsOf = (input: PriceInput) => {
      try {
        priceSubscription(input);
        return null;
      } catch (e) {
        return (e as PricingError).problems;
      }
    };
    expect(problemsOf(refused)).toEqual(problemsOf(refused));
    expect(problemsOf({ ...refused, quantity: -1 })?.map((p) => p.field)).toEqual(['quantity']);
    expect(problemsOf({ ...refused, markup: { type: 'fixed', value: '-5.00001' } })?.map((p) => p.field)).toEqual(['markup.value']);
    const ok = { ...base, cost: '7.1234', markup: { type: 'percent' as const, value: '12.5' } };
    const first = priceSubscription(ok);
    expect(priceSubscription({ ...ok, quantity: 3 })).toMatchObject({ unitPrice: first.unitPrice, periodTotal: '24.04' });
    expect(priceSubscription(ok)).toEqual(first);
  });

  it('costs at partner cost, else retail flagged; cost totals on the same rule', () => {
    expect(costBasis('12.6000', '15.0000')).toEqual({ cost: '12.6000', retail: false });
    expect(costBasis(null, '15.0000')).toEqual({ cost: '15.0000', retail: true });
    expect(costBasis(null, null)).toEqual({ cost: null, retail: false });
    expect(costTotal('12.6050', 3)).toBe('37.82');
    expect(costTotal('12.6050', 3, 'Flat Rate')).toBe('12.61');
  });
});
