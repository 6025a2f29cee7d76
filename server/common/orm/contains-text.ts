import { Brackets, DataSource } from 'typeorm';
import { isSqlite } from './dialect';

const ESCAPE = '!';
const registered = new WeakSet<object>();

/**
 * SQLite's LOWER() folds ASCII only ("ÉCOLE" stays "ÉCOLE"); PostgreSQL and MySQL fold every letter.
 * On SQLite the plugin's own `pax8_lower()` (JavaScript's toLowerCase) is registered once per
 * connection, so a search answers the same on every database.
 */
export function lowerFunction(ds: DataSource): string {
  if (!isSqlite(ds)) return 'LOWER';
  const db = (ds.driver as unknown as { databaseConnection?: { function?: (name: string, opts: object, fn: (v: unknown) => unknown) => void } }).databaseConnection;
  if (db?.function && !registered.has(db)) {
    db.function('pax8_lower', { deterministic: true }, (v) => (v === null || v === undefined ? null : String(v).toLowerCase()));
    registered.add(db);
  }
  return registered.has(db ?? {}) ? 'pax8_lower' : 'LOWER';
}

/**
 * "Any of these columns contains `term`", case-insensitively, with `%`, `_` and the escape character
 * taken literally. `!` is the escape character because a backslash means different things inside
 * string literals on PostgreSQL and MySQL.
 */
export function containsText(ds: DataSource, columns: string[], term: string, param = 'containsText'): Brackets {
  const like = containsPattern(term);
  const lower = lowerFunction(ds);
  return new Brackets((b) => {
    columns.forEach((column, i) => {
      const sql = containsCondition(lower, column, param);
      if (i === 0) b.where(sql, { [param]: like });
      else b.orWhere(sql, { [param]: like });
    });
  });
}

/** The LIKE pattern for "contains `term`", lower-cased, with `%`, `_` and `!` escaped. */
export function containsPattern(term: string): string {
  return `%${term.toLowerCase().replace(/[%_!]/g, (ch) => `${ESCAPE}${ch}`)}%`;
}

/** One column's condition for a pattern from containsPattern bound to `:param` (for hand-written SQL). */
export function containsCondition(lower: string, column: string, param: string): string {
  return `${lower}(${column}) LIKE :${param} ESCAPE '${ESCAPE}'`;
}
