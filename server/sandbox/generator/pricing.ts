/**
 * Sandbox price lists (pax8-api.md §5 Pricing): Flat, Volume and Tiered rates over quantity ranges,
 * "Flat Rate" charges, and company-specific prices. Written for the sandbox alone (no plugin code).
 *   Volume: every unit at the rate of the range the whole quantity falls in.
 *   Tiered: each unit at the rate of its own range (the subscription shows the blended unit rate).
 *   Flat Rate: one charge per period whatever the quantity.
 */
import { hashString, round4 } from '../random';

export type PricingType = 'Flat' | 'Volume' | 'Tiered';
export type ChargeType = 'Per Unit' | 'Flat Rate';

export interface Tier {
  start: number;
  end: number | null;
  buy: number;
  srp: number;
}

/** Range bounds and the share of the list rate each range pays. */
const RANGES: Record<Exclude<PricingType, 'Flat'>, Array<[number, number | null, number]>> = {
  Volume: [[1, 10, 1], [11, 50, 0.95], [51, null, 0.9]],
  Tiered: [[1, 25, 1], [26, 100, 0.92], [101, null, 0.85]],
};

export function tiersFor(type: PricingType, buy: number, srp: number): Tier[] | undefined {
  if (type === 'Flat') return undefined;
  return RANGES[type].map(([start, end, share]) => ({ start, end, buy: round4(buy * share), srp: round4(srp * share) }));
}

/** The per-unit rate a subscription of this quantity pays (per period for a Flat Rate charge). */
export function rateFor(o: { buy: number; srp: number; type?: PricingType; tiers?: Tier[] }, quantity: number): { buy: number; srp: number } {
  if (!o.tiers || o.type === 'Flat') return { buy: o.buy, srp: o.srp };
  const q = Math.max(1, quantity);
  if (o.type === 'Volume') {
    const t = o.tiers.find((x) => q >= x.start && (x.end === null || q <= x.end)) ?? o.tiers[o.tiers.length - 1];
    return { buy: t.buy, srp: t.srp };
  }
  let buy = 0;
  let srp = 0;
  for (const t of o.tiers) {
    const units = Math.max(0, Math.min(q, t.end ?? q) - t.start + 1);
    buy += units * t.buy;
    srp += units * t.srp;
  }
  return { buy: round4(buy / q), srp: round4(srp / q) };
}

/** About one company in five has negotiated prices: 3 % or 7 % off the partner buy rate. */
export function companyPriceFactor(companyId: string): number {
  const h = hashString(`price:${companyId}`) % 10;
  return h === 0 ? 0.93 : h === 1 ? 0.97 : 1;
}
