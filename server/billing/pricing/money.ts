import Decimal from 'decimal.js';

/**
 * The decimal type of the pricing path: its own clone so a host's global Decimal settings cannot change
 * our results. 40 significant digits hold any DECIMAL(19,4) amount times any percentage, or times any safe-integer quantity,
 * exactly; the only inexact step (÷ months) is then rounded once, half away from zero.
 */
export const Money = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -100, toExpPos: 100 });
export type Money = InstanceType<typeof Money>;

/** A decimal string: optional minus, digits, optional fraction. No exponents, no spaces, no thousands separators. */
const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;

/** DECIMAL(19,4): 15 integer digits, 4 fraction digits. */
export const MAX_MONEY = '999999999999999.9999';

export function isDecimalText(value: unknown): value is string {
  return typeof value === 'string' && DECIMAL_TEXT.test(value);
}

export function decimalPlaces(value: string): number {
  const dot = value.indexOf('.');
  return dot < 0 ? 0 : value.length - dot - 1;
}

/** Half away from zero (ROUND_HALF_UP in decimal.js rounds ties away from zero, for negatives too). */
export const round = (value: Money, places: number): Money => value.toDecimalPlaces(places, Money.ROUND_HALF_UP);

export const fixed = (value: Money, places: number): string => round(value, places).toFixed(places);

export const fitsMoneyColumn = (value: Money): boolean => value.abs().lte(MAX_MONEY);
