import { css, html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { apiFor, Pax8ApiError } from '../shared/api-client';
import { baseStyles } from '../shared/styles';

type Mode = 'auto' | 'approval' | 'off';
interface Policy {
  tool: string;
  kind: 'read' | 'write';
  mode: Mode;
  defaultMode: Mode;
  autoApproveMaxSeats: number | null;
  autoApproveMaxMonthly: string | null;
  updatedBy: string | null;
  updatedAt: string | null;
}
interface Draft {
  mode: Mode;
  seats: string;
  monthly: string;
}

const MODE_LABELS: Record<Mode, string> = { auto: 'Auto', approval: 'Approval needed', off: 'Off' };

/**
 * @summary Per-tool policies for the AI agent: Auto, Approval needed or Off, and auto-approval thresholds for the write tools.
 * @event pax8-policy-changed - after a save; `detail` is the saved policy.
 * @cssproperty --pax8-color-primary - accent colour of the save buttons.
 */
export class Pax8ToolPolicies extends LitElement {
  static styles = [
    baseStyles,
    css`
      /* Inside a host's grid or flex layout the element shrinks and scrolls instead of spilling over its neighbours. */
      :host { min-width: 0; }
      .scroll { overflow-x: auto; }
      p, dd { overflow-wrap: anywhere; }
      table { width: 100%; border-collapse: collapse; font-size: 0.9rem; }
      th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--pax8-color-border, #d9dee3); vertical-align: middle; }
      td.tool code { font-size: 0.85rem; }
      input.small { width: 7em; font: inherit; padding: 4px 6px; }
      select { font: inherit; padding: 4px 6px; }
      .changed { font-weight: 600; }
    `,
  ];

  /** Route prefix of the plugin on the host. */
  @property({ attribute: 'base-path' }) basePath = '/pax8';

  @state() private policies: Policy[] = [];
  @state() private drafts: Record<string, Draft> = {};
  @state() private busyTool: string | null = null;
  @state() private message: { kind: 'ok' | 'error'; text: string } | null = null;
  @state() private loaded = false;

  connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  async load(): Promise<void> {
    try {
      const { items } = await apiFor(this).request<{ items: Policy[] }>('GET', '/agent-tools/policies');
      this.policies = items;
      this.drafts = Object.fromEntries(items.map((p) => [p.tool, this.draftOf(p)]));
      this.loaded = true;
    } catch (err) {
      this.message = { kind: 'error', text: (err as Error).message };
    }
  }

  private draftOf(p: Policy): Draft {
    return { mode: p.mode, seats: p.autoApproveMaxSeats?.toString() ?? '', monthly: p.autoApproveMaxMonthly ? String(Number(p.autoApproveMaxMonthly)) : '' };
  }

  private edit(tool: string, change: Partial<Draft>): void {
    this.drafts = { ...this.drafts, [tool]: { ...this.drafts[tool], ...change } };
  }

  private async handleSave(p: Policy): Promise<void> {
    const d = this.drafts[p.tool];
    this.busyTool = p.tool;
    this.message = null;
    try {
      const body: Record<string, unknown> = { mode: d.mode };
      if (p.kind === 'write') {
        body.autoApproveMaxSeats = d.seats.trim() === '' ? null : Number(d.seats);
        body.autoApproveMaxMonthly = d.monthly.trim() === '' ? null : d.monthly.trim();
      }
      const saved = await apiFor(this).request<Policy>('PUT', `/agent-tools/policies/${encodeURIComponent(p.tool)}`, body);
      this.policies = this.policies.map((x) => (x.tool === saved.tool ? saved : x));
      this.edit(p.tool, this.draftOf(saved));
      this.message = { kind: 'ok', text: `${p.tool}: ${MODE_LABELS[saved.mode]}.` };
      this.dispatchEvent(new CustomEvent('pax8-policy-changed', { detail: saved, bubbles: true, composed: true }));
    } catch (err) {
      const body = err instanceof Pax8ApiError ? (err.body as { errors?: Array<{ field: string; reason: string }> }) : undefined;
      this.message = { kind: 'error', text: body?.errors?.length ? body.errors.map((e) => `${e.field} ${e.reason}`).join('; ') : (err as Error).message };
    } finally {
      this.busyTool = null;
    }
  }

  private isDirty(p: Policy): boolean {
    const d = this.drafts[p.tool];
    const o = this.draftOf(p);
    return !!d && (d.mode !== o.mode || d.seats !== o.seats || d.monthly !== o.monthly);
  }

  render() {
    return html`<section class="card" aria-labelledby="title">
      <h2 id="title">AI agent: tool policies</h2>
      <p class="muted">What the agent may do on its own. Writes under "Approval needed" wait for an approver; thresholds let small changes through automatically.</p>
      ${this.message ? html`<p data-testid="message" role="status" class=${this.message.kind === 'ok' ? 'ok' : 'error'}>${this.message.text}</p>` : nothing}
      ${this.loaded
        ? html`<div class="scroll"><table>
            <thead><tr><th scope="col">Tool</th><th scope="col">Policy</th><th scope="col">Auto-approve up to (seats)</th><th scope="col">or less than (per month)</th><th scope="col"><span class="muted">Save</span></th></tr></thead>
            <tbody>${this.policies.map((p) => this.renderRow(p))}</tbody>
          </table></div>`
        : html`<p class="muted">Loading…</p>`}
    </section>`;
  }

  private renderRow(p: Policy) {
    const d = this.drafts[p.tool];
    const busy = this.busyTool === p.tool;
    return html`<tr data-tool=${p.tool}>
      <td class="tool"><code>${p.tool}</code>${p.mode !== p.defaultMode ? html` <span class="muted">(default ${MODE_LABELS[p.defaultMode]})</span>` : nothing}</td>
      <td>
        <select aria-label="Policy for ${p.tool}" .value=${d.mode} ?disabled=${busy} @change=${(e: Event) => this.edit(p.tool, { mode: (e.target as HTMLSelectElement).value as Mode })}>
          ${(['auto', 'approval', 'off'] as Mode[]).map((m) => html`<option value=${m} ?selected=${d.mode === m}>${MODE_LABELS[m]}</option>`)}
        </select>
      </td>
      <td>${p.kind === 'write'
        ? html`<input class="small" type="number" min="1" aria-label="Auto-approve seats for ${p.tool}" .value=${d.seats} ?disabled=${busy || d.mode !== 'approval'} @input=${(e: Event) => this.edit(p.tool, { seats: (e.target as HTMLInputElement).value })} />`
        : html`<span class="muted">read only</span>`}</td>
      <td>${p.kind === 'write'
        ? html`<input class="small" type="text" inputmode="decimal" aria-label="Auto-approve monthly amount for ${p.tool}" .value=${d.monthly} ?disabled=${busy || d.mode !== 'approval'} @input=${(e: Event) => this.edit(p.tool, { monthly: (e.target as HTMLInputElement).value })} />`
        : nothing}</td>
      <td><button class="primary ${this.isDirty(p) ? 'changed' : ''}" aria-label="Save policy for ${p.tool}" ?disabled=${busy || !this.isDirty(p)} @click=${() => this.handleSave(p)}>Save</button></td>
    </tr>`;
  }
}
