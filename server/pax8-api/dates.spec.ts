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
  ])('%s -> %s', (input, iso) => {
    expect(parsePax8Date(input)?.toISOString()).toBe(iso);
  });

  it.each([[''], ['yesterday'], ['2021-02-30'], ['2021-13-01'], [null], [undefined], [12345], ['2021-01-01T25:00:00Z']])(
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
