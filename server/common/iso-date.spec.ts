import { FOUR_DIGIT_YEARS, isoString } from './iso-date';

describe('isoString', () => {
  it('writes exactly what toISOString writes, at the edges of each field and across the years 1-9999', () => {
    const times = [
      FOUR_DIGIT_YEARS[0], // 0001-01-01T00:00:00.000Z
      FOUR_DIGIT_YEARS[1] - 1, // 9999-12-31T23:59:59.999Z
      0,
      -1,
      Date.UTC(1969, 11, 31, 23, 59, 59, 999),
      Date.UTC(2000, 1, 29, 12, 0, 0, 0), // a leap day in a year divisible by 400
      Date.UTC(1900, 1, 28, 23, 59, 59, 999), // 1900 has no 29 February
      Date.UTC(2024, 11, 31, 23, 59, 59, 999),
      Date.UTC(2025, 0, 1),
      Date.UTC(999, 5, 15, 8, 9, 10, 11), // a three-digit year, padded
      Date.UTC(2026, 10, 2, 12, 30, 45, 678),
    ];
    for (let i = 0; i < 20_000; i++) times.push(FOUR_DIGIT_YEARS[0] + Math.floor(Math.random() * (FOUR_DIGIT_YEARS[1] - FOUR_DIGIT_YEARS[0])));
    for (const t of times) expect(isoString(new Date(t))).toBe(new Date(t).toISOString());
  });

  it('keeps a bounded number of days, and reads each day again once it has been dropped', () => {
    const base = Date.UTC(2026, 0, 1, 13, 14, 15, 16);
    for (let round = 0; round < 2; round++)
      for (let day = 0; day < 20_000; day += 1) {
        const t = base + ((day * 7919) % 20_000) * 86_400_000 - day;
        expect(isoString(new Date(t))).toBe(new Date(t).toISOString());
      }
  });

  it('leaves other years to toISOString (six-digit years), and throws as it does for an invalid date', () => {
    expect(isoString(new Date(FOUR_DIGIT_YEARS[1]))).toBe('+010000-01-01T00:00:00.000Z');
    expect(isoString(new Date(FOUR_DIGIT_YEARS[0] - 1))).toBe('0000-12-31T23:59:59.999Z');
    expect(isoString(new Date(-8.64e15))).toBe(new Date(-8.64e15).toISOString());
    expect(() => isoString(new Date(NaN))).toThrow(RangeError);
  });
});
