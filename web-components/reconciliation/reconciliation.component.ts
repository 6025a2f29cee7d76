import { css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { formatMoney } from '../shared/format';
import type { Pax8EventMap, Pax8EventName } from '../shared/page-state';
import { Pax8Element } from '../shared/pax8-element';
import { baseStyles } from '../shared/styles';
import { reconStrings as t } from './reconciliation.strings';

interface ReconRow {
  kind: string;
  subscriptionId: string | null;
  productName: string | null;
  class: string;
  moneyAtStake: string;
  pax8: { quantity: string; cost: string } | null;
  host: { quantity: string; revenue: string } | null;
  note: string | null;
}
interface ReconReport {
  period: string;
  pax8: { recurringInvoicePosted: boolean; arrearsInvoicePosted: boolean };
  rows: ReconRow[];
  totals: { pax8Cost: string; hostRevenue: string; margin: string; byClass: Record<string, { rows: number; moneyAtStake: string }> };
}

const PAGE = 50;
const lastMonth = () => {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 7);
};
/** Findings with the most money at stake first, then the rest as the server sent them. Amounts are non-negative two-place strings: compared as text. */
const byMoneyAtStake = (rows: ReconRow[]) => {
  const key = (r: ReconRow) => (r.class === 'ok' || r.class === 'not-invoiced-by-pax8-yet' ? '' : r.moneyAtStake.padStart(24, '0'));
  return rows.map((r, i) => ({ r, i, k: key(r) })).sort((a, b) => (a.k === b.k ? a.i - b.i : a.k < b.k ? 1 : -1)).map((x) => x.r);
};
const classKind = (c: string) => (c === 'ok' ? 'ok' : c === 'not-invoiced-by-pax8-yet' ? 'neutral' : c === 'over-billed' || c === 'price-mismatch' ? 'warn' : 'error');

/**
 * @summary The reconciliation report of one month: totals, findings by class with the money at stake,
 * a class filter, the rows, and a CSV download of what is shown.
 * @csspart base - the card.
 * @csspart totals - the totals and class chips.
 * @csspart table - the findings table.
 */
export class Pax8Reconciliation extends Pax8Element {
  static styles = [
    baseStyles,
    css`
      .card { container-type: inline-size; }
      .controls { display: flex; gap: 8px; flex-wrap: wrap; align-items: end; margin: 8px 0 12px; }
      .controls > div { flex: 1 1 160px; min-width: 0; }
      .controls label { margin: 0 0 4px; }
      .totals { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 8px; margin-bottom: 10px; }
      .totals div { background: var(--_subtle); border-radius: 6px; padding: 8px 10px; }
      .totals dt { color: var(--_muted); font-size: 0.84rem; }
      .totals dd { margin: 0; font-weight: 600; font-variant-numeric: tabular-nums; }
      .chips { display: flex; flex-wrap: wrap; gap: 6px; margin-bottom: 10px; }
      .chips button { min-height: 28px; padding: 2px 10px; border-radius: 999px; font-size: 0.84rem; }
      .chips button[aria-pressed='true'] { border-color: var(--_primary); box-shadow: inset 0 0 0 1px var(--_primary); }
      .scroll { overflow-x: auto; position: relative; }
      table { width: 100%; border-collapse: collapse; }
      th { text-align: left; font-size: 0.78rem; text-transform: uppercase; letter-spacing: 0.03em; color: var(--_muted); padding: 6px 8px; border-bottom: 1px solid var(--_border); white-space: nowrap; }
      td { padding: 8px; border-bottom: 1px solid var(--_border); vertical-align: top; overflow-wrap: break-word; }
      td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
      td:first-child { min-width: 180px; }
      @container (max-width: 300px) { .totals { grid-template-columns: 1fr; } }
      /* A narrow card: one block per row, the money at stake beside the finding, labels before the figures. */
      @container (max-width: 560px) {
        .totals div { padding: 6px 8px; }
        table, tbody, tr, td { display: block; }
        thead { display: none; }
        tr { display: grid; grid-template-columns: minmax(0, 1fr) auto; gap: 4px 12px; padding: 10px 0; border-bottom: 1px solid var(--_border); }
        td, td:first-child { border: 0; padding: 0; min-width: 0; }
        td:first-child, td.why { grid-column: 1 / -1; }
        td.num { white-space: normal; text-align: left; }
        td.num:nth-child(3) { text-align: right; }
        td.num br { display: none; }
        td.num[data-label]::before { content: attr(data-label) ': '; color: var(--_muted); font-size: 0.84rem; }
        td.why.none { display: none; }
      }
    `,
  ];

  @state() private period = lastMonth();
  @state() private klass = '';
  @state() private report: ReconReport | null = null;
  @state() private shown = PAGE;
  @state() private loadError: string | null = null;

  protected async load(): Promise<void> {
    this.loadError = null;
    const q = new URLSearchParams({ period: this.period });
    try {
      this.report = await this.api.request<ReconReport>('GET', `/reconciliation?${q}`);
      this.shown = PAGE;
    } catch (err) {
      this.report = null;
      this.loadError = (err as Error).message;
    }
  }

  protected pageEvent<K extends Pax8EventName>(name: K, _d: Pax8EventMap[K]): void {
    if (['pax8-sync-finished', 'pax8-billing-saved', 'pax8-pricing-rules-changed', 'pax8-company-mapped', 'pax8-company-unlinked', 'pax8-disconnected'].includes(name)) void this.load();
  }

