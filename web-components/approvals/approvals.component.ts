import { css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { formatDateTime, formatMoney } from '../shared/format';
import { Pax8Element } from '../shared/pax8-element';
import { baseStyles } from '../shared/styles';
import type { ApprovalView, ScheduledChangeView } from '../shared/types';
import { approvalsStrings as t } from './approvals.strings';

const day = (iso: string) => iso.slice(0, 10);
const FILTERS = ['pending', 'all', 'executed', 'failed', 'needs-human', 'rejected', 'expired'];
const statusKind = (s: string) => (s === 'executed' ? 'ok' : s === 'pending' || s === 'executing' ? 'warn' : s === 'failed' || s === 'needs-human' ? 'error' : 'neutral');

/**
 * @summary The agent's writes waiting for a decision (with Pax8's dry-run verdict and the money), their outcomes, and scheduled NCE changes.
 * Approving needs the approver permission (the server says who has it); cancelling a scheduled change needs manage access.
 * @event pax8-approval-decided - after an approve or reject; `detail` is the request as it now stands.
 * @csspart base - the card.
 * @csspart notice - the outcome of the last action.
 */
export class Pax8Approvals extends Pax8Element {
  static styles = [
    baseStyles,
    css`
      .scroll { overflow-x: auto; position: relative; }
      p, dd { overflow-wrap: anywhere; }
      .toolbar { display: flex; gap: var(--_space); align-items: end; flex-wrap: wrap; margin-bottom: var(--_space); }
      .toolbar label { margin: 0 0 4px; }
      .toolbar select { width: auto; min-width: 12em; }
      ul.requests { list-style: none; padding: 0; margin: 0; display: grid; gap: 12px; }
      li.request { border: 1px solid var(--_border); border-radius: 6px; padding: 12px; background: var(--_surface); }
      dl { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 2px 12px; margin: 8px 0; font-size: 0.9rem; }
      dt { color: var(--_muted); }
      dd { margin: 0; font-variant-numeric: tabular-nums; }
      input.reason { flex: 1 1 14em; width: auto; }
      table { width: 100%; border-collapse: collapse; font-size: 0.9rem; }
      th { text-align: left; font-size: 0.78rem; text-transform: uppercase; letter-spacing: 0.03em; color: var(--_muted); padding: 6px 8px; border-bottom: 1px solid var(--_border); white-space: nowrap; }
      td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--_border); vertical-align: middle; }
      code { overflow-wrap: anywhere; font-size: 0.85rem; }
      h3 { margin-top: calc(var(--_space) * 2); }
      @media (max-width: 420px) { dl { grid-template-columns: minmax(0, 1fr); } dd { margin-bottom: 4px; } }
    `,
  ];

  /** Which requests to show: a status such as `pending`, or `all`. */
  @property({ reflect: true }) filter = 'pending';

  @state() private requests: ApprovalView[] | null = null;
  @state() private scheduled: ScheduledChangeView[] = [];
  @state() private scheduledTotal = 0;
  @state() private canApprove = false;
  @state() private rejecting: string | null = null;
  @state() private reason = '';

  protected async load(): Promise<void> {
    const query = this.filter === 'all' ? '' : `?status=${encodeURIComponent(this.filter)}`;
    const loaded = await this.attempt(() =>
      Promise.all([
        this.api.request<{ canApprove: boolean; items: ApprovalView[] }>('GET', `/agent-tools/approvals${query}`),
        this.api.request<{ total: number; items: ScheduledChangeView[] }>('GET', '/agent-tools/scheduled-changes?status=scheduled&limit=200'),
      ]),
    );
    if (!loaded) return;
    const [list, changes] = loaded;
    this.requests = list.items;
    this.canApprove = list.canApprove;
    this.scheduled = changes.items;
    this.scheduledTotal = changes.total;
  }

  private async decide(r: ApprovalView, action: 'approve' | 'reject'): Promise<void> {
    if (this.busy) return; // a double click sends one decision
    this.notice = null;
    const body = action === 'reject' && this.reason.trim() ? { reason: this.reason.trim() } : {};
    const updated = await this.attempt(() => this.api.request<ApprovalView>('POST', `/agent-tools/approvals/${encodeURIComponent(r.id)}/${action}`, body));
    if (!updated) return void (await this.load());
    this.requests = (this.requests ?? []).map((x) => (x.id === r.id ? updated : x));
    this.rejecting = null;
    this.reason = '';
    const label = t.statuses[updated.status] ?? updated.status;
    this.notice = { kind: updated.status === 'executed' || updated.status === 'rejected' ? 'ok' : 'error', text: t.decided(label, updated.error) };
    this.emit('pax8-approval-decided', updated);
  }

  private async cancelChange(c: ScheduledChangeView): Promise<void> {
    this.notice = null;
    const done = await this.attempt(() => this.api.request('DELETE', `/agent-tools/scheduled-changes/${encodeURIComponent(c.id)}`));
    if (!done) return;
    this.scheduled = this.scheduled.filter((x) => x.id !== c.id);
    this.scheduledTotal--;
    this.notice = { kind: 'ok', text: t.cancelled };
  }

  render() {
    const gate = this.gate(t.title);
    if (gate) return gate;
    return html`<section class="card" part="base" aria-labelledby="approvals-title">
      <div class="head"><h2 id="approvals-title">${t.title}</h2></div>
      ${this.readOnlyHint()}
      <div class="toolbar">
        <div>
          <label for="filter">${t.show}</label>
          <select id="filter" aria-label=${t.showLabel} @change=${(e: Event) => ((this.filter = (e.target as HTMLSelectElement).value), void this.load())}>
            ${FILTERS.map((f) => html`<option value=${f} ?selected=${this.filter === f}>${f === 'all' ? t.all : (t.statuses[f] ?? f)}</option>`)}
          </select>
        </div>
        <button type="button" ?disabled=${this.busy} @click=${() => this.load()}>${t.refresh}</button>
      </div>
      ${this.renderNotice()}
      ${this.requests === null
        ? html`<p class="muted row" role="status"><span class="spinner"></span>${t.loading}</p>`
        : html`${this.requests.length
              ? html`<ul class="requests">${this.requests.map((r) => this.renderRequest(r))}</ul>`
              : html`<p class="muted" data-testid="empty">${t.empty}</p>`}
            <h3>${t.scheduledTitle}</h3>
            ${this.scheduled.length ? this.renderScheduled() : html`<p class="muted" data-testid="no-scheduled">${t.noScheduled}</p>`}`}
    </section>`;
  }

  private money(value: string | null | undefined, currency: string | null | undefined) {
    return value === null || value === undefined ? t.unknown : formatMoney(value, currency);
  }

  private renderRequest(r: ApprovalView) {
    const s = r.summary;
    const currency = s.currencyCode ?? s.lines?.[0]?.currencyCode;
    return html`<li class="request" data-id=${r.id} data-status=${r.status}>
      <div class="row"><strong>${r.tool === 'pax8-create-order' ? t.order : t.subscriptionChange}</strong>
        <span class="badge ${statusKind(r.status)}" data-testid="status">${t.statuses[r.status] ?? r.status}</span>
        ${r.autoApproved ? html`<span class="badge neutral">${t.autoApproved(s.autoApprovedBecause)}</span>` : nothing}</div>
      <p data-testid="summary">${s.text}</p>
      <dl>
        ${s.quantityBefore !== undefined ? html`<dt>${t.quantity}</dt><dd>${s.quantityBefore} → ${s.quantityAfter}</dd>` : nothing}
        ${s.pax8MonthlyCostBefore !== undefined ? html`<dt>${t.pax8Cost}</dt><dd>${this.money(s.pax8MonthlyCostBefore, currency)} → ${this.money(s.pax8MonthlyCostAfter, currency)}</dd>` : nothing}
        ${s.clientMonthlyPriceBefore != null ? html`<dt>${t.clientPrice}</dt><dd>${this.money(s.clientMonthlyPriceBefore, currency)} → ${this.money(s.clientMonthlyPriceAfter, currency)}</dd>` : nothing}
        ${s.lines?.map((l) => html`<dt>${l.productName}</dt><dd>${t.seatsPerMonth(l.quantityBefore, l.quantityAfter, this.money(l.pax8MonthlyCostAfter, l.currencyCode))}</dd>`)}
        <dt>${t.dryRun}</dt><dd data-testid="dry-run">${r.dryRun.accepted ? (r.dryRun.pax8DryRun === false ? t.dryRunLocal : t.dryRunAccepted) : t.dryRunRejected(r.dryRun.rejection?.message ?? '')}</dd>
        <dt>${t.askedBy}</dt><dd>${r.requestedBy}, ${formatDateTime(r.requestedAt)}</dd>
        ${r.status === 'pending' ? html`<dt>${t.expires}</dt><dd>${formatDateTime(r.expiresAt)}</dd>` : nothing}
        ${r.ledger ? html`<dt>${t.pax8}</dt><dd data-testid="ledger">${r.ledger.status}${r.ledger.pax8OrderId ? t.order_(r.ledger.pax8OrderId) : ''}</dd>` : nothing}
        ${r.error ? html`<dt>${t.note}</dt><dd>${r.error}</dd>` : nothing}
      </dl>
      ${r.status !== 'pending' ? nothing : this.canApprove ? this.renderDecision(r) : html`<p class="muted small">${t.approverDecides}</p>`}
    </li>`;
  }

  private renderDecision(r: ApprovalView) {
    return html`<div class="row">
      <button type="button" class="primary" ?disabled=${this.busy} @click=${() => this.decide(r, 'approve')}>${t.approve}</button>
      ${this.rejecting === r.id
        ? html`<input class="reason" type="text" aria-label=${t.reasonLabel} placeholder=${t.reasonPlaceholder} .value=${this.reason} @input=${(e: Event) => (this.reason = (e.target as HTMLInputElement).value)} />
            <button type="button" class="danger" ?disabled=${this.busy} @click=${() => this.decide(r, 'reject')}>${t.confirmReject}</button>`
        : html`<button type="button" ?disabled=${this.busy} @click=${() => (this.rejecting = r.id)}>${t.reject}</button>`}
    </div>`;
  }

  private renderScheduled() {
    const now = Date.now();
    return html`${this.scheduledTotal > this.scheduled.length ? html`<p class="muted small">${t.firstOf(this.scheduled.length, this.scheduledTotal)}</p>` : nothing}
      <div class="scroll" tabindex="0" role="region" aria-label=${t.scheduledTitle}><table>
        <thead><tr><th scope="col">${t.columns.subscription}</th><th scope="col">${t.columns.change}</th><th scope="col">${t.columns.on}</th>${this.canManage ? html`<th scope="col"><span class="sr-only">${t.columns.cancel}</span></th>` : nothing}</tr></thead>
        <tbody>${this.scheduled.map(
          (c) => html`<tr data-id=${c.id}>
            <td><code>${c.subscriptionId}</code></td>
            <td>${[c.quantity !== null ? t.changeQuantity(c.quantity) : '', c.billingTerm ? t.changeTerm(c.billingTerm) : ''].filter(Boolean).join(', ')}</td>
            <td>${day(c.effectiveAt)}${Date.parse(c.remindAt) <= now ? html` <span class="badge warn">${t.dueSoon}</span>` : nothing}</td>
            ${this.canManage ? html`<td><button type="button" class="icon" ?disabled=${this.busy} aria-label=${t.cancelLabel(day(c.effectiveAt))} @click=${() => this.cancelChange(c)}>${t.cancel}</button></td>` : nothing}
          </tr>`,
        )}</tbody>
      </table></div>`;
  }
}
