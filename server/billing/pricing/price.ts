import { decimalPlaces, fitsMoneyColumn, fixed, isDecimalText, MAX_MONEY, Money, round } from './money';
import { monthsPerBillingTerm } from './terms';

export type MarkupType = 'percent' | 'fixed';
export interface Markup {
  type: MarkupType;
  /** Percent ('20' = 20 %) or an amount per unit, as a decimal string. */
  value: string;
}

export type ChargeType = 'Per Unit' | 'Flat Rate';

export interface PriceInput {
  /** Your cost per unit per billing period (Pax8 partner cost, or its price when there is none). */
  cost: string;
  quantity: number;
  billingTerm: string;
  markup: Markup | null;
  overridePrice: string | null;
  /** A "Flat Rate" charge is one amount for the period, not multiplied by quantity. Default 'Per Unit'. */
  chargeType?: ChargeType;
}

export interface PriceResult {
  unitPrice: string;
  periodTotal: string;
  /** Null for One-Time, Trial, Activation (and unknown) terms. */
  monthlyTotal: string | null;
  source: 'override' | 'markup' | 'cost';
  /** Months in the billing period, or null where there is no monthly figure. */
  months: number | null;
  flatRate: boolean;
}

export interface FieldProblem {
  field: string;
  reason: string;
}

/** Invalid input or a result below zero; `problems` names each field, as a 400 body does. */
export class PricingError extends Error {
  constructor(readonly problems: FieldProblem[]) {
    super(problems.map((p) => `${p.field}: ${p.reason}`).join('; '));
    this.name = 'PricingError';
  }
}

export const PERCENT_RANGE = { min: '-100', max: '10000' } as const;
const MONEY_RULE = `a decimal with at most 4 places between -${MAX_MONEY} and ${MAX_MONEY}`;

function checkAmount(value: unknown, field: string, allowNegative: boolean): FieldProblem[] {
  if (!isDecimalText(value) || decimalPlaces(value) > 4 || !fitsMoneyColumn(new Money(value))) {
    return [{ field, reason: allowNegative ? `must be ${MONEY_RULE}` : `must be a decimal with at most 4 places between 0 and ${MAX_MONEY}` }];
  }
  if (!allowNegative && value.startsWith('-') && !new Money(value).eq(0)) return [{ field, reason: `must be a decimal with at most 4 places between 0 and ${MAX_MONEY}` }];
  return [];
}

/** A markup as a user enters it: percent from -100 to 10,000, or a fixed amount within DECIMAL(19,4); 4 places at most. */
export function checkMarkup(markup: unknown, field = 'markup'): FieldProblem[] {
  if (markup === null || markup === undefined) return [];
  const m = markup as Partial<Markup>;
  if (typeof m !== 'object' || (m.type !== 'percent' && m.type !== 'fixed')) return [{ field: `${field}.type`, reason: "must be 'percent' or 'fixed'" }];
  if (m.type === 'fixed') return checkAmount(m.value, `${field}.value`, true);
  const v = m.value;
  if (!isDecimalText(v) || decimalPlaces(v) > 4 || new Money(v).lt(PERCENT_RANGE.min) || new Money(v).gt(PERCENT_RANGE.max)) {
    return [{ field: `${field}.value`, reason: `must be a percentage from ${PERCENT_RANGE.min} to ${PERCENT_RANGE.max} with at most 4 decimal places` }];
  }
  return [];
}

/** An override unit price: 0 or more, at most 4 places, within DECIMAL(19,4). */
export function checkOverridePrice(value: unknown, field = 'overridePrice'): FieldProblem[] {
  return value === null || value === undefined ? [] : checkAmount(value, field, false);
}

function checkInput(input: PriceInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!isDecimalText(input.cost)) problems.push({ field: 'cost', reason: 'must be a decimal string' });
  if (!Number.isSafeInteger(input.quantity) || input.quantity < 0) problems.push({ field: 'quantity', reason: 'must be a whole number of 0 or more' });
  if (input.chargeType !== undefined && input.chargeType !== 'Per Unit' && input.chargeType !== 'Flat Rate') problems.push({ field: 'chargeType', reason: "must be 'Per Unit' or 'Flat Rate'" });
  return [...problems, ...checkMarkup(input.markup), ...checkOverridePrice(input.overridePrice)];
}

/**
 * The price of one subscription. Unit price: the override when set, else cost × (1 + percent ÷ 100),
 * cost + amount, or cost; rounded to 4 places. Period total: unit price × quantity (a Flat Rate charge
 * is not multiplied), rounded to 2 places. Monthly total: period total ÷ months in the billing term,
 * rounded to 2 places; null for One-Time, Trial and Activation. Every rounding is half away from zero.
 * Throws PricingError on malformed input or a unit price below zero (or beyond DECIMAL(19,4)).
 */
