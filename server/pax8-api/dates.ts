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
  const scanned = scanDate(text);
  if (scanned !== NOT_SCANNED) return scanned;
  let m = DATE_ONLY.exec(text);
  if (m) return utc(+m[1], +m[2], +m[3], 0, 0, 0, 0, 0);
  m = DATE_TIME.exec(text);
  if (!m) return undefined;
  const ms = m[7] ? Math.floor(Number((m[7] + '00').slice(0, 3))) : 0;
  return utc(+m[1], +m[2], +m[3], +m[4], +m[5], m[6] ? +m[6] : 0, ms, offsetMinutes(m[8]));
}

const NOT_SCANNED = null;

/** The value of the ASCII digit at `i`, or -1. */
function digitAt(text: string, i: number): number {
  const c = text.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

/** The number the `count` ASCII digits from `i` make, or -1 when one of them is not a digit (or missing). */
function digitsAt(text: string, i: number, count: number): number {
  let n = 0;
  for (let k = 0; k < count; k++) {
    const d = digitAt(text, i + k);
    if (d < 0) return -1;
    n = n * 10 + d;
  }
  return n;
}

/**
 * The two regular expressions' reading of the common shapes (every date a sync meets), by character codes:
 * `yyyy-MM-dd`, and `yyyy-MM-dd[T ]HH:mm[:ss[.fraction]]` with Z, z, ±HH, ±HHmm or ±HH:mm or no zone. The
 * regular expressions' captures were a substring each, and with the conversions a fifth of turning a page of
 * subscriptions into records. NOT_SCANNED for any other text (whitespace before the zone, say): the regular
 * expressions read it. Both readings end in the same `utc`.
 */
function scanDate(text: string): Date | undefined | typeof NOT_SCANNED {
  const n = text.length;
  if (n < 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return NOT_SCANNED; // '-'
  const y = digitsAt(text, 0, 4);
  const mo = digitsAt(text, 5, 2);
  const d = digitsAt(text, 8, 2);
  if (y < 0 || mo < 0 || d < 0) return NOT_SCANNED;
  if (n === 10) return utc(y, mo, d, 0, 0, 0, 0, 0);
  const sep = text.charCodeAt(10);
  if ((sep !== 84 && sep !== 32) || n < 16 || text.charCodeAt(13) !== 58) return NOT_SCANNED; // 'T' or ' ', ':'
  const h = digitsAt(text, 11, 2);
  const mi = digitsAt(text, 14, 2);
  if (h < 0 || mi < 0) return NOT_SCANNED;
  let i = 16;
  let sec = 0;
  let ms = 0;
  if (text.charCodeAt(i) === 58) {
    sec = digitsAt(text, i + 1, 2);
    if (sec < 0) return NOT_SCANNED;
    i += 3;
    const c = text.charCodeAt(i);
    if (c === 46 || c === 44) {
      // '.' or ',': 1 to 9 digits, of which the first three (padded with zeros) are the milliseconds
      let count = 0;
      for (let digit; (digit = digitAt(text, i + 1 + count)) >= 0; count++) if (count < 3) ms = ms * 10 + digit;
      if (count < 1 || count > 9) return NOT_SCANNED;
      for (let k = count; k < 3; k++) ms *= 10;
      i += 1 + count;
    }
  }
  if (i === n) return utc(y, mo, d, h, mi, sec, ms, 0);
  const z = text.charCodeAt(i);
  if (z === 90 || z === 122) return i + 1 === n ? utc(y, mo, d, h, mi, sec, ms, 0) : NOT_SCANNED; // 'Z', 'z'
  if (z !== 43 && z !== 45) return NOT_SCANNED; // '+', '-'
  const oh = digitsAt(text, i + 1, 2);
  if (oh < 0) return NOT_SCANNED;
  let om = 0;
  const rest = n - (i + 3);
  if (rest === 2) om = digitsAt(text, i + 3, 2);
  else if (rest === 3 && text.charCodeAt(i + 3) === 58) om = digitsAt(text, i + 4, 2);
  else if (rest !== 0) return NOT_SCANNED;
  if (om < 0) return NOT_SCANNED;
  return utc(y, mo, d, h, mi, sec, ms, (z === 45 ? -1 : 1) * (oh * 60 + om));
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
