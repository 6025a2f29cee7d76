/**
 * `Expired` (pax8-api.md §13: reported live, outside the published enum): a trial or a term that ended
 * without renewing. It keeps its row at Pax8 with an `endDate` in the past. Derived from the start date
 * only (no dice), so choosing it changes nothing else in the data set.
 */
import { DAY, addMonths, isoSeconds } from '../dates';
import type { Row } from './products';

const TRIAL_DAYS = 30;

/** Ends `s` before `anchor`: a 30-day trial, or the last whole term (commitment or billing) that fitted. */
export function expire(s: Row, startMs: number, termMonths: number, anchor: number): void {
  // Half-way to the anchor when not even one trial or term fits (a subscription started days ago).
  const fallback = startMs + Math.floor((anchor - startMs) / 2000) * 1000;
  let end: number;
  if (s.billingTerm === 'Trial') end = Math.min(startMs + TRIAL_DAYS * DAY, fallback);
  else {
    const months = Math.max(1, termMonths);
    end = addMonths(startMs, months);
    if (end >= anchor) end = fallback;
    else while (addMonths(end, months) < anchor) end = addMonths(end, months);
  }
  s.endDate = isoSeconds(end);
  // A term that ended did not renew: the commitment ends with it.
  if (s.commitment && typeof s.commitment === 'object') s.commitment = { ...(s.commitment as Row), endDate: isoSeconds(end) };
  const updated = Date.parse(s.updatedDate as string);
  if (!(updated >= end)) s.updatedDate = isoSeconds(Math.min(anchor, end + DAY));
}
