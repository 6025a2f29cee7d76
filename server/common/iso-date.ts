/** 1 Jan of year 1 and of year 10000 UTC, in ms: `toISOString` writes the years between as four digits. */
export const FOUR_DIGIT_YEARS = [new Date(0).setUTCFullYear(1, 0, 1), Date.UTC(10000, 0, 1)] as const;

const TWO = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const THREE = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
const DAY_MS = 86_400_000;

/** `YYYY-MM-DDT` of the days recently formatted (a sync's dates fall on a few thousand days at most). */
const dayHeads = new Map<number, string>();
const MAX_DAY_HEADS = 8192;

/**
 * `date.toISOString()` for years 1–9999 (`YYYY-MM-DDTHH:mm:ss.sssZ`), about five times faster: V8's own
 * takes ~400 ns, and a cold sync formats every date of every record twice (content hash, then the
 * database), 400,000 dates at 40,000 subscriptions. The day's part comes from `toISOString` once per
 * day and is reused; the time of day is three divisions. Other years and invalid dates go to V8's.
 */
export function isoString(date: Date): string {
  const t = date.getTime();
  if (!(t >= FOUR_DIGIT_YEARS[0] && t < FOUR_DIGIT_YEARS[1])) return date.toISOString();
  const days = Math.floor(t / DAY_MS);
  let head = dayHeads.get(days);
  if (head === undefined) {
    if (dayHeads.size >= MAX_DAY_HEADS) dayHeads.clear();
    dayHeads.set(days, (head = date.toISOString().slice(0, 11)));
  }
  let ms = t - days * DAY_MS;
  const hours = Math.floor(ms / 3_600_000);
  ms -= hours * 3_600_000;
  const minutes = Math.floor(ms / 60_000);
  ms -= minutes * 60_000;
  const seconds = Math.floor(ms / 1000);
  return head + TWO[hours] + ':' + TWO[minutes] + ':' + TWO[seconds] + '.' + THREE[ms - seconds * 1000] + 'Z';
}
