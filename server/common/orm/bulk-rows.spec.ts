import { DateUtils } from 'typeorm/util/DateUtils';
import { pgArrayLiteral, sqliteDatetime } from './bulk-rows';

describe('sqliteDatetime', () => {
  it("writes the same text as TypeORM's SQLite conversion, to the millisecond", () => {
    const dates = [
      new Date(Date.UTC(2026, 10, 2, 12, 30, 45, 678)),
      new Date(Date.UTC(2024, 1, 29, 0, 0, 0, 0)), // a leap day at midnight
      new Date(Date.UTC(1999, 11, 31, 23, 59, 59, 999)),
      new Date(Date.UTC(1000, 0, 1, 0, 0, 0, 0)),
      new Date(Date.UTC(9999, 11, 31, 23, 59, 59, 999)),
      new Date(Date.UTC(2025, 2, 4, 10, 12, 0, 5)),
      new Date('2020-12-01T13:20:13.153-07:00'), // an offset: stored in UTC
    ];
    for (let i = 0; i < 500; i++) dates.push(new Date(Date.UTC(1000, 0, 1) + Math.floor(Math.random() * (Date.UTC(10000, 0, 1) - Date.UTC(1000, 0, 1)))));
    for (const d of dates) expect(sqliteDatetime(d)).toBe(DateUtils.mixedDateToUtcDatetimeString(d));
  });

  it('leaves years TypeORM may write otherwise, and invalid dates, to the driver', () => {
    expect(sqliteDatetime(new Date(Date.UTC(999, 11, 31, 23, 59, 59, 999)))).toBeNull();
    expect(sqliteDatetime(new Date(Date.UTC(10000, 0, 1)))).toBeNull();
    expect(sqliteDatetime(new Date(-8.64e15))).toBeNull();
    expect(sqliteDatetime(new Date(NaN))).toBeNull();
  });
});

describe('pgArrayLiteral', () => {
  it('writes strings, NULLs and numbers as an array literal, with quotes and backslashes escaped', () => {
    expect(pgArrayLiteral(['a', null, undefined, 5, -0.25, '', 'NULL', 'say "hi" \\ bye', '{a,b}'])).toBe('{"a",null,null,5,-0.25,"","NULL","say \\"hi\\" \\\\ bye","{a,b}"}');
  });

  it('tells an escaped backslash before a letter from a control character', () => {
    expect(pgArrayLiteral(['back\\nslash', '\\\\t'])).toBe('{"back\\\\nslash","\\\\\\\\t"}');
    const newlineAfterBackslash = ['\\\n'];
    expect(pgArrayLiteral(newlineAfterBackslash)).toBe(newlineAfterBackslash);
  });

  it('writes a column of Dates as their ISO text, unquoted, and its nulls as NULL', () => {
    expect(pgArrayLiteral([new Date(Date.UTC(2026, 10, 2, 12, 30, 45, 678)), null, undefined, new Date('0001-01-01T00:00:00.000Z')])).toBe('{2026-11-02T12:30:45.678Z,NULL,NULL,0001-01-01T00:00:00.000Z}');
  });

  it('quotes a Date among text as text', () => {
    expect(pgArrayLiteral([new Date(Date.UTC(2026, 10, 2, 12, 30, 45, 678)), null, 'x'])).toBe('{"2026-11-02T12:30:45.678Z",null,"x"}');
  });

  it.each([
    ['a control character', ['ok', 'line\nbreak']],
    ['a lone surrogate', ['half \ud800']],
    ['a non-finite number', [1, NaN]],
    ['an object', [{ a: 1 }]],
    ['a year past 9999', [new Date(Date.UTC(10000, 0, 1))]],
  ])('leaves %s to pg: the array comes back as is', (_, values) => {
    expect(pgArrayLiteral(values)).toBe(values);
  });

  it('leaves a Date to pg where the process zone is not UTC (pg writes local time)', () => {
    const offset = jest.spyOn(Date.prototype, 'getTimezoneOffset').mockReturnValue(300);
    try {
      const values = [new Date(Date.UTC(2026, 0, 1))];
      expect(pgArrayLiteral(values)).toBe(values);
    } finally {
      offset.mockRestore();
    }
  });
});
