import { css, html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { apiFor } from '../shared/api-client';
import { baseStyles } from '../shared/styles';

interface Summary {
  text?: string;
  quantityBefore?: number;
  quantityAfter?: number;
  pax8MonthlyCostBefore?: string | null;
  pax8MonthlyCostAfter?: string | null;
  clientMonthlyPriceBefore?: string | null;
  clientMonthlyPriceAfter?: string | null;
  currencyCode?: string | null;
  lines?: Array<{ productName: string; quantityBefore: number; quantityAfter: number; pax8MonthlyCostAfter: string | null; currencyCode: string | null }>;
  autoApprovedBecause?: string;
}
interface ApprovalView {
  id: string;
  tool: string;
  status: string;
  summary: Summary;
  dryRun: { accepted?: boolean; pax8DryRun?: boolean; note?: string; rejection?: { message: string } };
  requestedBy: string;
  requestedAt: string;
  decidedBy: string | null;
  expiresAt: string;
  autoApproved: boolean;
  error: string | null;
  ledger: null | { status: string; pax8OrderId: string | null; outcome: Record<string, unknown> | null };
}
interface ScheduledView {
  id: string;
  subscriptionId: string;
  quantity: number | null;
  billingTerm: string | null;
  effectiveAt: string;
  status: string;
  remindAt: string;
  remindedAt: string | null;
}

const STATUS_LABELS: Record<string, string> = {
  pending: 'Waiting for approval',
  executing: 'Sending to Pax8',
  executed: 'Done',
  failed: 'Not placed',
  'needs-human': 'Needs a person: check Pax8',
  rejected: 'Rejected',
  expired: 'Expired',
};
const day = (iso: string) => iso.slice(0, 10);

/**
 * @summary The agent's writes waiting for a decision (with Pax8's dry-run verdict and the money), their outcomes, and scheduled NCE changes.
 * @event pax8-approval-decided - after an approve or reject; `detail` is the request as it now stands.
 * @cssproperty --pax8-color-primary - accent colour of the approve buttons.
 */
export class Pax8Approvals extends LitElement {
  static styles = [
    baseStyles,
    css`
      /* Inside a host's grid or flex layout the element shrinks and scrolls instead of spilling over its neighbours. */
      :host { min-width: 0; }
      .scroll { overflow-x: auto; }
      p, dd { overflow-wrap: anywhere; }
      ul.requests { list-style: none; padding: 0; margin: 0; display: grid; gap: 12px; }
      li.request { border: 1px solid var(--pax8-color-border, #d9dee3); border-radius: 6px; padding: 12px; }
      .row { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
      .badge { font-size: 0.8rem; padding: 2px 8px; border-radius: 999px; background: var(--pax8-color-badge, #eef2f6); }
      dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 8px 0; font-size: 0.9rem; }
      dt { color: var(--pax8-color-muted, #5f6b7a); }
      dd { margin: 0; }
      input.reason { font: inherit; padding: 4px 6px; min-width: 16em; }
      table { border-collapse: collapse; font-size: 0.9rem; }
      th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--pax8-color-border, #d9dee3); }
      h3 { font-size: 1rem; margin: 16px 0 8px; }
      label.inline { display: inline-flex; gap: 6px; align-items: center; margin: 0 0 8px; }
      select { font: inherit; padding: 4px 6px; }
    `,
  ];

  /** Route prefix of the plugin on the host. */
  @property({ attribute: 'base-path' }) basePath = '/pax8';
  /** Which requests to show: a status such as `pending`, or `all`. */
  @property({ reflect: true }) filter = 'pending';

  @state() private requests: ApprovalView[] = [];
  @state() private scheduled: ScheduledView[] = [];
  @state() private scheduledTotal = 0;
  @state() private canApprove = false;
  @state() private busyId: string | null = null;
  @state() private rejecting: string | null = null;
  @state() private reason = '';
  @state() private message: { kind: 'ok' | 'error'; text: string } | null = null;
  @state() private loaded = false;

  connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  async load(): Promise<void> {
    try {
      const api = apiFor(this);
      const query = this.filter === 'all' ? '' : `?status=${encodeURIComponent(this.filter)}`;
      const [list, changes] = await Promise.all([
        api.request<{ canApprove: boolean; items: ApprovalView[] }>('GET', `/agent-tools/approvals${query}`),
        api.request<{ total: number; items: ScheduledView[] }>('GET', '/agent-tools/scheduled-changes?status=scheduled&limit=200'),
      ]);
      this.requests = list.items;
      this.canApprove = list.canApprove;
      this.scheduled = changes.items;
      this.scheduledTotal = changes.total;
      this.loaded = true;
    } catch (err) {
      this.message = { kind: 'error', text: (err as Error).message };
    }
  }

  private async decide(r: ApprovalView, action: 'approve' | 'reject'): Promise<void> {
    this.busyId = r.id;
    this.message = null;
    try {
      const body = action === 'reject' && this.reason.trim() ? { reason: this.reason.trim() } : {};
      const updated = await apiFor(this).request<ApprovalView>('POST', `/agent-tools/approvals/${r.id}/${action}`, body);
      this.requests = this.requests.map((x) => (x.id === r.id ? updated : x));
      this.rejecting = null;
      this.reason = '';
      this.message = { kind: updated.status === 'executed' || updated.status === 'rejected' ? 'ok' : 'error', text: `${STATUS_LABELS[updated.status] ?? updated.status}${updated.error ? `: ${updated.error}` : '.'}` };
      this.dispatchEvent(new CustomEvent('pax8-approval-decided', { detail: updated, bubbles: true, composed: true }));
    } catch (err) {
      this.message = { kind: 'error', text: (err as Error).message };
      await this.load();
    } finally {
      this.busyId = null;
    }
  }

  private handleFilter = (e: Event): void => {
    this.filter = (e.target as HTMLSelectElement).value;
    void this.load();
  };

  private async cancelChange(c: ScheduledView): Promise<void> {
    this.busyId = c.id;
    try {
      await apiFor(this).request('DELETE', `/agent-tools/scheduled-changes/${c.id}`);
      this.scheduled = this.scheduled.filter((x) => x.id !== c.id);
      this.scheduledTotal--;
      this.message = { kind: 'ok', text: 'Scheduled change cancelled.' };
    } catch (err) {
      this.message = { kind: 'error', text: (err as Error).message };
    } finally {
      this.busyId = null;
    }
  }

  render() {
    return html`<section class="card" aria-labelledby="title">
      <h2 id="title">AI agent: approvals</h2>
      <div class="row">
        <label class="inline">Show
          <select aria-label="Which requests to show" .value=${this.filter} @change=${this.handleFilter}>
            ${['pending', 'all', 'executed', 'failed', 'needs-human', 'rejected', 'expired'].map((f) => html`<option value=${f} ?selected=${this.filter === f}>${f === 'all' ? 'All' : (STATUS_LABELS[f] ?? f)}</option>`)}
          </select>
        </label>
        <button @click=${() => this.load()}>Refresh</button>
      </div>
      ${this.message ? html`<p data-testid="message" role="status" class=${this.message.kind}>${this.message.text}</p>` : nothing}
      ${!this.loaded
        ? html`<p class="muted">Loading…</p>`
        : html`${this.requests.length
            ? html`<ul class="requests">${this.requests.map((r) => this.renderRequest(r))}</ul>`
            : html`<p class="muted" data-testid="empty">Nothing waiting for a decision.</p>`}
          <h3>Scheduled NCE changes</h3>
          ${this.scheduled.length ? this.renderScheduled() : html`<p class="muted" data-testid="no-scheduled">No changes scheduled.</p>`}`}
    </section>`;
  }

  private money(value: string | null | undefined, currency: string | null | undefined) {
    return value === null || value === undefined ? 'unknown' : `${value}${currency ? ` ${currency}` : ''}`;
  }

  private renderRequest(r: ApprovalView) {
    const s = r.summary;
    const busy = this.busyId === r.id;
    const currency = s.currencyCode ?? s.lines?.[0]?.currencyCode;
    return html`<li class="request" data-id=${r.id} data-status=${r.status}>
      <div class="row"><strong>${r.tool === 'pax8-create-order' ? 'Order' : 'Subscription change'}</strong>
        <span class="badge" data-testid="status">${STATUS_LABELS[r.status] ?? r.status}</span>
        ${r.autoApproved ? html`<span class="badge">approved automatically${s.autoApprovedBecause ? `: ${s.autoApprovedBecause}` : ''}</span>` : nothing}</div>
      <p data-testid="summary">${s.text}</p>
      <dl>
        ${s.quantityBefore !== undefined ? html`<dt>Quantity</dt><dd>${s.quantityBefore} → ${s.quantityAfter}</dd>` : nothing}
        ${s.pax8MonthlyCostBefore !== undefined ? html`<dt>Pax8 cost / month</dt><dd>${this.money(s.pax8MonthlyCostBefore, currency)} → ${this.money(s.pax8MonthlyCostAfter, currency)}</dd>` : nothing}
        ${s.clientMonthlyPriceBefore != null ? html`<dt>Client price / month</dt><dd>${this.money(s.clientMonthlyPriceBefore, currency)} → ${this.money(s.clientMonthlyPriceAfter, currency)}</dd>` : nothing}
        ${s.lines?.map((l) => html`<dt>${l.productName}</dt><dd>${l.quantityBefore} → ${l.quantityAfter} seats, ${this.money(l.pax8MonthlyCostAfter, l.currencyCode)} / month</dd>`)}
        <dt>Pax8 dry run</dt><dd data-testid="dry-run">${r.dryRun.accepted ? (r.dryRun.pax8DryRun === false ? 'checked by the plugin (Pax8 has no dry run for this)' : 'accepted by Pax8') : `rejected: ${r.dryRun.rejection?.message ?? ''}`}</dd>
        <dt>Asked by</dt><dd>${r.requestedBy}, ${new Date(r.requestedAt).toLocaleString()}</dd>
        ${r.status === 'pending' ? html`<dt>Expires</dt><dd>${new Date(r.expiresAt).toLocaleString()}</dd>` : nothing}
        ${r.ledger ? html`<dt>Pax8</dt><dd data-testid="ledger">${r.ledger.status}${r.ledger.pax8OrderId ? ` (order ${r.ledger.pax8OrderId})` : ''}</dd>` : nothing}
        ${r.error ? html`<dt>Note</dt><dd>${r.error}</dd>` : nothing}
      </dl>
      ${r.status === 'pending' && this.canApprove
        ? html`<div class="row">
            <button class="primary" ?disabled=${busy} @click=${() => this.decide(r, 'approve')}>Approve</button>
            ${this.rejecting === r.id
              ? html`<input class="reason" aria-label="Reason for rejecting" placeholder="Reason (optional)" .value=${this.reason} @input=${(e: Event) => (this.reason = (e.target as HTMLInputElement).value)} />
                  <button ?disabled=${busy} @click=${() => this.decide(r, 'reject')}>Confirm reject</button>`
              : html`<button ?disabled=${busy} @click=${() => (this.rejecting = r.id)}>Reject</button>`}
          </div>`
        : r.status === 'pending'
          ? html`<p class="muted">You cannot approve requests; an approver will decide.</p>`
          : nothing}
    </li>`;
  }

  private renderScheduled() {
    const now = Date.now();
    return html`${this.scheduledTotal > this.scheduled.length ? html`<p class="muted">The first ${this.scheduled.length} of ${this.scheduledTotal}, soonest first.</p>` : nothing}<div class="scroll"><table>
      <thead><tr><th scope="col">Subscription</th><th scope="col">Change</th><th scope="col">On</th><th scope="col"><span class="muted">Cancel</span></th></tr></thead>
      <tbody>${this.scheduled.map(
        (c) => html`<tr data-id=${c.id}>
          <td><code>${c.subscriptionId}</code></td>
          <td>${[c.quantity !== null ? `quantity ${c.quantity}` : '', c.billingTerm ? `billing ${c.billingTerm}` : ''].filter(Boolean).join(', ')}</td>
          <td>${day(c.effectiveAt)}${Date.parse(c.remindAt) <= now ? html` <span class="badge">due soon</span>` : nothing}</td>
          <td><button ?disabled=${this.busyId === c.id} aria-label="Cancel the change of ${day(c.effectiveAt)}" @click=${() => this.cancelChange(c)}>Cancel</button></td>
        </tr>`,
      )}</tbody>
    </table></div>`;
  }
}
