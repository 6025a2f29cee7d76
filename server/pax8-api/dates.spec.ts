import { formatPax8Date, parsePax8Date } from './dates';

describe('parsePax8Date', () => {
  it.each([
    ['2021-01-01T08:30:00Z', '2021-01-01T08:30:00.000Z'],
    ['2020-12-01T13:20:13.153-0700', '2020-12-01T20:20:13.153Z'],
    ['2020-12-01T13:20:13.153+07:00', '2020-12-01T06:20:13.153Z'],
    ['2025-03-04T10:12:00.123456Z', '2025-03-04T10:12:00.123Z'],
    ['2025-03-04T10:12:00.123456-0700', '2025-03-04T17:12:00.123Z'],
    ['2025-03-04T10:12:00', '2025-03-04T10:12:00.000Z'],
    ['2025-03-04', '2025-03-04T00:00:00.000Z'],
    ['2020-12-03', '2020-12-03T00:00:00.000Z'],
    ['2024-02-29', '2024-02-29T00:00:00.000Z'], // leap years: every 4th, not every 100th, every 400th
    ['2000-02-29T23:59:59Z', '2000-02-29T23:59:59.000Z'],
    ['2025-12-31T23:59:59.999Z', '2025-12-31T23:59:59.999Z'],
  ])('%s -> %s', (input, iso) => {
    expect(parsePax8Date(input)?.toISOString()).toBe(iso);
  });

  it.each([[''], ['yesterday'], ['2021-02-30'], ['2023-02-29'], ['2100-02-29'], ['2025-04-31'], ['2025-06-31T00:00:00Z'], ['2021-13-01'], ['2021-00-10'], ['2021-01-00'], [null], [undefined], [12345], ['2021-01-01T25:00:00Z']])(
    'rejects %p',
    (input) => {
      expect(parsePax8Date(input)).toBeUndefined();
    },
  );

  it('formats plain dates in UTC', () => {
    expect(formatPax8Date(new Date('2025-03-04T23:59:00Z'))).toBe('2025-03-04');
    expect(formatPax8Date('2025-03-04')).toBe('2025-03-04');
  });
});

describe('parsePax8Date reads every text as its regular expressions do', () => {
  // The grammar as first written (the parser keeps these for the shapes its scanner leaves to them).
  const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
  const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;
  const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  const reference = (value: string): string | undefined => {
    const text = value.trim();
    const utc = (y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number, offset: number) => {
      const yy = y >= 0 && y <= 99 ? 1900 + y : y;
      const days = mo === 2 && yy % 4 === 0 && (yy % 100 !== 0 || yy % 400 === 0) ? 29 : DAYS[mo - 1];
      if (mo < 1 || mo > 12 || d < 1 || d > days || h > 24 || mi > 59 || s > 60) return undefined;
      return new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms) - offset * 60_000).toISOString();
    };
    let m = DATE_ONLY.exec(text);
    if (m) return utc(+m[1], +m[2], +m[3], 0, 0, 0, 0, 0);
    m = DATE_TIME.exec(text);
    if (!m) return undefined;
    const zone = m[8];
    let offset = 0;
    if (zone && zone !== 'Z' && zone !== 'z') {
      const digits = zone.slice(1).replace(':', '');
      offset = (zone[0] === '-' ? -1 : 1) * (Number(digits.slice(0, 2)) * 60 + (digits.length > 2 ? Number(digits.slice(2, 4)) : 0));
    }
    return utc(+m[1], +m[2], +m[3], +m[4], +m[5], m[6] ? +m[6] : 0, m[7] ? Math.floor(Number((m[7] + '00').slice(0, 3))) : 0, offset);
  };

  it('on texts built from the grammar, its near misses and random changes', () => {
    let seed = 7;
    const next = () => ((seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) / 2 ** 32);
    const pick = <T,>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)];
    const num = (digits: number, max: number) => String(Math.floor(next() * max)).padStart(digits, '0');
    // Mostly well-formed pieces (so that plenty of texts read), now and then one of their near misses.
    const either = (good: () => string, odd: readonly string[]) => (next() < 0.85 ? good() : pick(odd));
    const pieces = {
      date: () => `${either(() => pick(['2026', '2024', '2000', '0099', num(4, 10_000)]), ['0000', '202', '20266'])}-${either(() => String(1 + Math.floor(next() * 12)).padStart(2, '0'), ['00', '13', '1'])}-${either(() => String(1 + Math.floor(next() * 28)).padStart(2, '0'), ['29', '30', '31', '00', '3'])}`,
      sep: () => either(() => pick(['T', ' ']), ['t', '_', '']),
      time: () => `${either(() => num(2, 24), ['24', '25', '7'])}:${either(() => num(2, 60), ['60', '5'])}`,
      seconds: () => either(() => pick(['', `:${num(2, 60)}`]), [':60', ':61', ':5', ':']),
      fraction: () => either(() => pick(['', `.${num(3, 1000)}`, `,${num(1, 10)}`, `.${num(6, 1e6)}`, `.${num(9, 1e9)}`]), [`.${num(10, 1e10)}`, '.', ',']),
      space: () => either(() => '', [' ', '  ', '\t', '\u00a0']),
      zone: () => either(() => pick(['', 'Z', 'z', `+${num(2, 15)}`, `-${num(2, 15)}${num(2, 60)}`, `+${num(2, 15)}:${num(2, 60)}`]), ['X', '+0', '+07:0', '+07:000', '-07::00', '+070', 'ZZ']),
    };
    const texts: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      let t = pieces.date();
      if (next() < 0.9) t += pieces.sep() + pieces.time() + pieces.seconds() + pieces.fraction() + pieces.space() + pieces.zone();
      if (next() < 0.1) t = pick([' ', '\n', '']) + t + pick([' ', '\t', '']);
      if (next() < 0.1) {
        const at = Math.floor(next() * (t.length + 1));
        t = t.slice(0, at) + pick(['0', '-', ':', ' ', 'T', '.', '٣']) + t.slice(at + (next() < 0.5 ? 1 : 0));
      }
      texts.push(t);
    }
    let read = 0;
    for (const t of texts) {
      const expected = reference(t);
      if (expected) read++;
      expect([t, parsePax8Date(t)?.toISOString()]).toEqual([t, expected]);
    }
    expect(read).toBeGreaterThan(4000); // the corpus holds plenty of dates that read, not only rejects
  });
});
