/**
 * Past changes: a few long-running monthly subscriptions had a lower quantity until a day in the last
 * two months, so an invoice of an earlier month bills the old quantity (what reconciliation must compare
 * with, not today's). Uses its own dice so the rest of the data set stays as it was.
 */
import { Dice } from '../random';
import { DAY, isoSeconds, parseDate } from '../dates';
import type { Row } from './products';

export function generateHistory(d: Dice, subscriptions: Iterable<Row>, anchor: number): Map<string, Row[]> {
  const history = new Map<string, Row[]>();
  for (const s of subscriptions) {
    const start = parseDate(s.startDate) ?? anchor;
    if (s.status !== 'Active' || s.billingTerm !== 'Monthly' || start > anchor - 120 * DAY) continue;
    if (!d.chance(0.06) || (s.quantity as number) < 2) continue;
    const changedAt = anchor - d.int(5, 50) * DAY + d.int(0, 86_399) * 1000;
    const before = { ...structuredClone(s), quantity: Math.max(1, (s.quantity as number) - d.int(1, 5)), updatedDate: isoSeconds(start) };
    s.updatedDate = isoSeconds(changedAt);
    history.set(s.id as string, [before, structuredClone(s)]);
  }
  return history;
}

/** The subscription as it stood at time t (history is oldest first, one full snapshot per change). */
export function versionAt(history: Map<string, Row[]>, s: Row, t: number): Row {
  const h = history.get(s.id as string);
  if (!h?.length) return s;
  let v = h[0];
  for (const snap of h) if ((parseDate(snap.updatedDate) ?? 0) <= t) v = snap;
  return v;
}
