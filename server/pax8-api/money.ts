import Decimal from 'decimal.js';

/**
 * Money as a decimal string, never a float. Pax8 sends JSON numbers (e.g. 16.3680, which JSON.parse has
 * already turned into 16.368). We keep the EXACT shortest decimal form of that number ("16.368", "15",
 * "0.000123") rather than padding to 4 places: no rounding happens in the client, so tiny Azure usage
 * rates survive; the database column (DECIMAL(19,4)) and the billing rules decide scale and rounding.
 * Numeric strings (should Pax8 ever quote amounts) are accepted and normalised the same way.
 */
export type DecimalString = string;

export function toDecimalString(value: unknown): DecimalString | undefined {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    // Decimal(number) starts from the number's shortest round-trip text, String(number), and toFixed() only
    // rewrites its exponent form (1e-7, 1e21) and negative zero: String's text is the answer for all others,
    // without a Decimal per amount (two per subscription: about 80 ms of a 2,000 / 40,000 cold sync's engine CPU).
    const text = String(value);
    if (!text.includes('e') && !Object.is(value, -0)) return text;
    return new Decimal(value).toFixed();
  }
  if (typeof value === 'string' && value.trim() !== '') {
    try {
      const d = new Decimal(value.trim());
      return d.isFinite() ? d.toFixed() : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}
