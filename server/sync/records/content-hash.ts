import { hash } from 'node:crypto';
import { isoString } from '../../common/iso-date';

/**
 * The hash covers the fields as `JSON.stringify` writes the sorted `[name, value]` pairs, Dates as their
 * ISO text and missing values as null. Stored hashes depend on that text: it must never change, or every
 * row would look changed to the next sync.
 *
 * The text is built here piece by piece instead of by `JSON.stringify(pairs)`: the pairs (an array per
 * field) and the nested stringify were half the CPU of turning a Pax8 page into records. A string goes
 * between quotes as it is unless it holds a character JSON escapes (a quote, a backslash, a control
 * character) or a surrogate, which `JSON.stringify` writes; numbers, objects and arrays are its own text.
 */
const ESCAPED_IN_JSON = /["\\\u0000-\u001f\ud800-\udfff]/;

function valueText(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return ESCAPED_IN_JSON.test(v) ? JSON.stringify(v) : '"' + v + '"';
  if (v instanceof Date) return '"' + isoString(v) + '"';
  return JSON.stringify(v) ?? 'null'; // a function or symbol: null, as in an array
}

/** The text before each field's value: `[["name",` for the first, `,["name",` for the others. */
const fieldHeads = (sortedKeys: readonly string[]) => sortedKeys.map((k, i) => `${i ? ',' : '['}[${JSON.stringify(k)},`);

function hashText(sortedKeys: readonly string[], heads: readonly string[], fields: Record<string, unknown>): string {
  if (!sortedKeys.length) return '[]';
  let text = '';
  for (let i = 0; i < sortedKeys.length; i++) text += heads[i] + valueText(fields[sortedKeys[i]]) + ']';
  return text + ']';
}

/** A stable hash of the synced fields: a re-sync writes a row only when this changes. */
export function contentHash(fields: Record<string, unknown>): string {
  const keys = Object.keys(fields).sort();
  return hash('sha256', hashText(keys, fieldHeads(keys), fields), 'hex');
}

/**
 * `fields` with its `contentHash` added in place, for a record builder whose fields object always has
 * the same keys: they are sorted once, not per record, and no copy of the record is made (the copies
 * were a tenth of a cold sync's allocations). The hash equals `contentHash(fields)`.
 */
export function hashedRecordBuilder<F extends Record<string, unknown>>(): (fields: F) => F & { contentHash: string } {
  let keys: string[] | undefined;
  let heads: string[] = [];
  return (fields) => {
    if (!keys) heads = fieldHeads((keys = Object.keys(fields).sort()));
    const record = fields as F & { contentHash: string };
    record.contentHash = hash('sha256', hashText(keys, heads, fields), 'hex');
    return record;
  };
}
