import { companyPriceFactor, rateFor, tiersFor } from './pricing';

describe('sandbox price lists', () => {
  const volume = { buy: 10, srp: 12, type: 'Volume' as const, tiers: tiersFor('Volume', 10, 12) };
  const tiered = { buy: 10, srp: 12, type: 'Tiered' as const, tiers: tiersFor('Tiered', 10, 12) };

  it('builds several quantity ranges, the last one open', () => {
    expect(volume.tiers).toEqual([
      { start: 1, end: 10, buy: 10, srp: 12 },
      { start: 11, end: 50, buy: 9.5, srp: 11.4 },
      { start: 51, end: null, buy: 9, srp: 10.8 },
    ]);
    expect(tiersFor('Flat', 10, 12)).toBeUndefined();
  });

  it('prices Volume at the range of the whole quantity, Tiered unit by unit', () => {
    expect(rateFor(volume, 10)).toEqual({ buy: 10, srp: 12 });
    expect(rateFor(volume, 11)).toEqual({ buy: 9.5, srp: 11.4 });
    expect(rateFor(volume, 500)).toEqual({ buy: 9, srp: 10.8 });
    // 25 units at 10, 5 at 9.2: 296 / 30
    expect(rateFor(tiered, 30).buy).toBe(9.8667);
    expect(rateFor(tiered, 20)).toEqual({ buy: 10, srp: 12 });
    expect(rateFor({ buy: 3, srp: 4 }, 99)).toEqual({ buy: 3, srp: 4 });
  });

  it('gives some companies negotiated prices, deterministically', () => {
    const factors = Array.from({ length: 200 }, (_, i) => companyPriceFactor(`company-${i}`));
    expect(new Set(factors)).toEqual(new Set([1, 0.97, 0.93]));
    expect(factors.filter((f) => f === 1).length).toBeGreaterThan(120);
    expect(companyPriceFactor('company-7')).toBe(companyPriceFactor('company-7'));
  });
});
