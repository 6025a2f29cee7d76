import { css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { Pax8ApiError } from '../shared/api-client';
import { Pax8Element } from '../shared/pax8-element';
import { baseStyles } from '../shared/styles';
import type { ToolMode, ToolPolicyView } from '../shared/types';
import { policiesStrings as t } from './tool-policies.strings';

interface Draft {
  mode: ToolMode;
  seats: string;
  monthly: string;
}

const MODES: ToolMode[] = ['auto', 'approval', 'off'];

/**
 * @summary Per-tool policies for the AI agent: Auto, Approval needed or Off, and auto-approval thresholds for the write tools.
 * View-only users see the policies without controls.
 * @event pax8-policy-changed - after a save; `detail` is the saved policy.
 * @csspart base - the card.
 * @csspart table - the policies table.
 */
export class Pax8ToolPolicies extends Pax8Element {
  static styles = [
    baseStyles,
    css`
      .card { container-type: inline-size; }
      .scroll { overflow-x: auto; position: relative; }
      table { width: 100%; border-collapse: collapse; font-size: 0.9rem; }
      th { text-align: left; font-size: 0.78rem; text-transform: uppercase; letter-spacing: 0.03em; color: var(--_muted); padding: 6px 8px; border-bottom: 1px solid var(--_border); }
      td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--_border); vertical-align: middle; }
      td.tool code { font-size: 0.85rem; white-space: nowrap; }
      td select { min-width: 10em; }
      td input[type] { width: 8em; }
      td.save { text-align: right; }
      button.changed { font-weight: 600; }
      /* A narrow card (a side column, a phone): one block per tool, labels beside the fields. */
      @container (max-width: 640px) {
        table, tbody, tr, td { display: block; }
        thead { display: none; }
        tr { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 6px 10px; padding: 10px 0; border-bottom: 1px solid var(--_border); align-items: end; }
        td { border: 0; padding: 0; }
        td.tool { grid-column: 1 / -1; }
        td.tool code { white-space: normal; overflow-wrap: anywhere; }
        td.na { display: none; }
        td[data-label]::before { content: attr(data-label); display: block; font-size: 0.78rem; color: var(--_muted); margin-bottom: 2px; }
        td select, td input[type] { min-width: 0; width: 100%; }
        td.policy { grid-area: 2 / 1; }
        td.save { grid-area: 2 / 2; justify-self: end; }
        td.seats { grid-area: 3 / 1; }
        td.monthly { grid-area: 3 / 2; }
      }
        `,
  ];

  @state() private policies: ToolPolicyView[] | null = null;
  @state() private drafts: Record<string, Draft> = {};
  @state() private savingTool: string | null = null;

  protected async load(): Promise<void> {
    const page = await this.attempt(() => this.api.request<{ items: ToolPolicyView[] }>('GET', '/agent-tools/policies'));
    if (!page) return;
    this.policies = page.items;
    this.drafts = Object.fromEntries(page.items.map((p) => [p.tool, draftOf(p)]));
  }

  private edit(tool: string, change: Partial<Draft>): void {
    this.drafts = { ...this.drafts, [tool]: { ...this.drafts[tool], ...change } };
  }

  private async handleSave(p: ToolPolicyView): Promise<void> {
    const d = this.drafts[p.tool];
    const body: Record<string, unknown> = { mode: d.mode };
    if (p.kind === 'write') {
      body.autoApproveMaxSeats = d.seats.trim() === '' ? null : Number(d.seats);
      body.autoApproveMaxMonthly = d.monthly.trim() === '' ? null : d.monthly.trim();
    }
    this.notice = null;
    this.savingTool = p.tool;
    const saved = await this.attempt(
      () => this.api.request<ToolPolicyView>('PUT', `/agent-tools/policies/${encodeURIComponent(p.tool)}`, body),
      (err) => {
        const errors = err instanceof Pax8ApiError ? (err.body as { errors?: Array<{ field: string; reason: string }> } | undefined)?.errors : undefined;
        this.notice = { kind: 'error', text: errors?.length ? t.fieldProblems(errors) : (err as Error).message };
      },
    );
    this.savingTool = null;
    if (!saved) return;
    this.policies = (this.policies ?? []).map((x) => (x.tool === saved.tool ? saved : x));
    this.edit(p.tool, draftOf(saved));
    this.notice = { kind: 'ok', text: t.saved(p.tool, t.modes[saved.mode]) };
    this.emit('pax8-policy-changed', saved);
  }

  render() {
    const gate = this.gate(t.title);
    if (gate) return gate;
    const manage = this.canManage;
    return html`<section class="card" part="base" aria-labelledby="policies-title">
      <div class="head"><h2 id="policies-title">${t.title}</h2></div>
      <p class="muted small">${t.intro}</p>
      ${this.readOnlyHint()} ${this.renderNotice()}
      ${this.policies
        ? html`<div class="scroll" tabindex="0" role="region" aria-label=${t.title}><table part="table">
            <thead><tr><th scope="col">${t.columns.tool}</th><th scope="col">${t.columns.policy}</th><th scope="col">${t.columns.seats}</th><th scope="col">${t.columns.monthly}</th>
              ${manage ? html`<th scope="col"><span class="sr-only">${t.columns.save}</span></th>` : nothing}</tr></thead>
            <tbody>${this.policies.map((p) => (manage ? this.renderRow(p) : this.renderReadOnlyRow(p)))}</tbody>
          </table></div>`
        : html`<p class="muted row" role="status"><span class="spinner"></span>${t.loading}</p>`}
    </section>`;
  }

  private toolCell(p: ToolPolicyView) {
    return html`<td class="tool"><code>${p.tool}</code>${p.mode !== p.defaultMode ? html` <span class="muted small">${t.isDefault(t.modes[p.defaultMode])}</span>` : nothing}</td>`;
  }

  private renderReadOnlyRow(p: ToolPolicyView) {
    return html`<tr data-tool=${p.tool}>
      ${this.toolCell(p)}
      <td class="policy" data-testid="mode" data-label=${t.columns.policy}>${t.modes[p.mode]}</td>
      ${p.kind === 'write'
        ? html`<td class="seats" data-label=${t.columns.seats}>${p.autoApproveMaxSeats ?? '—'}</td>
            <td class="monthly" data-label=${t.columns.monthly}>${p.autoApproveMaxMonthly ? trimZeros(p.autoApproveMaxMonthly) : '—'}</td>`
        : html`<td class="na muted">${t.readOnlyTool}</td><td class="na"></td>`}
    </tr>`;
  }

  private renderRow(p: ToolPolicyView) {
    const d = this.drafts[p.tool];
    const busy = this.savingTool === p.tool;
    const dirty = isDirty(p, d);
    return html`<tr data-tool=${p.tool}>
      ${this.toolCell(p)}
      <td class="policy" data-label=${t.columns.policy}>
        <select aria-label=${t.policyLabel(p.tool)} ?disabled=${busy} @change=${(e: Event) => this.edit(p.tool, { mode: (e.target as HTMLSelectElement).value as ToolMode })}>
          ${MODES.map((m) => html`<option value=${m} ?selected=${d.mode === m}>${t.modes[m]}</option>`)}
        </select>
      </td>
      ${p.kind === 'write'
        ? html`<td class="seats" data-label=${t.columns.seats}><input type="number" min="1" aria-label=${t.seatsLabel(p.tool)} .value=${d.seats} ?disabled=${busy || d.mode !== 'approval'} @input=${(e: Event) => this.edit(p.tool, { seats: (e.target as HTMLInputElement).value })} /></td>
            <td class="monthly" data-label=${t.columns.monthly}><input type="text" inputmode="decimal" aria-label=${t.monthlyLabel(p.tool)} .value=${d.monthly} ?disabled=${busy || d.mode !== 'approval'} @input=${(e: Event) => this.edit(p.tool, { monthly: (e.target as HTMLInputElement).value })} /></td>`
        : html`<td class="na muted">${t.readOnlyTool}</td><td class="na"></td>`}
      <td class="save"><button type="button" class=${dirty ? 'primary changed' : ''} aria-label=${t.saveLabel(p.tool)} ?disabled=${busy || !dirty} @click=${() => this.handleSave(p)}>${t.save}</button></td>
    </tr>`;
  }
}

function draftOf(p: ToolPolicyView): Draft {
  return { mode: p.mode, seats: p.autoApproveMaxSeats?.toString() ?? '', monthly: p.autoApproveMaxMonthly ? trimZeros(p.autoApproveMaxMonthly) : '' };
}

function isDirty(p: ToolPolicyView, d: Draft | undefined): boolean {
  const o = draftOf(p);
  return !!d && (d.mode !== o.mode || d.seats !== o.seats || d.monthly !== o.monthly);
}

/** "25.0000" → "25", "12.5000" → "12.5": the decimal string as typed, with no float on the way. */
function trimZeros(v: string): string {
  return v.includes('.') ? v.replace(/0+$/, '').replace(/\.$/, '') : v;
}
