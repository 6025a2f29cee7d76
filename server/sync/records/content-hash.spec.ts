import { createHash } from 'node:crypto';
import { contentHash, hashedRecordBuilder } from './content-hash';

/** The hash as first defined (stored hashes were made this way): SHA-256 hex of the sorted pairs' JSON. */
const definition = (fields: Record<string, unknown>) =>
  createHash('sha256')
    .update(JSON.stringify(Object.keys(fields).sort().map((k) => [k, fields[k] instanceof Date ? (fields[k] as Date).toISOString() : (fields[k] ?? null)])))
    .digest('hex');

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

describe('contentHash keeps the stored hashes valid', () => {
  it('gives the hash a stored row already has (a fixed record; the value the previous implementation gave)', () => {
    const record = {
      pax8Id: 'c48d05fd-aaa7-4dce-9e23-a33a5994c012',
      productName: 'Microsoft 365 "Business" \\ Premium',
      quantity: 3,
      price: '7.2',
      partnerCost: null,
      startDate: new Date('2026-06-12T16:20:43.000Z'),
      endDate: undefined,
      provisioningDetails: [{ key: 'domain', label: 'Domain', values: ['example.com'] }],
    };
    expect(definition(record)).toBe('2600f37cfe82b495081fabe9ec76d603f6aa294f67c4d710683a4e4720941655');
    expect(contentHash(record)).toBe('2600f37cfe82b495081fabe9ec76d603f6aa294f67c4d710683a4e4720941655');
  });

  it('matches the definition for every kind of value, escapes and odd characters included', () => {
    const odd = ['', 'plain', 'quote " in', 'back \\ slash', 'tab\there', 'line\nbreak', '\u0000nul', '\u001f', '\u007f del', 'é ü 中文', '😀 pair', 'lone \ud800', 'lone \udc00 low', '\u2028\u2029', '</script>', '{"json":1}'];
    const values: unknown[] = [...odd, null, undefined, 0, -0, 1.5, -12.25, 1e21, 1e-7, NaN, Infinity, true, false, new Date(0), new Date('2026-02-28T23:59:59.999Z'), new Date('0099-12-31T00:00:00Z'), [], ['a', 'b"'], { a: 1, nested: { d: new Date(86_400_000) } }, () => 1, Symbol('s')];
    for (const v of values) {
      const record = { a: v, z: 'last', m: v };
      expect(contentHash(record)).toBe(definition(record));
      const build = hashedRecordBuilder<typeof record>();
      expect(build({ ...record }).contentHash).toBe(definition(record));
    }
    expect(contentHash({})).toBe(definition({}));
  });

  it('matches the definition on random strings and numbers', () => {
    let seed = 42;
    const next = () => ((seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) / 2 ** 32);
    const build = hashedRecordBuilder<{ id: string; name: string; n: number; when: Date }>();
    for (let i = 0; i < 3000; i++) {
      const name = String.fromCharCode(...Array.from({ length: Math.floor(next() * 12) }, () => (next() < 0.7 ? 32 + Math.floor(next() * 95) : Math.floor(next() * 0x10000))));
      const record = { id: `id-${i}`, name, n: Math.round((next() - 0.5) * 1e6) / 100, when: new Date(Math.floor(next() * 4e12)) };
      expect(build({ ...record }).contentHash).toBe(definition(record));
    }
  });
});
