import { parsePax8Date } from '../dates';
import { Pax8ResponseError } from '../errors';
import { EnumKind, KNOWN_VALUES, NORMALISE } from '../inferences';
import { DecimalString, toDecimalString } from '../money';
import { WarnOnce } from '../warnings';

export type Raw = Record<string, unknown>;

/**
 * Field readers shared by every parser. They are tolerant: a missing, null or wrongly typed field
 * becomes undefined; extra fields are ignored; surprises are reported once through WarnOnce.
 */
export class ParseContext {
  constructor(
    readonly warnings: WarnOnce,
    /** The request being parsed, for error messages. */
    readonly method = '',
    readonly path = '',
  ) {}

  private get source(): string {
    return this.method ? `${this.method} ${this.path}` : 'Pax8 response';
  }

  obj(value: unknown): Raw | undefined {
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Raw) : undefined;
  }

  arr(value: unknown): unknown[] {
    return Array.isArray(value) ? value : [];
  }

  str(value: unknown): string | undefined {
    if (typeof value === 'string') return value;
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    return undefined;
  }

  strings(value: unknown): string[] | undefined {
    if (!Array.isArray(value)) return undefined;
    return value.map((v) => this.str(v)).filter((v): v is string => v !== undefined);
  }

  num(value: unknown): number | undefined {
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
    return undefined;
  }

  bool(value: unknown): boolean | undefined {
    if (typeof value === 'boolean') return value;
    if (value === 'true') return true;
    if (value === 'false') return false;
    return undefined;
  }

  money(value: unknown): DecimalString | undefined {
    return toDecimalString(value);
  }

  date(value: unknown, field: string): Date | undefined {
    if (value === undefined || value === null || value === '') return undefined;
    const d = parsePax8Date(value);
    if (!d) this.warnings.warn(`date:${String(value)}`, `Pax8 sent an unreadable date in ${field}: ${JSON.stringify(String(value).slice(0, 64))}; ignored`);
    return d;
  }

  /** Known values pass; unknown ones are kept as sent and reported once per kind and value. */
  enumValue(kind: EnumKind, value: unknown): string | undefined {
    const raw = this.str(value);
    if (raw === undefined || raw === '') return undefined;
    const normalised = NORMALISE[kind]?.(raw) ?? raw;
    const known = KNOWN_VALUES[kind] as readonly string[];
    if (!known.includes(normalised)) {
      this.warnings.warn(`enum:${kind}:${raw}`, `Pax8 sent an unknown ${kind} value ${JSON.stringify(raw.slice(0, 64))}; kept as is`);
      return raw;
    }
    return normalised;
  }

  /** Ids are the one thing we cannot do without (see MISSING_ID_IS_AN_ERROR in inferences.ts). */
  id(record: Raw, entity: string): string {
    const id = this.str(record.id);
    if (!id) throw new Pax8ResponseError(`Pax8 returned a ${entity} without an id (${this.source})`, { method: this.method, path: this.path });
    return id;
  }

  record(value: unknown, entity: string): Raw {
    const r = this.obj(value);
    if (!r) throw new Pax8ResponseError(`Pax8 returned a ${entity} that is not a JSON object (${this.source})`, { method: this.method, path: this.path });
    return r;
  }
}

/**
 * Without the keys whose value is undefined, so parsed objects print cleanly and compare with toEqual.
 * Copies instead of deleting: `delete` turns an object into a slow dictionary (a sync parses tens of
 * thousands of these, and reading them afterwards was slower and larger).
 */
export function compact<T extends object>(o: T): T {
  let complete = true;
  for (const k in o) if (o[k] === undefined) complete = false;
  if (complete) return o;
  const out = {} as T;
  for (const k in o) if (o[k] !== undefined) out[k] = o[k];
  return out;
}
