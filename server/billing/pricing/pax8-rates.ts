import { normalizeBillingTerm, normalizeCommitmentTerm } from './terms';

/** A Pax8 price-list entry as the client parses it (money as decimal strings). */
export interface Pax8PriceEntry {
  billingTerm?: string;
  commitmentTerm?: string;
  type?: string;
  unitOfMeasurement?: string;
  currencyCode?: string;
  rates: Array<{ partnerBuyRate?: string; suggestedRetailPrice?: string; startQuantityRange: number; endQuantityRange?: number; chargeType?: string }>;
}

/**
 * The entry of a product's price list for a subscription's terms, and the rate its quantity falls in.
 * Entries without a commitment term match any commitment; a Volume list's range is chosen by the whole
 * quantity (Tiered lists price each range separately, so the first matching range is only indicative).
 */
export function matchPax8Rate(entries: Pax8PriceEntry[], s: { billingTerm: string | null; commitmentTerm: string | null; quantity: number }) {
  const billing = normalizeBillingTerm(s.billingTerm);
  const commitment = normalizeCommitmentTerm(s.commitmentTerm) ?? (billing === 'Monthly' ? 'Monthly' : null);
  const sameBilling = entries.filter((e) => normalizeBillingTerm(e.billingTerm) === billing);
  const entry =
    sameBilling.find((e) => normalizeCommitmentTerm(e.commitmentTerm) === commitment) ??
    sameBilling.find((e) => !e.commitmentTerm) ??
    (sameBilling.length === 1 ? sameBilling[0] : undefined);
  if (!entry) return null;
  const q = Math.max(1, s.quantity);
  const rate = entry.rates.find((r) => q >= r.startQuantityRange && (r.endQuantityRange === undefined || q <= r.endQuantityRange)) ?? null;
  const chargeType = rate?.chargeType ?? entry.rates[0]?.chargeType ?? 'Per Unit';
  return { entry, rate, chargeType: chargeType === 'Flat Rate' ? ('Flat Rate' as const) : ('Per Unit' as const) };
}
