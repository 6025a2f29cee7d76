/**
 * Money for summaries, in decimal.js (never binary floats). Pax8 prices are per unit per billing-term
 * period (pax8-api.md §5), so a monthly figure is unit × quantity ÷ months in the term. Rounding: once,
 * on the monthly total, to cents, half away from zero (decimal.js ROUND_HALF_UP).
 */
import Decimal from 'decimal.js';
import type { Pricing } from '../pax8-api';
import { monthsPerBillingTerm } from '../billing/pricing';

/** Months one billing-term period covers; null for One-Time, Trial, Activation and unknown terms (billing's one table). */
export const monthsOfBillingTerm = monthsPerBillingTerm;

export const toCents = (d: Decimal): string => d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);

/** Monthly amount of `quantity` units at `unit` per billing-term period, as cents; null when not recurring or unknown. */
export function monthlyAmount(unit: string | null | undefined, quantity: number, billingTerm: string | null | undefined): string | null {
  const months = monthsOfBillingTerm(billingTerm);
  if (unit === null || unit === undefined || months === null) return null;
  return toCents(new Decimal(unit).times(quantity).dividedBy(months));
}

/** The pricing entry for a billing term (and commitment term when given). */
export function pricingFor(pricing: Pricing[], billingTerm: string, commitmentTerm?: string | null): Pricing | undefined {
  const sameTerm = pricing.filter((p) => p.billingTerm === billingTerm);
  return (commitmentTerm ? sameTerm.find((p) => p.commitmentTerm === commitmentTerm) : undefined) ?? sameTerm[0];
}

/**
 * What `quantity` units cost per billing-term period under one pricing entry, partner side.
 * Tiered: each band is charged at its own rate; Flat/Volume (and others): the band holding the whole
 * quantity applies to every unit. A "Flat Rate" charge is the band's total, not per unit.
 */
export function periodCost(entry: Pricing, quantity: number, side: 'partnerBuyRate' | 'suggestedRetailPrice' = 'partnerBuyRate'): Decimal | null {
  const rates = [...entry.rates].sort((a, b) => a.startQuantityRange - b.startQuantityRange);
  if (!rates.length) return null;
  const charge = (rate: (typeof rates)[number], units: number) => {
    const value = new Decimal(rate[side] ?? 0);
    return rate.chargeType === 'Flat Rate' ? value : value.times(units);
  };
  if (entry.type === 'Tiered') {
    let total = new Decimal(0);
    for (const r of rates) {
      const from = Math.max(r.startQuantityRange, 1);
      const to = Math.min(r.endQuantityRange ?? Infinity, quantity);
      if (to >= from) total = total.plus(charge(r, to - from + 1));
    }
    return total;
  }
  const band = rates.find((r) => quantity >= r.startQuantityRange && (r.endQuantityRange === undefined || quantity <= r.endQuantityRange)) ?? rates[rates.length - 1];
  return charge(band, quantity);
}

/** after - before, as cents (null when either is unknown). */
export function difference(before: string | null, after: string | null): string | null {
  return before === null || after === null ? null : toCents(new Decimal(after).minus(before));
}
