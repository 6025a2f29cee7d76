import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { EntityMetadata } from 'typeorm/metadata/EntityMetadata';
import { chunks } from '../chunks';
import { FOUR_DIGIT_YEARS, isoString } from '../iso-date';
import { moneyTransformer } from './columns';
import { isSqliteType } from './dialect';

/**
 * Bound parameters per statement, under every supported database's limit (SQLite 32,766 since 3.32,
 * PostgreSQL and MySQL/MariaDB 65,535).
 */
const MAX_PARAMETERS = 30_000;
/** Rows per INSERT: large enough that a page of 200 is one statement, small enough to keep statements cheap to prepare. */
const MAX_ROWS = 500;
/** PostgreSQL's array form binds one parameter per column, so a statement can carry more rows. */
const PG_ROWS_PER_STATEMENT = 2000;

/** Column types every supported driver stores as given (its conversion only handles dates, JSON, booleans, enums). */
const PLAIN_TYPES = new Set(['varchar', 'text', 'int', 'integer', 'decimal']);

/**
 * How one column's values reach the driver: as given for plain columns without a transformer (or with
 * money's, which writes the string as is), else through the driver's own conversion (transformer,
 * dates, JSON, booleans), exactly as TypeORM's inserts. The driver's conversion allocated a fresh
 * array for every plain value it passed through (a third of a cold sync's PostgreSQL allocations).
 */
function persistentValueOf(manager: EntityManager, column: ColumnMetadata): (value: unknown) => unknown {
  const plain = typeof column.type === 'string' && PLAIN_TYPES.has(column.type) && (!column.transformer || column.transformer === moneyTransformer);
  if (plain) return (value) => value ?? null; // mysql2 refuses undefined
  const driverValue = (value: unknown) => manager.connection.driver.preparePersistentValue(value, column) ?? null;
  if (isSqliteType(manager.connection.driver.options.type) && (column.type === Date || column.type === 'datetime') && !column.transformer) {
    return (value) => (value instanceof Date ? (sqliteDatetime(value) ?? driverValue(value)) : driverValue(value));
  }
  return driverValue;
}

/** 1000-01-01 and 10000-01-01 UTC, in ms: the years `toISOString` writes as four digits, as TypeORM does. */
const ISO_YEARS = [Date.UTC(1000, 0, 1), Date.UTC(10000, 0, 1)] as const;

/**
 * The text TypeORM's SQLite drivers store for a datetime ('YYYY-MM-DD HH:MM:SS.mmm', UTC), from its ISO text
 * (TypeORM joins 13 pieces: the largest share of a cold sync's allocations on SQLite, 250 of 1,700 MB at 40,000
 * subscriptions). Null outside the years 1000–9999 or for an invalid date: the driver converts those itself.
 */
export function sqliteDatetime(value: Date): string | null {
  const t = value.getTime();
  if (!(t >= ISO_YEARS[0] && t < ISO_YEARS[1])) return null;
  return isoString(value).replace('T', ' ').slice(0, 23);
}

/** The table's name quoted for the driver (with its schema when it has one). */
const tableName = (manager: EntityManager, meta: EntityMetadata) =>
  meta.tablePath
    .split('.')
    .map((part) => manager.connection.driver.escape(part))
    .join('.');

/**
 * Multi-row INSERT of plain objects (property names as on the entity) with raw parameters: no entity
 * objects, no query builder (whose parameter handling grows with the square of the parameters in one
 * statement), no read-back. Every column of the entity is written (absent values as NULL,
 * created/updated timestamps as `now`), so statements of the same size have the same text and
 * drivers that cache prepared statements (better-sqlite3 under TypeORM) prepare each shape once.
 * Runs in the caller's transaction (`manager`). Values go through the driver's own conversion
 * (transformers, dates, JSON, booleans), exactly as TypeORM's own inserts would store them.
 */
export async function insertRows(manager: EntityManager, entity: EntityTarget<ObjectLiteral>, rows: Array<Record<string, unknown>>, now = new Date()): Promise<void> {
  if (!rows.length) return;
  const meta: EntityMetadata = manager.connection.getMetadata(entity);
  const columns = meta.columns.filter((c) => !c.isVirtual && !c.isGenerated);
  const values = columns.map((c) => columnValue(manager, c, now));
  const head = `INSERT INTO ${tableName(manager, meta)} (${columns.map((c) => manager.connection.driver.escape(c.databaseName)).join(', ')}) `;
  if (manager.connection.driver.options.type === 'postgres') return insertByArrays(manager, head, columns, rows, values);
  const perStatement = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMETERS / columns.length)));
  for (const batch of chunks(rows, perStatement)) {
    const params: unknown[] = [];
    const tuples: string[] = [];
    for (const row of batch) {
      const marks: string[] = [];
      for (const value of values) {
        params.push(value(row));
        marks.push(manager.connection.driver.createParameter(`p${params.length - 1}`, params.length - 1));
      }
      tuples.push(`(${marks.join(', ')})`);
    }
    await manager.query(`${head}VALUES ${tuples.join(', ')}`, params);
  }
}

type ColumnValue = (row: Record<string, unknown>) => unknown;

/** A row's value for one column, converted for the driver; created/updated timestamps default to `now`. */
function columnValue(manager: EntityManager, column: ColumnMetadata, now: Date): ColumnValue {
  const convert = persistentValueOf(manager, column);
  const key = column.propertyName;
  return column.isCreateDate || column.isUpdateDate ? (row) => convert(row[key] ?? now) : (row) => convert(row[key]);
}

