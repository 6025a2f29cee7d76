/**
 * Usage posted during a month (§8): vendors post month-to-date totals on a few days, and restate the
 * whole month once near its end (each post replaces the earlier totals; the restatement can go down).
 * Pax8 invoices the last post early next month. Deterministic from (summary id, month).
 */
import { hashString, round4 } from '../random';
import { DAY, addMonths } from '../dates';
import type { Row } from './products';

/** [day of month, share of the month's usage posted so far]; the last one is the restatement. */
export const USAGE_POSTINGS: ReadonlyArray<readonly [number, number]> = [[3, 0.2], [10, 0.45], [17, 0.7], [24, 0.9], [28, 1]];

/** The month's final usage: the summary's base charges, varied per month, restated by up to ±5 %. */
function monthTotal(summary: Row, periodStart: number): number {
  const h = hashString(`${summary.id}:${periodStart}`);
  const monthFactor = 0.8 + (h % 4001) / 10_000; // 0.8 .. 1.2
  const restatement = 1 + (((h >>> 12) % 1001) - 500) / 10_000; // 0.95 .. 1.05
  return (summary.currentCharges as number) * monthFactor * restatement;
}

/** What the summary shows for the month starting at periodStart, as posted at `now` (undefined before the first post). */
export function postedUsage(summary: Row, periodStart: number, now: number): { currentCharges: number; partnerTotal: number } | undefined {
  let share: number | undefined;
  for (const [day, s] of USAGE_POSTINGS) if (periodStart + (day - 1) * DAY <= now) share = s;
  if (share === undefined) return undefined;
  const total = monthTotal(summary, periodStart);
  // Before the restatement the posts track the month's un-restated run rate.
  const charges = round4(share === 1 ? total : total * share * 1.03);
  return { currentCharges: charges, partnerTotal: round4(charges * 0.86) };
}
