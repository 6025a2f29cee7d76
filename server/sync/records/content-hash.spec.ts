import { contentHash, hashedRecordBuilder } from './content-hash';

describe('hashedRecordBuilder', () => {
  const fields = (i: number) => ({ pax8Id: `s-${i}`, quantity: i, startDate: new Date(Date.UTC(2026, 0, i + 1)), price: i % 2 ? '1.5000' : null, details: [{ key: 'k', values: ['a'] }] });

  it('adds the same hash contentHash gives, to the fields object itself, for every record it builds', () => {
    const build = hashedRecordBuilder<ReturnType<typeof fields>>();
    for (let i = 0; i < 3; i++) {
      const f = fields(i);
      const expected = contentHash(fields(i));
      const record = build(f);
      expect(record).toBe(f);
      expect(record.contentHash).toBe(expected);
    }
  });

  it('hashes by field name, not by the order the builder wrote them in', () => {
    const build = hashedRecordBuilder<{ a: number; b: string }>();
    expect(build({ a: 1, b: 'x' }).contentHash).toBe(contentHash({ b: 'x', a: 1 }));
    expect(build({ a: 2, b: 'x' }).contentHash).not.toBe(contentHash({ b: 'x', a: 1 }));
  });
});
