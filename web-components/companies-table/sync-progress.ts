import { html } from 'lit';
import type { SyncRunView } from '../shared/types';
import { companiesStrings as t } from './companies-table.strings';

/** Share of the bar each phase fills: subscriptions are most of the pages. */
const PHASES: Record<string, [number, number]> = { companies: [0, 25], subscriptions: [25, 95], 'auto-map': [95, 100], done: [100, 100] };

export function runPercent(run: SyncRunView): number {
  const { phase, pagesDone, pagesTotal } = run.progress;
  const [from, to] = PHASES[phase ?? ''] ?? [0, 0];
  const within = pagesTotal ? Math.min(1, pagesDone / pagesTotal) : 0;
  return Math.round(from + (to - from) * within);
}

/** A determinate progress bar with the phase and pages in words (also what screen readers hear). */
export function renderSyncProgress(run: SyncRunView) {
  const percent = runPercent(run);
  const phase = run.progress.phase ? (t.phases[run.progress.phase] ?? run.progress.phase) : t.starting;
  const text = t.progressText(phase, run.progress.pagesDone, run.progress.pagesTotal, percent);
  return html`<div class="progress" data-testid="progress" part="progress">
    <div class="row small"><span class="spinner" aria-hidden="true"></span><span data-testid="progress-text">${text}</span></div>
    <div class="bar" role="progressbar" aria-label=${t.syncing} aria-valuemin="0" aria-valuemax="100" aria-valuenow=${percent} aria-valuetext=${text}>
      <span style="width:${percent}%"></span>
    </div>
  </div>`;
}