/**
 * PostgreSQL: one array parameter per column, unnested into rows. A VALUES list binds rows × columns
 * parameters, which PostgreSQL parses and types one by one: with 26 columns this was 4× slower
 * (40,000 subscriptions: 7.5–8.4 s against 1.9–2.2 s on this machine kind). A column with the same value
 * in every row (the tenant, the timestamps a write sets, a column no row fills) is bound once, as a
 * scalar: no array to build for it here, none for PostgreSQL to parse.
 */
async function insertByArrays(manager: EntityManager, head: string, columns: ColumnMetadata[], rows: Array<Record<string, unknown>>, values: ColumnValue[]): Promise<void> {
  const driver = manager.connection.driver;
  for (const batch of chunks(rows, PG_ROWS_PER_STATEMENT)) {
    const params: unknown[] = [];
    const unnested: string[] = [];
    const selected = values.map((value, i) => {
      const column = batch.map(value);
      const type = driver.normalizeType(columns[i]);
      const parameter = driver.createParameter(`p${params.length}`, params.length);
      // The statement needs one array at least: its length is the number of rows.
      if (sameInEveryRow(column) && (unnested.length || i < values.length - 1)) {
        params.push(column[0]);
        return `${parameter}::${type}`;
      }
      params.push(pgArrayLiteral(column));
      unnested.push(`${parameter}::${type}[]`);
      return `u.c${unnested.length - 1}`;
    });
    const names = unnested.map((_, i) => `c${i}`).join(', ');
    await manager.query(`${head}SELECT ${selected.join(', ')} FROM unnest(${unnested.join(', ')}) AS u(${names})`, params);
  }
}

/** True when every value is the first one (Dates by their time). */
function sameInEveryRow(values: unknown[]): boolean {
  const first = values[0];
  if (first instanceof Date) {
    const t = first.getTime();
    return values.every((v) => v instanceof Date && v.getTime() === t);
  }
  return values.every((v) => v === first);
}

/**
 * An escape JSON wrote for something other than `"` or `\\` (a control character, a lone surrogate): an
 * odd run of backslashes, so its last one escapes the next character, and that character is neither.
 */
const OTHER_ESCAPE = /(?<!\\)(?:\\\\)*\\[^"\\]/;

/**
 * A column's values as one PostgreSQL array literal (`{"a",null,"b"}`), by `JSON.stringify`, which is
 * native: building it in JavaScript, piece by piece, was about a sixth of a cold sync's engine time on
 * PostgreSQL. JSON quotes strings and escapes `"` and `\\` with a backslash, as an array literal does,
 * and its unquoted `null` is an array literal's NULL. A Date becomes its ISO text: pg writes a Date as
 * local time with its offset, which in UTC is that text. Anything JSON would write differently (a
 * control character, a lone surrogate, a non-finite number, a Date outside UTC or years 1–9999, an
 * object) leaves the array to pg's own conversion.
 */
export function pgArrayLiteral(values: unknown[]): string | unknown[] {
  let texts: unknown[] | undefined;
  let datesOnly = true; // and nulls
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) continue;
    if (typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))) {
      datesOnly = false;
      continue;
    }
    if (!(v instanceof Date) || v.getTimezoneOffset() !== 0) return values;
    const t = v.getTime();
    if (!(t >= FOUR_DIGIT_YEARS[0] && t < FOUR_DIGIT_YEARS[1])) return values;
    (texts ??= values.slice())[i] = isoString(v);
  }
  // ISO text holds no character an array literal quotes: a column of dates needs no JSON (a fifth of the time here).
  if (texts && datesOnly) {
    for (let i = 0; i < texts.length; i++) texts[i] ??= 'NULL';
    return `{${texts.join(',')}}`;
  }
  const json = JSON.stringify(texts ?? values);
  if (json.includes('\\') && OTHER_ESCAPE.test(json)) return values;
  return `{${json.slice(1, -1)}}`;
}

/**
 * Selected columns (property names) of the rows whose `keyProperty` is in `keys`, scoped to the
 * tenant, read raw (no entity hydration). Values come back as the driver returns them: compare
 * strings and test for null, do not rely on Date objects.
 */
export async function selectRawByKeys(
  manager: EntityManager,
  entity: EntityTarget<ObjectLiteral>,
  tenantId: string,
  keyProperty: string,
  keys: string[],
  properties: string[],
): Promise<Array<Record<string, unknown>>> {
  if (!keys.length) return [];
  const meta = manager.connection.getMetadata(entity);
  const driver = manager.connection.driver;
  const col = (p: string) => driver.escape(meta.findColumnWithPropertyName(p)!.databaseName);
  const out: Array<Record<string, unknown>> = [];
  const perStatement = Math.min(MAX_ROWS, MAX_PARAMETERS - 1);
  for (let start = 0; start < keys.length; start += perStatement) {
    const slice = keys.slice(start, start + perStatement);
    const marks = slice.map((_, i) => driver.createParameter(`k${i + 1}`, i + 1));
    const sql =
      `SELECT ${properties.map((p) => `${col(p)} AS ${driver.escape(p)}`).join(', ')} FROM ${tableName(manager, meta)}` +
      ` WHERE ${col('tenantId')} = ${driver.createParameter('t', 0)} AND ${col(keyProperty)} IN (${marks.join(', ')})`;
    out.push(...((await manager.query(sql, [tenantId, ...slice])) as Array<Record<string, unknown>>));
  }
  return out;
}
