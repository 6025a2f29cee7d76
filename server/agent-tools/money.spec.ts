import { difference, monthlyAmount, periodCost } from './money';
import type { Pricing } from '../pax8-api';

describe('agent tool money', () => {
  it.each([
    ['12.6000', 10, 'Monthly', '126.00'],
    ['151.2000', 10, 'Annual', '126.00'],
    ['0.3333', 1, 'Monthly', '0.33'],
    ['0.0050', 1, 'Monthly', '0.01'], // half away from zero
    ['453.6000', 1, '3-Year', '12.60'],
    ['10.0000', 3, 'One-Time', null],
    [null, 3, 'Monthly', null],
  ])('monthly amount of %s × %d on %s is %s', (unit, qty, term, expected) => {
    expect(monthlyAmount(unit, qty, term)).toBe(expected);
  });

  const entry = (type: string, rates: Pricing['rates']): Pricing => ({ billingTerm: 'Monthly', type, rates });
  it('prices flat and volume by the band holding the quantity, tiered band by band, flat-rate charges once', () => {
    const bands = [
      { startQuantityRange: 1, endQuantityRange: 10, partnerBuyRate: '5.0000', chargeType: 'Per Unit' },
      { startQuantityRange: 11, partnerBuyRate: '4.0000', chargeType: 'Per Unit' },
    ];
    expect(periodCost(entry('Volume', bands), 12)!.toFixed(2)).toBe('48.00');
    expect(periodCost(entry('Tiered', bands), 12)!.toFixed(2)).toBe('58.00');
    expect(periodCost(entry('Flat', [{ startQuantityRange: 0, partnerBuyRate: '99.0000', chargeType: 'Flat Rate' }]), 7)!.toFixed(2)).toBe('99.00');
    expect(periodCost(entry('Flat', []), 7)).toBeNull();
  });

  it('subtracts in cents and knows when a side is unknown', () => {
    expect(difference('126.00', '100.80')).toBe('-25.20');
    expect(difference(null, '1.00')).toBeNull();
  });
});