  /** The report compares against imported Pax8 invoices; managers can pull them now instead of waiting for the schedule. */
  private async importInvoices(): Promise<void> {
    this.notice = null;
    const done = await this.attempt(() => this.api.request('POST', '/invoicing/import'));
    if (!done) return;
    this.notice = { kind: 'ok', text: t.imported };
    await this.load();
  }

  private get csvUrl(): string {
    const q = new URLSearchParams({ period: this.period });
    if (this.klass) q.set('class', this.klass);
    return this.api.url(`/reconciliation/export?${q}`);
  }

  render() {
    const gate = this.gate(t.title);
    if (gate) return gate;
    const r = this.report;
    const rows = r ? byMoneyAtStake(this.klass ? r.rows.filter((x) => x.class === this.klass) : r.rows) : [];
    const money = (v: string | null | undefined) => formatMoney(v, null) || '—';
    return html`<section class="card" part="base" aria-labelledby="recon-title">
      <div class="head"><h2 id="recon-title">${t.title}</h2>
        <div class="row">
          ${this.canManage ? html`<button type="button" data-testid="import" ?disabled=${this.busy} @click=${this.importInvoices}>${t.importNow}</button>` : nothing}
          ${r ? html`<a class="button" href=${this.csvUrl} download data-testid="csv">${t.download}</a>` : nothing}
        </div>
      </div>
      <p class="muted small">${t.intro}</p>
      ${this.renderNotice()}
      <div class="controls">
        <div>
          <label for="period">${t.period}</label>
          <input id="period" type="month" .value=${this.period} @change=${(e: Event) => {
            const v = (e.target as HTMLInputElement).value;
            if (/^\d{4}-\d{2}$/.test(v)) {
              this.period = v;
              void this.load();
            }
          }} />
        </div>
        <div>
          <label for="class">${t.show}</label>
          <select id="class" data-testid="class-filter" @change=${(e: Event) => ((this.klass = (e.target as HTMLSelectElement).value), (this.shown = PAGE))}>
            <option value="" ?selected=${!this.klass}>${t.allClasses}</option>
            ${Object.entries(t.classes).map(([k, label]) => html`<option value=${k} ?selected=${k === this.klass}>${label}</option>`)}
          </select>
        </div>
      </div>
      ${this.loadError ? html`<p class="note error" role="alert">${this.loadError}</p>` : nothing}
      ${!r && !this.loadError ? html`<p class="muted row" role="status"><span class="spinner"></span>${t.loading}</p>` : nothing}
      ${r ? this.renderReport(r, rows, money) : nothing}
    </section>`;
  }

  private renderReport(r: ReconReport, rows: ReconRow[], money: (v: string | null | undefined) => string) {
    const classes = Object.entries(r.totals.byClass).filter(([, v]) => v.rows > 0);
    return html`${!r.pax8.recurringInvoicePosted ? html`<p class="note info">${t.notPosted}</p>` : nothing}
      <dl class="totals" part="totals" data-testid="totals">
        <div><dt>${t.pax8Cost}</dt><dd>${money(r.totals.pax8Cost)}</dd></div>
        <div><dt>${t.revenue}</dt><dd>${money(r.totals.hostRevenue)}</dd></div>
        <div><dt>${t.margin}</dt><dd class=${r.totals.margin.startsWith('-') ? 'error-text' : ''} data-testid="margin">${money(r.totals.margin)}</dd></div>
      </dl>
      <div class="chips" role="group" aria-label=${t.show}>
        ${classes.map(
          ([k, v]) => html`<button type="button" aria-pressed=${this.klass === k ? 'true' : 'false'} data-class=${k}
              @click=${() => ((this.klass = this.klass === k ? '' : k), (this.shown = PAGE))}>
              <span class="badge ${classKind(k)}">${t.classes[k] ?? k}</span> ${t.rows(v.rows)}${k !== 'ok' ? html` · ${money(v.moneyAtStake)}` : nothing}
            </button>`,
        )}
      </div>
      ${rows.length
        ? html`<div class="scroll" tabindex="0" role="region" aria-label=${t.title}>
              <table part="table" data-testid="recon-rows">
                <thead><tr><th scope="col">${t.columns.product}</th><th scope="col">${t.columns.finding}</th><th scope="col" class="num">${t.columns.atStake}</th>
                  <th scope="col" class="num">${t.columns.pax8}</th><th scope="col" class="num">${t.columns.host}</th><th scope="col">${t.columns.note}</th></tr></thead>
                <tbody>
                  ${rows.slice(0, this.shown).map(
                    (x) => html`<tr data-class=${x.class}>
                      <td>${x.productName ?? x.subscriptionId ?? '—'}<br /><span class="muted small">${x.kind}</span></td>
                      <td><span class="badge ${classKind(x.class)}">${t.classes[x.class] ?? x.class}</span></td>
                      <td class="num" data-label=${t.columns.atStake}>${money(x.moneyAtStake)}</td>
                      <td class="num" data-label=${t.columns.pax8}>${x.pax8 ? html`${x.pax8.quantity} ×<br /> ${money(x.pax8.cost)}` : '—'}</td>
                      <td class="num" data-label=${t.columns.host}>${x.host ? html`${x.host.quantity} ×<br /> ${money(x.host.revenue)}` : '—'}</td>
                      <td class="small why ${x.note ? '' : 'none'}">${x.note ?? ''}</td>
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>
            ${rows.length > this.shown ? html`<button type="button" @click=${() => (this.shown += PAGE)}>${t.more(Math.min(PAGE, rows.length - this.shown))}</button>` : nothing}`
        : html`<p class="muted" data-testid="recon-empty">${this.klass ? t.emptyFiltered : t.empty}</p>`}`;
  }
}
