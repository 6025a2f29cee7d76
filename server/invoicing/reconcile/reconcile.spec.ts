import Decimal from 'decimal.js';
import { HostLineIn, Pax8ItemIn, reconcile, ReconInput, SnapshotIn } from './reconcile';

/** A planted data set with one row of each class and a known answer (all money worked out by hand). */
function input(overrides: Partial<ReconInput> = {}): ReconInput {
  const item = (id: string, sub: string | null, quantity: string, cost: string, extra: Partial<Pax8ItemIn> = {}): Pax8ItemIn => ({
    itemId: id, invoiceId: 'inv', subscriptionId: sub, companyId: 'c1', type: 'subscription', arrears: false, quantity, cost,
    costTotal: new Decimal(cost).times(quantity).toFixed(2), description: null, productName: `product ${sub}`, ...extra,
  });
  const host = (sub: string, quantity: string, unitPrice: string, cost: string, kind: 'recurring' | 'arrears' = 'recurring'): HostLineIn => ({
    subscriptionId: sub, kind, quantity, unitPrice, lineTotal: new Decimal(unitPrice).times(quantity).toFixed(2), costTotal: cost, recurringInvoiceId: 'ri-1',
  });
  const snap = (quantity: number, unitCost: string): SnapshotIn => ({ quantity, unitCost, retail: false, status: 'Active', billingTerm: 'Monthly' });
  return {
    period: '2026-05',
    posted: { recurring: true, arrears: true },
    items: [
      item('i-ok', 's-ok', '10', '10.0000'),
      item('i-under', 's-under', '13', '10.0000'), // Pax8 billed 13, the subscription had 10, the host 10
      item('i-over', 's-over', '5', '8.0000'),
      item('i-leak', 's-leak', '4', '12.5000'),
      item('i-price', 's-price', '6', '99.5000'), // Pax8 charged 99.50 a unit; the cost then was 20
      item('i-arr', 's-arr', '1', '86.4500', { arrears: true, term: 'Arrears' } as never),
      item('i-one', null, '1', '120.0000', { type: 'one-time' }),
      item('i-rebate', null, '1', '-25.0000', { type: 'rebate', companyId: null }),
      item('i-prorate', 's-ok', '2', '5.0000', { type: 'prorate' }),
    ],
    snapshots: new Map<string, SnapshotIn | null>([
      ['s-ok', snap(10, '10.0000')], ['s-under', snap(10, '10.0000')], ['s-over', snap(5, '8.0000')], ['s-leak', snap(4, '12.5000')],
      ['s-price', snap(6, '20.0000')], ['s-host-only', snap(3, '7.0000')],
    ]),
    expectedActive: new Set(['s-ok', 's-under', 's-over', 's-leak', 's-price']),
    hostLines: [
      host('s-ok', '10', '12.0000', '100.00'),
      host('s-under', '10', '12.0000', '100.00'),
      host('s-over', '7', '10.0000', '56.00'),
      host('s-price', '6', '24.0000', '120.00'),
      host('s-host-only', '3', '9.0000', '21.00'),
      host('s-arr', '1', '90.0000', '75.0000', 'arrears'),
    ],
    info: new Map(),
    // 20 % markup for every subscription; cost for one-time items.
    price: (sub, q, unit) => ({ total: (sub ? unit.times(1.2) : unit).times(q).toDecimalPlaces(2, Decimal.ROUND_HALF_UP), source: sub ? 'default' : 'cost' }),
    ...overrides,
  };
}

describe('reconcile (three-way, period-correct)', () => {
  it('finds exactly the planted discrepancies with the right money', () => {
    const { rows, totals } = reconcile(input());
    const by = (kind: string, sub: string | null, type?: string) => rows.find((r) => r.kind === kind && r.subscriptionId === sub && (!type || r.pax8?.items[0] === type))!;
    expect(by('recurring', 's-ok')).toMatchObject({ class: 'ok', moneyAtStake: '0.00', pax8: { quantity: '10', cost: '110.00' } }); // prorate adds cost, not quantity
    expect(by('recurring', 's-under')).toMatchObject({ class: 'under-billed', moneyAtStake: '36.00' }); // 3 × 12.00
    expect(by('recurring', 's-over')).toMatchObject({ class: 'over-billed', moneyAtStake: '20.00' }); // 2 × 10.00
    expect(by('recurring', 's-leak')).toMatchObject({ class: 'not-invoiced', moneyAtStake: '60.00' }); // 4 × 12.50 × 1.2
    expect(by('recurring', 's-price')).toMatchObject({ class: 'price-mismatch', moneyAtStake: '477.00' }); // (99.50 − 20) × 6
    expect(by('recurring', 's-host-only')).toMatchObject({ class: 'unexpected', moneyAtStake: '27.00' });
    expect(by('arrears', 's-arr')).toMatchObject({ class: 'under-billed', moneyAtStake: '13.74' }); // 86.45 × 1.2 = 103.74 − 90.00
    expect(by('one-time', null, 'i-one')).toMatchObject({ class: 'not-invoiced', moneyAtStake: '120.00' });
    expect(by('adjustment', null, 'i-rebate')).toMatchObject({ class: 'ok', moneyAtStake: '0.00' });
    expect(rows).toHaveLength(9);
    expect(totals.byClass['under-billed']).toEqual({ rows: 2, moneyAtStake: '49.74' });
    expect(totals.byClass['not-invoiced']).toEqual({ rows: 2, moneyAtStake: '180.00' });
    expect(totals.byClass.ok.rows).toBe(2);
    // Pax8 cost: 110 + 130 + 40 + 50 + 597 + 86.45 + 120 − 25 = 1108.45; host revenue: 120+120+70+144+27+90 = 571.
    expect(totals).toMatchObject({ pax8Cost: '1108.45', hostRevenue: '571.00', margin: '-537.45' });
  });

  it('says "not invoiced by Pax8 yet" for every row of an unposted period, never under- or over-billed', () => {
    const { rows, totals } = reconcile(input({ posted: { recurring: false, arrears: false }, items: [] }));
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r).toMatchObject({ class: 'not-invoiced-by-pax8-yet', moneyAtStake: '0.00', note: 'Not invoiced by Pax8 yet' });
    expect(totals.byClass['under-billed'].rows + totals.byClass['over-billed'].rows + totals.byClass['not-invoiced'].rows).toBe(0);
    // An active subscription with no Pax8 invoice is never called clean.
    expect(rows.find((r) => r.subscriptionId === 's-leak')!.class).toBe('not-invoiced-by-pax8-yet');
  });

  it('compares with the subscription as it stood, not as it is now', () => {
    const { rows } = reconcile(input());
    // Pax8 and the host agree on 10, today's quantity does not matter; a snapshot that differs is only noted.
    const under = rows.find((r) => r.subscriptionId === 's-under')!;
    expect(under.snapshot).toMatchObject({ known: true, quantity: 10 });
    const unknown = reconcile(input({ snapshots: new Map() })).rows.find((r) => r.subscriptionId === 's-ok')!;
    expect(unknown.snapshot).toEqual({ known: false });
  });
});
