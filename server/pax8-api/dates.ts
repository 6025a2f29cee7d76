/**
 * The ONE place Pax8 dates are parsed (pax8-api.md §2, §13: the API mixes formats, even within a record).
 * Accepted:
 *   2021-01-01T08:30:00Z              ISO with Z
 *   2020-12-01T13:20:13.153-0700      offset without a colon
 *   2020-12-01T13:20:13.153+07:00     offset with a colon
 *   2025-03-04T10:12:00.123456Z       1..9 fraction digits (truncated to milliseconds)
 *   2025-03-04T10:12:00               no zone: read as UTC (Pax8 works in UTC) [inference]
 *   2025-03-04                        plain date: UTC midnight
 * Anything else gives undefined; the caller reports it once through the warnings sink.
 */
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

export function parsePax8Date(value: unknown): Date | undefined {
  if (value instanceof Date) return isNaN(value.getTime()) ? undefined : value;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  let m = DATE_ONLY.exec(text);
  if (m) return utc(+m[1], +m[2], +m[3], 0, 0, 0, 0, 0);
  m = DATE_TIME.exec(text);
  if (!m) return undefined;
  const ms = m[7] ? Math.floor(Number((m[7] + '00').slice(0, 3))) : 0;
  return utc(+m[1], +m[2], +m[3], +m[4], +m[5], m[6] ? +m[6] : 0, ms, offsetMinutes(m[8]));
}

/** Formats a date as Pax8's plain `yyyy-MM-dd` (usageDate, invoice date filters), in UTC. */
export function formatPax8Date(date: Date | string): string {
  if (typeof date === 'string') return date;
  return date.toISOString().slice(0, 10);
}

/** Formats a timestamp for query parameters such as cancelDate (ISO 8601 with Z). */
export function formatPax8DateTime(date: Date | string): string {
  return typeof date === 'string' ? date : date.toISOString();
}

function offsetMinutes(zone: string | undefined): number {
  if (!zone || zone === 'Z' || zone === 'z') return 0;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  return sign * (hours * 60 + minutes);
}

function utc(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number, offsetMin: number): Date | undefined {
  // Reject roll-overs such as 2021-02-30 instead of silently moving to March.
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 24 || mi > 59 || s > 60) return undefined;
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms) - offsetMin * 60_000);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in month `mo` (1–12) of year `y`, Gregorian, as Date.UTC counts them (it reads years 0–99 as 1900–1999). */
function daysInMonth(year: number, mo: number): number {
  const y = year >= 0 && year <= 99 ? 1900 + year : year;
  return mo === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : DAYS_IN_MONTH[mo - 1];
}
