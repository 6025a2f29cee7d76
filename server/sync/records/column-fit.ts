import Decimal from 'decimal.js';
import type { DataSource, EntityTarget } from 'typeorm';

/** A field of a Pax8 record the database could not hold as sent; the raw value is kept on the row. */
export interface OddValue {
  raw: unknown;
  reason: string;
}
export type OddValues = Record<string, OddValue>;

/** One odd record field, as the run's warnings report it. */
export interface SyncWarning {
  entity: string;
  pax8Id: string;
  field: string;
  reason: string;
  /** What was stored instead: the record was skipped, the field left empty, or display text shortened. */
  stored: 'skipped' | 'null' | 'truncated' | 'cleaned';
}

type Limit = { kind: 'text'; length: number } | { kind: 'int' } | { kind: 'decimal'; integerDigits: number; scale: number };

const INT32_MAX = 2_147_483_647;
/** Display text a reader still recognises when shortened; everything else (codes, ids, URLs) is left empty instead. */
const SHORTENABLE = new Set(['name', 'productName', 'vendorName', 'street', 'city', 'stateOrProvince']);
const codePoints = (s: string) => [...s].length;
const plainDecimals = new Map<string, RegExp>();
/** Matches decimal strings that certainly fit `limit` (digits within both bounds, no exponent). */
const plainDecimal = (limit: { integerDigits: number; scale: number }) => {
  const key = `${limit.integerDigits},${limit.scale}`;
  let re = plainDecimals.get(key);
  if (!re) plainDecimals.set(key, (re = new RegExp(`^-?\\d{1,${limit.integerDigits}}(\\.\\d{1,${limit.scale}})?$`)));
  return re;
};

/**
 * Makes a record fit its table's columns without ever changing money or quantity silently: a value
 * that does not fit is stored empty (or, for display text, shortened) and kept raw in `oddValues`,
 * and each such field becomes a warning. A record whose key does not fit cannot be stored at all.
 */
export class ColumnFit {
  /** Checked per record, so a plain array (iterating a Map allocated an entry per field). */
  private readonly limits: Array<{ field: string; limit: Limit }> = [];

  constructor(
    dataSource: DataSource,
    entity: EntityTarget<unknown>,
    private readonly entityName: string,
    private readonly keys: string[],
  ) {
    for (const c of dataSource.getMetadata(entity).columns) {
      const type = String(typeof c.type === 'function' ? c.type.name : c.type).toLowerCase();
      if (type === 'varchar' && c.length) this.limits.push({ field: c.propertyName, limit: { kind: 'text', length: Number(c.length) } });
      else if (type === 'int' || type === 'integer') this.limits.push({ field: c.propertyName, limit: { kind: 'int' } });
      else if (type === 'decimal') this.limits.push({ field: c.propertyName, limit: { kind: 'decimal', integerDigits: (c.precision ?? 19) - (c.scale ?? 0), scale: c.scale ?? 0 } });
    }
  }

  /**
   * The record as it can be stored (with `oddValues`), or null when its key cannot be stored. A record
   * whose fields all fit is returned itself, with `oddValues: null` added; a copy is made only to change
   * a field (copying every record was a tenth of a cold sync's allocations).
   */
  fit<R extends { pax8Id: string }>(record: R, warnings: SyncWarning[]): (R & { oddValues: OddValues | null }) | null {
    let out: Record<string, unknown> | undefined;
    let odd: OddValues | undefined;
    const warn = (field: string, reason: string, stored: SyncWarning['stored']) => warnings.push({ entity: this.entityName, pax8Id: record.pax8Id, field, reason, stored });
    for (const { field, limit } of this.limits) {
      const value = (record as Record<string, unknown>)[field];
      if (value === null || value === undefined) continue;
      const problem = this.problem(value, limit);
      if (!problem) continue;
      if (this.keys.includes(field)) {
        warn(field, problem, 'skipped');
        return null;
      }
      out ??= { ...record };
      (odd ??= {})[field] = { raw: value, reason: problem };
      if (problem === 'contains NUL characters') {
        out[field] = (value as string).replace(/\u0000/g, '');
        if (!this.problem(out[field], limit)) {
          warn(field, problem, 'cleaned');
          continue;
        }
      }
      if (limit.kind === 'text' && SHORTENABLE.has(field)) {
        out[field] = [...String(out[field])].slice(0, limit.length - 1).join('') + '…';
        warn(field, problem, 'truncated');
      } else {
        out[field] = null;
        warn(field, problem, 'null');
      }
    }
    const fitted = (out ?? record) as R & { oddValues: OddValues | null };
    fitted.oddValues = odd ?? null;
    return fitted;
  }

  private problem(value: unknown, limit: Limit): string | null {
    if (limit.kind === 'text') {
      const s = String(value);
      if (s.includes('\u0000')) return 'contains NUL characters';
      // UTF-16 units ≥ code points, so a short string needs no count (the profile showed the spread on every field).
      if (s.length <= limit.length) return null;
      return codePoints(s) > limit.length ? `longer than ${limit.length} characters (${codePoints(s)})` : null;
    }
    if (limit.kind === 'int') {
      const n = Number(value);
      if (!Number.isInteger(n)) return `not a whole number (${value})`;
      return Math.abs(n) > INT32_MAX ? `out of range (${value})` : null;
    }
    // The usual plain decimal string fits without building a Decimal.
    if (typeof value === 'string' && plainDecimal(limit).test(value)) return null;
    let d: Decimal;
    try {
      d = new Decimal(value as string);
    } catch {
      return `not a number (${value})`;
    }
    if (!d.isFinite()) return `not a finite number (${value})`;
    if (d.abs().gte(new Decimal(10).pow(limit.integerDigits))) return `more than ${limit.integerDigits} digits before the decimal point (${value})`;
    return d.decimalPlaces() > limit.scale ? `more than ${limit.scale} decimal places (${value}); not rounded` : null;
  }
}
