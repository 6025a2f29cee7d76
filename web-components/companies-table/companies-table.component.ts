import { css, html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { apiFor } from '../shared/api-client';
import { baseStyles } from '../shared/styles';

interface Suggestion {
  clientId: string;
  clientName: string;
  rule: string;
  score: number;
}
interface CompanyRow {
  id: string;
  name: string;
  website: string | null;
  status: string | null;
  removed: boolean;
  activeSubscriptions: number;
  mapping: null | { clientId: string; clientName: string | null; source: string; rule: string | null };
  suggestions?: Suggestion[];
}
interface HostClient {
  id: string;
  name: string;
}
interface SyncRunView {
  id: string;
  status: string;
  progress: { phase: string | null; pagesDone: number; pagesTotal: number };
  counts: null | { companies: Record<string, number>; subscriptions: Record<string, number> };
  error: string | null;
}

const RULE_LABELS: Record<string, string> = { accountNumber: 'account number', name: 'name', domain: 'website', fuzzyName: 'similar name' };

/**
 * @summary Pax8 companies and their mapping to the host's clients: sync now (with progress), auto-map,
 * and a per-company client picker that offers the matcher's suggestions first.
 * @event pax8-mapping-changed - after a company is mapped or unlinked; `detail` is `{ companyId, clientId | null }`.
 */
export class Pax8CompaniesTable extends LitElement {
  static styles = [
    baseStyles,
    css`
      table { width: 100%; border-collapse: collapse; font-size: 0.9rem; }
      th, td { text-align: left; padding: 6px 4px; border-bottom: 1px solid var(--pax8-color-border, #d9dee3); vertical-align: top; }
      select { font: inherit; max-width: 220px; }
      .toolbar { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; margin-bottom: 8px; }
      .tag { font-size: 0.75rem; color: var(--pax8-color-muted, #5f6b7a); }
    `,
  ];

  @property({ attribute: 'base-path' }) basePath = '/pax8';

  @state() private rows: CompanyRow[] = [];
  @state() private clients: HostClient[] = [];
  @state() private message: { kind: 'ok' | 'error'; text: string } | null = null;
  @state() private busy = false;
  @state() private run: SyncRunView | null = null;

  connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async guard<T>(action: () => Promise<T>): Promise<T | undefined> {
    this.busy = true;
    try {
      return await action();
    } catch (err) {
      this.message = { kind: 'error', text: (err as Error).message };
      return undefined;
    } finally {
      this.busy = false;
    }
  }

  async load(): Promise<void> {
    const api = apiFor(this);
    await this.guard(async () => {
      const [companies, clients] = await Promise.all([
        api.request<{ items: CompanyRow[] }>('GET', '/companies?withSuggestions=true&limit=200'),
        api.request<{ items: HostClient[] }>('GET', '/clients?limit=50'),
      ]);
      this.rows = companies.items;
      this.clients = clients.items;
    });
  }

  private async handleSync(): Promise<void> {
    const api = apiFor(this);
    this.message = null;
    let run = await this.guard(() => api.request<SyncRunView>('POST', '/sync'));
    while (run && run.status === 'running') {
      this.run = run;
      await new Promise((r) => setTimeout(r, 500));
      run = await this.guard(() => api.request<SyncRunView>('GET', `/sync/runs/${run!.id}`));
    }
    if (!run) return;
    this.run = run;
    this.message =
      run.status === 'succeeded'
        ? { kind: 'ok', text: `Synced: ${run.counts?.companies.created ?? 0} new companies, ${run.counts?.subscriptions.created ?? 0} new and ${run.counts?.subscriptions.updated ?? 0} changed subscriptions.` }
        : { kind: 'error', text: run.error ?? 'The sync failed.' };
    await this.load();
  }

  private async handleAutoMap(): Promise<void> {
    const report = await this.guard(() => apiFor(this).request<{ mapped: number; ambiguous: number; noCandidate: number }>('POST', '/mapping/auto'));
    if (!report) return;
    this.message = { kind: 'ok', text: `Auto-mapped ${report.mapped}; ${report.ambiguous} ambiguous and ${report.noCandidate} without a candidate are left for you.` };
    await this.load();
  }

  private async handlePick(company: CompanyRow, e: Event): Promise<void> {
    const clientId = (e.target as HTMLSelectElement).value;
    const api = apiFor(this);
    const done = await this.guard(() =>
      clientId ? api.request('PUT', `/companies/${encodeURIComponent(company.id)}/mapping`, { clientId }) : api.request<{ message: string }>('DELETE', `/companies/${encodeURIComponent(company.id)}/mapping`),
    );
    if (done === undefined) {
      await this.load(); // put the select back to what the server has
      return;
    }
    this.message = { kind: 'ok', text: clientId ? `Mapped ${company.name}.` : ((done as { message?: string }).message ?? `Unlinked ${company.name}.`) };
    this.dispatchEvent(new CustomEvent('pax8-mapping-changed', { detail: { companyId: company.id, clientId: clientId || null }, bubbles: true, composed: true }));
    await this.load();
  }

  private options(company: CompanyRow) {
    const suggested = company.suggestions ?? [];
    const suggestedIds = new Set(suggested.map((s) => s.clientId));
    const current = company.mapping;
    const others = this.clients.filter((c) => !suggestedIds.has(c.id) && c.id !== current?.clientId);
    return html`<option value="" ?selected=${!current}>${current ? 'Unlink' : 'Not mapped'}</option>
      ${current ? html`<option value=${current.clientId} selected>${current.clientName ?? current.clientId}</option>` : nothing}
      ${suggested.length
        ? html`<optgroup label="Suggested">
            ${suggested.map((s) => html`<option value=${s.clientId}>${s.clientName} (${RULE_LABELS[s.rule] ?? s.rule}, ${Math.round(s.score * 100)}%)</option>`)}
          </optgroup>`
        : nothing}
      <optgroup label="All clients">${others.map((c) => html`<option value=${c.id}>${c.name}</option>`)}</optgroup>`;
  }

  render() {
    const p = this.run?.status === 'running' ? this.run.progress : null;
    return html`<div class="card" part="base">
      <h2>Pax8 companies</h2>
      <div class="toolbar">
        <button class="primary" ?disabled=${this.busy} @click=${this.handleSync}>Sync now</button>
        <button ?disabled=${this.busy} @click=${this.handleAutoMap}>Auto-map</button>
        ${p ? html`<span class="muted" data-testid="progress">${p.phase}: ${p.pagesDone}/${p.pagesTotal || '?'} pages</span>` : nothing}
      </div>
      ${this.message ? html`<p class=${this.message.kind} role="status" data-testid="message">${this.message.text}</p>` : nothing}
      ${this.rows.length
        ? html`<table>
            <thead><tr><th>Company</th><th>Subscriptions</th><th>Client</th></tr></thead>
            <tbody>
              ${this.rows.map(
                (c) => html`<tr data-company=${c.id}>
                  <td>${c.name}<br /><span class="tag">${c.website ?? ''} ${c.status ?? ''}${c.removed ? ' · removed from Pax8' : ''}</span></td>
                  <td>${c.activeSubscriptions}</td>
                  <td>
                    <select aria-label="Client for ${c.name}" ?disabled=${this.busy} @change=${(e: Event) => this.handlePick(c, e)}>${this.options(c)}</select>
                    ${c.mapping ? html`<br /><span class="tag">${c.mapping.source === 'auto' ? `auto (${RULE_LABELS[c.mapping.rule ?? ''] ?? c.mapping.rule})` : 'manual'}</span>` : nothing}
                  </td>
                </tr>`,
              )}
            </tbody>
          </table>`
        : html`<p class="muted" data-testid="empty">No companies yet: connect Pax8 and sync.</p>`}
    </div>`;
  }
}
