import { html, nothing } from 'lit';
import { query } from 'lit/decorators.js';
import type { Pax8BillingDialog } from '../billing-dialog/billing-dialog.component';
import { state } from 'lit/decorators.js';
import { Pax8ApiError } from '../shared/api-client';
import { icons } from '../shared/icons';
import type { Pax8EventMap, Pax8EventName } from '../shared/page-state';
import { Pax8Element } from '../shared/pax8-element';
import { baseStyles } from '../shared/styles';
import type { AutoMapReport, BillingSubscription, CompanyDetail, CompanyPage, CompanyRow, SyncRunView } from '../shared/types';
import { companiesStrings as t } from './companies-table.strings';
import { companiesStyles } from './companies-table.styles';
import { PanelState, renderSubscriptions } from './subscriptions-panel';
import { renderSyncProgress } from './sync-progress';

/** "https://www.example.com/" reads as "example.com". */
const displayWebsite = (url: string) => url.replace(/^https?:\/\//i, '').replace(/^www\./i, '').replace(/\/$/, '');

type Filter = 'all' | 'mapped' | 'unmapped' | 'removed';
const PAGE_SIZE = 25;
const SEARCH_DELAY_MS = 250;

/**
 * @summary Pax8 companies with their mapping to the host's clients: search, filter, sort, summary and
 * paging on the server; Sync now with a progress bar; auto-map with the reasons it left rows; a client
 * picker per company (suggestions first); unlink; per-company refresh; and row expansion with the
 * company's subscriptions, filtered by status (Active by default).
 * @event pax8-company-mapped - `detail: { companyId, clientId, clientName, source }`.
 * @event pax8-company-unlinked - `detail: { companyId, clientId, detachedInvoiceLinks }`.
 * @event pax8-auto-mapped - `detail: { mapped, ambiguous, noCandidate }`.
 * @event pax8-sync-started - `detail: { run }`; then pax8-sync-progress and pax8-sync-finished with `{ run }`.
 * @csspart base - the card.
 * @csspart title - the heading.
 * @csspart toolbar - search, filter, sort and actions.
 * @csspart summary - the "48 companies · 31 mapped · 17 to map" line.
 * @csspart progress - the sync progress bar.
 * @csspart table - the companies table.
 * @csspart notice - the outcome message.
 */
export class Pax8CompaniesTable extends Pax8Element {
  static styles = [baseStyles, companiesStyles];

  @state() private page: CompanyPage | null = null;
  @state() private search = '';
  @state() private filter: Filter = 'all';
  @state() private sort = 'name';
  @state() private offset = 0;
  @state() private loading = false;
  @state() private loadError: string | null = null;
  @state() private expanded = new Map<string, PanelState>();
  @state() private ambiguity = new Map<string, string>();
  @state() private rowNotices = new Map<string, string>();
  @state() private refreshing = new Set<string>();
  @query('pax8-billing-dialog') private billingDialog!: Pax8BillingDialog;
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  private loadSeq = 0;

  protected async load(): Promise<void> {
    // Sync needs the connection state; read it here too in case no connection card is on the page.
    if (!this.store.connection) void this.store.refreshConnection().catch(() => undefined);
    const seq = ++this.loadSeq;
    this.loading = true;
    const params = new URLSearchParams({ withSuggestions: 'true', limit: String(PAGE_SIZE), offset: String(this.offset), sort: this.sort, mapping: this.filter });
    if (this.search.trim()) params.set('search', this.search.trim());
    try {
      const page = await this.api.request<CompanyPage>('GET', `/companies?${params}`);
      if (seq !== this.loadSeq) return;
      // Past the end after a change elsewhere (e.g. the last rows were mapped away): step back a page.
      if (!page.items.length && this.offset > 0 && page.total > 0) {
        this.offset = Math.max(0, Math.floor((page.total - 1) / PAGE_SIZE) * PAGE_SIZE);
        return this.load();
      }
      this.page = page;
      this.loadError = null;
      void this.store.resumeRunningSync(this).catch(() => undefined);
    } catch (err) {
      if (seq === this.loadSeq) this.loadError = (err as Error).message;
    } finally {
      if (seq === this.loadSeq) this.loading = false;
    }
  }

  /** Reloads the list and the open subscription panels (after any change on the page). */
  private async reloadAll(): Promise<void> {
    await this.load();
    await Promise.all([...this.expanded.keys()].map((id) => this.loadDetail(id)));
  }

  protected pageEvent<K extends Pax8EventName>(name: K, detail: Pax8EventMap[K]): void {
    switch (name) {
      case 'pax8-sync-finished': {
        const run = (detail as Pax8EventMap['pax8-sync-finished']).run;
        this.syncFinished(run);
        break;
      }
      case 'pax8-disconnected':
        this.page = null;
        this.expanded = new Map();
        this.ambiguity = new Map();
        void this.load();
        break;
      case 'pax8-connected':
      case 'pax8-connection-changed':
      case 'pax8-company-mapped':
      case 'pax8-company-unlinked':
      case 'pax8-auto-mapped':
      case 'pax8-billing-saved':
      case 'pax8-pricing-rules-changed':
        void this.reloadAll();
        break;
    }
  }

  private syncFinished(run: SyncRunView): void {
    if (run.kind === 'company' && run.pax8CompanyId) {
      const id = run.pax8CompanyId;
      this.refreshing = new Set([...this.refreshing].filter((x) => x !== id));
      const name = this.page?.items.find((c) => c.id === id)?.name ?? id;
      this.notice = run.status === 'succeeded' ? { kind: 'ok', text: t.companyRefreshed(name, run.counts?.subscriptions) } : { kind: 'error', text: t.syncFailed(run.error) };
    } else {
      this.notice = run.status === 'succeeded' && run.counts ? { kind: 'ok', text: t.syncDone(run.counts) } : { kind: 'error', text: t.syncFailed(run.error) };
    }
    void this.reloadAll();
  }

  private async startSync(): Promise<void> {
    this.notice = null;
    const run = await this.attempt(() => this.api.request<SyncRunView>('POST', '/sync'));
    if (!run) return;
    this.store.follow(run, this);
    this.emit('pax8-sync-started', { run });
  }

  private async refreshCompany(c: CompanyRow): Promise<void> {
    this.notice = null;
    this.refreshing = new Set([...this.refreshing, c.id]);
    const run = await this.attempt(() => this.api.request<SyncRunView>('POST', `/sync/companies/${encodeURIComponent(c.id)}`));
    if (!run) {
      this.refreshing = new Set([...this.refreshing].filter((x) => x !== c.id));
      return;
    }
    this.store.follow(run, this);
    this.emit('pax8-sync-started', { run });
  }

  private async autoMap(): Promise<void> {
    this.notice = null;
    const report = await this.attempt(() => this.api.request<AutoMapReport>('POST', '/mapping/auto'));
    if (!report) return;
    const left = new Map<string, string>();
    for (const a of report.leftAmbiguous) {
      const rule = t.ruleNames[a.rule] ?? a.rule;
      left.set(a.pax8CompanyId, (t.ambiguity[a.reason] ?? t.ambiguity.multipleClients)(rule, a.clientIds.length));
    }
    this.ambiguity = left;
    this.notice = { kind: report.mapped ? 'ok' : 'info', text: t.autoMapDone(report) };
    this.emit('pax8-auto-mapped', { mapped: report.mapped, ambiguous: report.ambiguous, noCandidate: report.noCandidate });
  }

  private async map(c: CompanyRow, clientId: string, clientName: string): Promise<void> {
    this.notice = null;
    this.setRowNotice(c.id, null);
    const done = await this.attempt(
      () => this.api.request<{ clientName: string }>('PUT', `/companies/${encodeURIComponent(c.id)}/mapping`, { clientId }),
      (err) => void this.refused(c, clientName, err),
    );
    if (!done) return;
    this.ambiguity.delete(c.id);
    this.patchRow(c.id, { mapping: { clientId, clientName: done.clientName ?? clientName, source: 'manual', rule: null }, suggestions: undefined });
    this.notice = { kind: 'ok', text: t.mapped(c.name, done.clientName ?? clientName) };
    this.emit('pax8-company-mapped', { companyId: c.id, clientId, clientName: done.clientName ?? clientName, source: 'manual' });
    await this.updateComplete;
    (this.renderRoot.querySelector(`tr[data-company="${CSS.escape(c.id)}"] .unlink`) as HTMLElement | null)?.focus();
  }

  /** A refused pick: say why with names (not ids), re-read the truth, and put the focus back in the picker. */
  private async refused(c: CompanyRow, clientName: string, err: unknown): Promise<void> {
    let text = (err as Error).message;
    if (err instanceof Pax8ApiError && err.status === 409) {
      const takenId = (err.body as { pax8CompanyId?: string } | undefined)?.pax8CompanyId;
      const taken = takenId ? await this.api.request<CompanyDetail>('GET', `/companies/${encodeURIComponent(takenId)}`).catch(() => null) : null;
      text = t.takenBy(clientName, taken?.name ?? 'another Pax8 company');
    }
    this.setRowNotice(c.id, text);
    this.notice = { kind: 'error', text };
    await this.load();
    await this.updateComplete;
    (this.renderRoot.querySelector(`tr[data-company="${CSS.escape(c.id)}"] pax8-client-picker`) as HTMLElement | null)?.focus();
  }

  private async unlink(c: CompanyRow): Promise<void> {
    if (!c.mapping) return;
    this.notice = null;
    const done = await this.attempt(() => this.api.request<{ detachedInvoiceLinks: number }>('DELETE', `/companies/${encodeURIComponent(c.id)}/mapping`));
    if (!done) return void this.load();
    this.patchRow(c.id, { mapping: null });
    this.notice = { kind: 'ok', text: t.unlinked(c.name, done.detachedInvoiceLinks) };
    this.emit('pax8-company-unlinked', { companyId: c.id, clientId: c.mapping.clientId, detachedInvoiceLinks: done.detachedInvoiceLinks });
    await this.updateComplete;
    (this.renderRoot.querySelector(`tr[data-company="${CSS.escape(c.id)}"] pax8-client-picker`) as HTMLElement | null)?.focus();
  }

  /** Shows a change on its row at once (the reload that follows confirms it), so the focus has somewhere to go. */
  private patchRow(id: string, patch: Partial<CompanyRow>): void {
    if (!this.page) return;
    this.page = { ...this.page, items: this.page.items.map((r) => (r.id === id ? { ...r, ...patch } : r)) };
  }

  private setRowNotice(id: string, text: string | null): void {
    const next = new Map(this.rowNotices);
    if (text) next.set(id, text);
    else next.delete(id);
    this.rowNotices = next;
  }

  private async toggle(c: CompanyRow): Promise<void> {
    const next = new Map(this.expanded);
    if (next.has(c.id)) {
      next.delete(c.id);
      this.expanded = next;
      return;
    }
    next.set(c.id, { items: null, total: 0, error: null, status: 'Active' });
    this.expanded = next;
    await this.loadDetail(c.id);
  }

  private async loadDetail(id: string): Promise<void> {
    const current = this.expanded.get(id);
    if (!current) return;
    let patch: Partial<PanelState>;
    try {
      // Every status at once, cancelled ones too (the filter is local); the billing routes price each row.
      const page = await this.api.request<{ total: number; items: BillingSubscription[] }>('GET', `/companies/${encodeURIComponent(id)}/subscriptions?status=all&includeRemoved=true&limit=200`);
      patch = { items: page.items, total: page.total, error: null };
    } catch (err) {
      patch = { error: (err as Error).message };
    }
    const latest = this.expanded.get(id);
    if (latest) this.expanded = new Map(this.expanded).set(id, { ...latest, ...patch });
  }

  private setStatusFilter(id: string, status: string): void {
    const current = this.expanded.get(id);
    if (current) this.expanded = new Map(this.expanded).set(id, { ...current, status });
  }

  private setQuery(patch: { search?: string; filter?: Filter; sort?: string; offset?: number }, delay = 0): void {
    Object.assign(this, patch);
    if (patch.offset === undefined) this.offset = 0;
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => void this.load(), delay);
  }

  render() {
    const gate = this.gate(t.title);
    if (gate) return gate;
    const run = this.store.run?.status === 'running' ? this.store.run : null;
    const fullRun = run?.kind === 'full' ? run : null;
    const connected = !!this.store.connection?.credentials || (this.page?.summary.companies ?? 0) > 0;
    const active = this.store.connection?.state === 'connected' && !this.store.connection.needsCredentials;
    return html`<section class="card" part="base" aria-labelledby="title" aria-busy=${this.loading ? 'true' : 'false'}>
      <div class="head">
        <div>
          <h2 id="title" part="title">${t.title}</h2>
          ${this.page ? html`<p class="muted small summary" part="summary" data-testid="summary">${t.summary(this.page.summary)}</p>` : nothing}
        </div>
        ${this.canManage
          ? html`<div class="row">
              <button type="button" ?disabled=${this.busy || !!run || !active} @click=${this.autoMap}>${icons.wand} ${t.autoMap}</button>
              <button type="button" class="primary" data-testid="sync" ?disabled=${this.busy || !!run || !active} title=${active ? nothing : t.needsConnection}
                @click=${this.startSync}>${icons.sync} ${run ? t.syncing : t.syncNow}</button>
            </div>`
          : nothing}
      </div>
      ${this.readOnlyHint()} ${fullRun ? renderSyncProgress(fullRun) : nothing} ${this.renderNotice()}
      <div class="toolbar" part="toolbar" role="search">
        <div class="grow">
          <label for="search" class="sr-only">${t.search}</label>
          <input id="search" type="search" placeholder=${t.searchPlaceholder} .value=${this.search}
            @input=${(e: Event) => this.setQuery({ search: (e.target as HTMLInputElement).value }, SEARCH_DELAY_MS)} />
        </div>
        <div class="select">
          <label for="filter" class="sr-only">${t.filter}</label>
          <select id="filter" data-testid="filter" @change=${(e: Event) => this.setQuery({ filter: (e.target as HTMLSelectElement).value as Filter })}>
            ${Object.entries(t.filters).map(([v, label]) => html`<option value=${v} ?selected=${v === this.filter}>${label}</option>`)}
          </select>
        </div>
        <div class="select">
          <label for="sort" class="sr-only">${t.sort}</label>
          <select id="sort" data-testid="sort" @change=${(e: Event) => this.setQuery({ sort: (e.target as HTMLSelectElement).value })}>
            ${Object.entries(t.sorts).map(([v, label]) => html`<option value=${v} ?selected=${v === this.sort}>${label}</option>`)}
          </select>
        </div>
      </div>
      ${this.renderBody(connected)}
    </section>
    <pax8-billing-dialog theme=${this.theme} .basePath=${this.basePath} .requestHook=${this.requestHook}></pax8-billing-dialog>`;
  }

  private renderBody(connected: boolean) {
    if (this.loadError) return html`<p class="note error" role="alert">${this.loadError}</p>`;
    if (!this.page) return html`<p class="muted row" role="status"><span class="spinner"></span>${t.loading}</p>`;
    if (!this.page.items.length) {
      const filtered = !!this.search.trim() || this.filter !== 'all';
      return html`<p class="empty muted" data-testid="empty">${filtered ? t.emptyFiltered : connected ? t.empty : t.notConnected}</p>`;
    }
    const { total } = this.page;
    const to = Math.min(this.offset + PAGE_SIZE, total);
    return html`<table part="table" class="companies">
        <thead>
          <tr><th scope="col">${t.columns.company}</th><th scope="col" class="num subs-col">${t.columns.subscriptions}</th><th scope="col" class="client-col">${t.columns.client}</th>${this.canManage ? html`<th scope="col" class="actions-col"><span class="sr-only">${t.columns.actions}</span></th>` : nothing}</tr>
        </thead>
        ${this.page.items.map((c) => this.renderRow(c))}
      </table>
      <nav class="pager row" aria-label="Pages">
        <span class="muted small" data-testid="range">${t.paging(this.offset + 1, to, total)}</span>
        <span class="grow"></span>
        <button type="button" class="icon" aria-label=${t.previous} ?disabled=${this.offset === 0 || this.loading} @click=${() => this.setQuery({ offset: Math.max(0, this.offset - PAGE_SIZE) })}>
          <span class="flip">${icons.chevron}</span>
        </button>
        <button type="button" class="icon" aria-label=${t.next} ?disabled=${to >= total || this.loading} @click=${() => this.setQuery({ offset: this.offset + PAGE_SIZE })}>${icons.chevron}</button>
      </nav>`;
  }

  private renderRow(c: CompanyRow) {
    const panel = this.expanded.get(c.id);
    const panelId = `subs-${c.id}`;
    const why = this.ambiguity.get(c.id);
    const rowError = this.rowNotices.get(c.id);
    const colspan = this.canManage ? 4 : 3;
    return html`<tbody class=${panel ? 'open' : ''}>
      <tr data-company=${c.id}>
        <td class="company" data-label=${t.columns.company}>
          <button type="button" class="expander" aria-expanded=${panel ? 'true' : 'false'} aria-controls=${panelId} data-testid="expand" @click=${() => this.toggle(c)}>
            <span class="chev">${icons.chevron}</span><span class="name">${c.name}</span>
            <span class="sr-only">: ${t.expand(c.name)}</span>
          </button>
          <div class="meta small muted">
            ${c.website ? html`<span class="site">${displayWebsite(c.website)}</span>` : nothing}
            ${c.removed ? html`<span class="badge error">${t.removedBadge}</span>` : c.status ? html`<span class="badge ${c.status === 'Active' ? 'ok' : 'warn'}">${c.status}</span>` : nothing}
          </div>
        </td>
        <td class="num" data-label=${t.columns.subscriptions}>${c.activeSubscriptions}</td>
        <td class="client" data-label=${t.columns.client}>${this.renderMapping(c)}
          ${why && !c.mapping ? html`<p class="why small" data-testid="ambiguous">${icons.alert} ${why}</p>` : nothing}
          ${rowError ? html`<p class="field-error" data-testid="row-error">${rowError}</p>` : nothing}
        </td>
        ${this.canManage
          ? html`<td class="actions" data-label=${t.columns.actions}>
              <button type="button" class="icon" title=${t.refreshLabel(c.name)} aria-label=${t.refreshLabel(c.name)} data-testid="refresh"
                ?disabled=${this.refreshing.has(c.id) || c.removed || this.store.run?.status === 'running'} @click=${() => this.refreshCompany(c)}>
                ${this.refreshing.has(c.id) ? html`<span class="spinner"></span>` : icons.sync}<span class="label">${t.refresh}</span>
              </button>
            </td>`
          : nothing}
      </tr>
      ${panel
        ? html`<tr class="panel"><td colspan=${colspan} id=${panelId}>${renderSubscriptions(panel, {
            companyId: c.id,
            companyName: c.name,
            mapped: !!c.mapping,
            canManage: this.canManage,
            onStatus: (s) => this.setStatusFilter(c.id, s),
            onBilling: (subscriptionId, opener) => void this.billingDialog.open(subscriptionId, opener),
          })}</td></tr>`
        : nothing}
    </tbody>`;
  }

  private renderMapping(c: CompanyRow) {
    if (c.mapping) {
      const name = c.mapping.clientName ?? c.mapping.clientId;
      return html`<div class="mapped">
        <div class="mapped-text"><span class="muted small">${t.mappedTo}</span> <strong data-testid="mapped-client">${name}</strong>
          <span class="muted small">· ${t.mappedBy(c.mapping.source, c.mapping.rule ? (t.ruleNames[c.mapping.rule] ?? c.mapping.rule) : null)}</span></div>
        ${this.canManage ? html`<button type="button" class="icon unlink" aria-label=${t.unlinkLabel(c.name, name)} ?disabled=${this.busy} @click=${() => this.unlink(c)}>${icons.unlink}<span class="label">${t.unlink}</span></button>` : nothing}
      </div>`;
    }
    if (!this.canManage || c.removed) return html`<span class="muted">${t.notMapped}</span>`;
    return html`<pax8-client-picker theme=${this.theme} company-name=${c.name} .api=${this.api} .suggestions=${c.suggestions ?? []} ?disabled=${this.busy}
      @pax8-client-chosen=${(e: CustomEvent<{ clientId: string; clientName: string }>) => this.map(c, e.detail.clientId, e.detail.clientName)}></pax8-client-picker>`;
  }
}