export function priceSubscription(input: PriceInput): PriceResult {
  const step = unitStep(input.cost, input.markup, input.overridePrice);
  if (step.invalid || !Number.isSafeInteger(input.quantity) || input.quantity < 0 || (input.chargeType !== undefined && input.chargeType !== 'Per Unit' && input.chargeType !== 'Flat Rate')) {
    const problems = checkInput(input);
    if (problems.length) throw new PricingError(problems);
  }
  if (step.refused) throw new PricingError(step.refused);
  const flatRate = input.chargeType === 'Flat Rate';
  const period = round(flatRate ? step.unit : step.unit.times(input.quantity), 2);
  const months = monthsPerBillingTerm(input.billingTerm);
  return {
    unitPrice: step.unitPrice,
    periodTotal: period.toFixed(2),
    monthlyTotal: months === null ? null : fixed(period.div(months), 2),
    source: step.source,
    months,
    flatRate,
  };
}

interface UnitStep {
  /** The cost, markup or override is malformed or out of range (checkInput names the fields). */
  invalid: boolean;
  /** Valid input whose unit price is refused (below zero, or beyond DECIMAL(19,4)). */
  refused: FieldProblem[] | null;
  unit: Money;
  unitPrice: string;
  source: PriceResult['source'];
}

// The unit price depends only on cost, markup and override, which thousands of subscriptions share: a
// pure function of its text inputs, so each distinct input is validated and priced once per process.
const unitSteps = new Map<string, UnitStep>();
const UNIT_STEP_CACHE_LIMIT = 20_000;

function unitStep(cost: string, markup: Markup | null, overridePrice: string | null): UnitStep {
  const cacheable = typeof cost === 'string' && (markup === null || (typeof markup === 'object' && typeof markup.type === 'string' && typeof markup.value === 'string')) && (overridePrice === null || typeof overridePrice === 'string');
  if (!cacheable) return computeUnitStep(cost, markup, overridePrice);
  const key = `${cost}|${markup ? `${markup.type}:${markup.value}` : '-'}|${overridePrice ?? '-'}`;
  let step = unitSteps.get(key);
  if (!step) {
    if (unitSteps.size >= UNIT_STEP_CACHE_LIMIT) unitSteps.clear();
    step = Object.freeze(computeUnitStep(cost, markup, overridePrice));
    unitSteps.set(key, step);
  }
  return step;
}

function computeUnitStep(cost: string, markup: Markup | null, overridePrice: string | null): UnitStep {
  const invalid = !isDecimalText(cost) || checkMarkup(markup).length > 0 || checkOverridePrice(overridePrice).length > 0;
  const none = { invalid, refused: null, unit: new Money(0), unitPrice: '0.0000', source: 'cost' as const };
  if (invalid) return none;
  const base = new Money(cost);
  let unit: Money;
  let source: PriceResult['source'];
  if (overridePrice !== null && overridePrice !== undefined) {
    unit = new Money(overridePrice);
    source = 'override';
  } else if (markup) {
    const value = new Money(markup.value);
    unit = markup.type === 'percent' ? base.times(value.plus(100)).div(100) : base.plus(value);
    source = 'markup';
  } else {
    unit = base;
    source = 'cost';
  }
  unit = round(unit, 4);
  const field = source === 'markup' ? 'markup.value' : 'cost';
  if (unit.lt(0)) return { ...none, refused: [{ field, reason: `gives a unit price of ${unit.toFixed(4)}; a price below zero is refused` }] };
  if (!fitsMoneyColumn(unit)) return { ...none, refused: [{ field, reason: `gives a unit price above ${MAX_MONEY}` }] };
  return { invalid: false, refused: null, unit, unitPrice: unit.toFixed(4), source };
}

/** Your cost for the period on the same rule (cost × quantity, or once for Flat Rate), rounded to 2 places. */
export function costTotal(cost: string, quantity: number, chargeType?: ChargeType): string {
  const unit = new Money(cost);
  return fixed(chargeType === 'Flat Rate' ? unit : unit.times(quantity), 2);
}

/** a − b of two decimal strings, exact. */
export const subtractMoney = (a: string, b: string): string => {
  return new Money(a).minus(b).toFixed(Math.max(decimalPlaces(a), decimalPlaces(b)));
};

export const isNegativeMoney = (a: string): boolean => new Money(a).lt(0);

/**
 * Your cost per unit: Pax8's partner cost, or, when Pax8 gives none, the subscription's price flagged
 * `retail` (pax8-api.md §13 leaves open which one `price` is; this is the one place that decides).
 */
export function costBasis(partnerCost: string | null | undefined, price: string | null | undefined): { cost: string | null; retail: boolean } {
  if (partnerCost !== null && partnerCost !== undefined && partnerCost !== '') return { cost: partnerCost, retail: false };
  if (price !== null && price !== undefined && price !== '') return { cost: price, retail: true };
  return { cost: null, retail: false };
}
