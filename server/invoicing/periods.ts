import Decimal from 'decimal.js';
import { parseProductName } from '../billing/pricing';

/**
 * Periods are calendar months in UTC, written yyyy-MM. Pax8 dates an invoice on the 1st of a month M:
 * it carries M's recurring charges and M-1's usage in arrears and prorates (each item's startPeriod
 * names the month it is for).
 */
export const PERIOD_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

export const monthOf = (d: Date): string => d.toISOString().slice(0, 7);

export function monthStart(period: string): Date {
  const [y, m] = period.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, 1));
}

export function addMonths(period: string, n: number): string {
  const d = monthStart(period);
  d.setUTCMonth(d.getUTCMonth() + n);
  return monthOf(d);
}

/** Usage billed in arrears (§8): "Arrears Charge" products, or 0-rate usage products (a heuristic Pax8 itself names). */
export function isUsageSubscription(s: { productName: string | null; price: string | null; partnerCost: string | null; billingTerm: string | null }): boolean {
  if (parseProductName(s.productName).arrears) return true;
  // Plain decimal text is zero when it has no digit 1-9 (a reconciliation asks this of every subscription).
  const zero = (v: string | null) => v === null || (/^-?\d+(\.\d+)?$/.test(v) ? !/[1-9]/.test(v) : new Decimal(v).isZero());
  return s.billingTerm === 'Monthly' && zero(s.price) && zero(s.partnerCost);
}

/** Arrears invoice items: term 'Arrears' or the §8 description. */
export const isArrearsItem = (i: { term: string | null; description: string | null }) =>
  i.term === 'Arrears' || (!!i.description && / - Arrears Charge - /.test(i.description));
