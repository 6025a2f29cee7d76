/**
 * Date handling. The store keeps date-times canonical ('2021-01-01T08:30:00Z') and dates as 'yyyy-MM-dd';
 * the mixed live formats (§2, §13) are applied only when rendering, so store logic can compare strings.
 */
import { hashString } from './random';

const DAY = 86_400_000;
export { DAY };

export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19) + 'Z';
}
export function dateOnly(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
/** Lenient parse of every format the API uses (plain dates, Z, colon-less offsets, 6 fraction digits). */
export function parseDate(s: unknown): number | undefined {
  if (typeof s !== 'string' || s.length < 10) return undefined;
  let v = s.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) v += 'T00:00:00Z';
  // Trim fractions beyond milliseconds, add a colon to a bare offset.
  v = v.replace(/(\.\d{3})\d+/, '$1').replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : t;
}
export function addMonths(ms: number, months: number): number {
  const d = new Date(ms);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.getTime();
}
export function startOfMonth(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

/** Live variants: 'Z', '.153-0700' (no colon), 6 fraction digits, and (where allowed) a plain date. */
export function renderDateTime(canonical: unknown, salt: string, allowPlain: boolean, mixed: boolean): unknown {
  if (typeof canonical !== 'string') return canonical;
  const t = parseDate(canonical);
  if (t === undefined) return canonical;
  if (!mixed) return isoSeconds(t);
  const variant = hashString(salt) % (allowPlain ? 4 : 3);
  switch (variant) {
    case 0:
      return isoSeconds(t);
    case 1: {
      const local = new Date(t - 7 * 3_600_000).toISOString(); // shown in UTC-7, as in the spec example
      return local.slice(0, 23) + '-0700';
    }
    case 2:
      return new Date(t).toISOString().slice(0, 23) + ((t % 997) + '').padStart(3, '0') + 'Z';
    default:
      return dateOnly(t);
  }
}
