/**
 * A run's progress is written with the first write, then at most this often, and with a phase's last page:
 * an UPDATE of the run's row per 200-row page was a fifth of a cold first pull's statements on PostgreSQL,
 * and the writes side by side queued for that row's lock. Four a second is still a smooth progress bar.
 */
export const PROGRESS_EVERY_MS = 250;

/** For one phase: whether the write that ends at `pagesDone` of `pagesTotal` also writes the run's progress. */
export function progressCadence(everyMs = PROGRESS_EVERY_MS, now: () => number = Date.now): (pagesDone: number, pagesTotal: number) => boolean {
  let last: number | undefined;
  return (pagesDone, pagesTotal) => {
    const t = now();
    if (pagesDone !== pagesTotal && last !== undefined && t - last < everyMs) return false;
    last = t;
    return true;
  };
}
