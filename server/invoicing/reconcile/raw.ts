import Decimal from 'decimal.js';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * Reads only the named columns as plain rows: for tens of thousands of rows, TypeORM's entity
 * hydration costs about ten times the query. Values come back per driver (SQLite: numbers and date
 * strings; PostgreSQL and MariaDB: decimal strings and Dates), so they pass through the helpers below.
 */
export async function selectRaw<T extends ObjectLiteral, K extends string>(q: SelectQueryBuilder<T>, alias: string, columns: readonly K[]): Promise<Array<Record<K, unknown>>> {
  q.select([]);
  for (const c of columns) q.addSelect(`${alias}.${c}`, c);
  return q.getRawMany();
}

// PostgreSQL and MariaDB hand DECIMAL(19,4) back in exactly this form: no decimal.js round trip for it.
const FOUR_PLACES = /^-?(?:0|[1-9]\d*)\.\d{4}$/;

/** A DECIMAL column as a 4-place decimal string (or null). */
export const moneyOf = (v: unknown): string | null => {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' && FOUR_PLACES.test(v) && !/^-0\.0000$/.test(v)) return v;
  return new Decimal(v as Decimal.Value).toFixed(4);
};

/** A date-time column as a Date; SQLite hands back 'yyyy-MM-dd HH:mm:ss.SSS' in UTC. */
export function dateOf(v: unknown): Date | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v;
  const s = String(v);
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : `${s.replace(' ', 'T')}Z`);
}

export const textOf = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
