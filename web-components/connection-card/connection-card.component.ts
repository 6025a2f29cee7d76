import { css, html, nothing } from 'lit';
import { query, state } from 'lit/decorators.js';
import { Pax8ApiError } from '../shared/api-client';
import { formatDateTime } from '../shared/format';
import { icons } from '../shared/icons';
import type { Pax8EventMap, Pax8EventName } from '../shared/page-state';
import { Pax8Element } from '../shared/pax8-element';
import { baseStyles } from '../shared/styles';
import type { ConnectionStatus, SyncRunView } from '../shared/types';
import { connectionStrings as t } from './connection-card.strings';

type CredentialField = 'clientId' | 'clientSecret';

/**
 * @summary The Pax8 connection: status, last and next sync, the latest error, credentials (masked once
 * saved) with test / connect / replace, the Active switch, sync options, and disconnect with confirmation.
 * @event pax8-connected - credentials saved; `detail: { status, replaced }`.
 * @event pax8-connection-changed - Active or auto-map changed, or the saved credentials were checked; `detail: { status }`.
 * @event pax8-disconnected - `detail: { removed }` (counts per table).
 * @csspart base - each card.
 * @csspart title - the card titles.
 * @csspart status - the status badge.
 * @csspart notice - the outcome message.
 * @csspart dialog - the disconnect confirmation.
 * @cssproperty --pax8-color-primary - accent of the main buttons.
 */
export class Pax8ConnectionCard extends Pax8Element {
  static styles = [
    baseStyles,
    css`
      dl { display: grid; grid-template-columns: minmax(90px, max-content) 1fr; gap: 6px 16px; margin: 0 0 12px; }
      dt { color: var(--_muted); }
      dd { margin: 0; min-width: 0; overflow-wrap: anywhere; }
      .fields { display: grid; grid-template-columns: 1fr 1fr; gap: 0 12px; }
      @media (max-width: 520px) { .fields { grid-template-columns: 1fr; } }
      :host([narrow]) .fields { grid-template-columns: 1fr; }
      .switch { display: flex; align-items: flex-start; gap: 10px; margin: 12px 0; font-weight: 500; }
      .switch input { width: 18px; height: 18px; margin: 2px 0 0; accent-color: var(--_primary); flex: none; }
      .switch span small { display: block; font-weight: 400; color: var(--_muted); }
      .actions { display: flex; gap: 8px; flex-wrap: wrap; margin-top: 14px; }
      .danger-zone { margin-top: 16px; padding-top: 12px; border-top: 1px solid var(--_border); }
      dialog { border: 1px solid var(--_border); border-radius: var(--_radius); padding: 20px; max-width: min(480px, calc(100vw - 32px)); background: var(--_surface); color: var(--_text); }
      dialog::backdrop { background: rgb(0 0 0 / 0.45); }
    `,
  ];

  @state() private clientId = '';
  @state() private clientSecret = '';
  @state() private fieldErrors: Partial<Record<CredentialField, string>> = {};
  @state() private lastRun: SyncRunView | null = null;
  @state() private confirmText = '';
  @query('dialog') private dialog!: HTMLDialogElement;

  private get status(): ConnectionStatus | null {
    return this.store.connection;
  }

  protected async load(): Promise<void> {
    await this.attempt(async () => {
      await this.store.refreshConnection();
      await this.loadLastRun();
    });
    this.showDelegatedOutcome();
  }

  /** Back from Pax8's sign-in: the callback redirected here with `?pax8Connect=connected|declined|failed&message=`. */
  private showDelegatedOutcome(): void {
    const params = new URLSearchParams(globalThis.location?.search ?? '');
    const outcome = params.get('pax8Connect');
    if (!outcome) return;
    this.notice = { kind: outcome === 'connected' ? 'ok' : 'error', text: params.get('message') || t.delegatedOutcome[outcome] || outcome };
    if (outcome === 'connected' && this.status) this.emit('pax8-connected', { status: this.status, replaced: false });
  }

  /** "Connect with Pax8" / "Re-authorize with Pax8": the server hands out Pax8's sign-in URL (state and PKCE bound to this user). */
  private async handleDelegatedStart(): Promise<void> {
    this.notice = null;
    await this.attempt(async () => {
      const { authorizeUrl } = await this.api.request<{ authorizeUrl: string }>('POST', '/connection/delegated/start', {});
      globalThis.location.assign(authorizeUrl);
    }, (err) => this.showError(err));
  }

  private async loadLastRun(): Promise<void> {
    const runId = this.status?.lastSync?.runId;
    this.lastRun = runId ? await this.api.request<SyncRunView>('GET', `/sync/runs/${encodeURIComponent(runId)}`).catch(() => null) : null;
  }

  protected pageEvent<K extends Pax8EventName>(name: K, _detail: Pax8EventMap[K]): void {
    if (name === 'pax8-sync-finished') void this.loadLastRun();
  }

  private setField(field: CredentialField, value: string): void {
    this[field] = value;
    if (this.fieldErrors[field]) this.fieldErrors = { ...this.fieldErrors, [field]: undefined };
  }

  private showError(err: unknown): void {
    const text = err instanceof Error ? err.message : String(err);
    const fields = err instanceof Pax8ApiError ? err.fieldErrors : {};
    // The notice carries the full message; a field repeats it only when it says something else.
    const short = (m: string | undefined) => (m === undefined ? undefined : m === text ? t.notAccepted : m);
    this.fieldErrors = { clientId: short(fields.clientId), clientSecret: short(fields.clientSecret) };
    this.notice = { kind: 'error', text };
  }

  private async handleTest(): Promise<void> {
    this.notice = null;
    const result = await this.attempt(
      () => this.api.request<{ ok: boolean; message: string }>('POST', '/connection/test', { clientId: this.clientId, clientSecret: this.clientSecret }),
      (e) => this.showError(e),
    );
    if (result) {
      this.notice = { kind: result.ok ? 'ok' : 'error', text: result.message };
      this.fieldErrors = result.ok ? {} : { clientSecret: t.notAccepted };
    }
  }

  private async handleSave(e: Event): Promise<void> {
    e.preventDefault();
    this.notice = null;
    const replaced = !!this.status?.credentials;
    const status = await this.attempt(
      () => this.api.request<ConnectionStatus>('PUT', '/connection', { clientId: this.clientId, clientSecret: this.clientSecret }),
      (err) => this.showError(err),
    );
    if (!status) return;
    this.clientId = '';
    this.clientSecret = '';
    this.fieldErrors = {};
    this.store.setConnection(status);
    this.notice = { kind: 'ok', text: replaced ? t.replaced : t.connected };
    this.emit('pax8-connected', { status, replaced });
  }

  private async saveSetting(body: { active?: boolean; autoMapEnabled?: boolean }, done: string): Promise<void> {
    this.notice = null;
    const status = await this.attempt(() => this.api.request<ConnectionStatus>('PUT', '/connection', body));
    if (status) {
      this.store.setConnection(status);
      this.notice = { kind: 'ok', text: done };
      this.emit('pax8-connection-changed', { status });
    } else {
      this.requestUpdate(); // puts the switch back to what the server has
    }
  }

  private async handleCheck(): Promise<void> {
    this.notice = null;
    const status = await this.attempt(() => this.api.request<ConnectionStatus>('POST', '/connection/check'));
    if (!status) return;
    this.store.setConnection(status);
    const state = status.credentials?.health.state ?? 'unknown';
    this.notice = { kind: state === 'valid' ? 'ok' : 'error', text: t.checked(state) };
    this.emit('pax8-connection-changed', { status });
  }

  private openDisconnect(): void {
    this.confirmText = '';
    this.dialog.showModal();
  }

  private async handleDisconnect(e: Event): Promise<void> {
    e.preventDefault();
    if (this.confirmText.trim() !== t.confirmWord) return;
    const result = await this.attempt(() => this.api.request<{ removed: Record<string, number> }>('DELETE', '/connection', { confirm: t.confirmWord }));
    this.dialog.close();
    if (!result) return;
    const total = Object.values(result.removed ?? {}).reduce((a, b) => a + b, 0);
    this.lastRun = null;
    await this.store.refreshConnection().catch(() => this.store.setConnection(null));
    this.notice = { kind: 'ok', text: t.disconnected(total) };
    this.emit('pax8-disconnected', { removed: result.removed ?? {} });
    (this.renderRoot.querySelector('#cid') as HTMLInputElement | null)?.focus();
  }

  render() {
    const gate = this.gate(t.title);
    if (gate) return gate;
    const s = this.status;
    if (!s) {
      return html`<section class="card" part="base"><div class="head"><h2 part="title">${t.title}</h2></div>
        ${this.notice ? this.renderNotice() : html`<p class="muted row" role="status"><span class="spinner"></span>Loading…</p>`}</section>`;
    }
    return html`<section class="card" part="base" aria-labelledby="title">
        <div class="head">
          <h2 id="title" part="title">${t.title}</h2>
          ${this.renderBadge(s)}
        </div>
        ${this.renderFacts(s)} ${this.readOnlyHint()} ${this.canManage ? this.renderManage(s) : nothing} ${this.renderNotice()}
      </section>
      ${this.renderSyncOptions(s)} ${this.canManage ? this.renderDialog() : nothing}`;
  }

  private renderBadge(s: ConnectionStatus) {
    const key = s.needsReauthorization ? 'reauthorize' : s.needsCredentials ? 'reenter' : s.state;
    const kind = s.needsCredentials || s.needsReauthorization ? 'error' : s.state === 'connected' ? 'ok' : s.state === 'configured' ? 'warn' : 'neutral';
    return html`<span class="badge ${kind}" part="status" data-testid="state" role="status">${t.stateLabels[key]}</span>`;
  }

  private renderFacts(s: ConnectionStatus) {
    const c = s.credentials;
    const run = this.lastRun;
    const counts = run?.counts;
    const err = s.lastError;
    // An error is stale once a later call to Pax8 succeeded (a sync or a credential check).
    const laterSuccess = [s.lastSync?.status === 'succeeded' ? s.lastSync.at : null, c?.health.state === 'valid' ? c.health.checkedAt : null].filter(Boolean) as string[];
    const resolved = !!err?.at && !s.needsCredentials && !s.needsReauthorization && laterSuccess.some((at) => at > err.at!);
    const d = s.delegated;
    return html`${(s.warnings ?? []).map(
        (w) => html`<p class="note ${w.severity === 'critical' ? 'error' : 'warn'}" role=${w.severity === 'critical' ? 'alert' : 'status'} data-testid="warning" part="notice">${w.message}</p>`,
      )}<dl>
      ${d
        ? html`<dt>${t.signedIn}</dt>
            <dd data-testid="delegated">${d.pax8AccountId ? t.partnerAccount(d.pax8AccountId) : t.pax8Login}<br /><span class="muted small"
                >${t.consentWindow(formatDateTime(d.consentGivenAt), formatDateTime(d.consentEndsAt), d.daysLeft)}</span></dd>`
        : nothing}
      ${c
        ? html`<dt>${t.credentials}</dt>
            <dd><span data-testid="masked-id">${c.clientId}</span><br /><span class="muted small">${t.savedAgo(c.ageDays)} ·
              ${c.health.checkedAt ? t.lastProven(formatDateTime(c.health.checkedAt), c.health.state) : t.neverProven}</span></dd>`
        : nothing}
      <dt>${t.lastSync}</dt>
      <dd data-testid="last-sync">
        ${s.lastSync?.at
          ? html`${formatDateTime(s.lastSync.at)} <span class="badge ${s.lastSync.status === 'succeeded' ? 'ok' : 'error'}">${t.syncStatus[s.lastSync.status ?? ''] ?? s.lastSync.status}</span>
              ${counts
                ? html`<br /><span class="muted small">${t.syncCounts({
                    companies: counts.companies.created + counts.companies.updated + counts.companies.unchanged,
                    subscriptions: counts.subscriptions.created + counts.subscriptions.updated + counts.subscriptions.unchanged,
                    created: counts.companies.created + counts.subscriptions.created,
                    updated: counts.companies.updated + counts.subscriptions.updated,
                  })}</span>`
                : nothing}`
          : html`<span class="muted">${t.neverSynced}</span>`}
      </dd>
      ${c || d ? html`<dt>${t.nextSync}</dt><dd data-testid="next-sync">${s.nextSyncAt ? formatDateTime(s.nextSyncAt) : html`<span class="muted">${t.noNextSync}</span>`}</dd>` : nothing}
      ${err
        ? html`<dt>${t.lastError}</dt>
            <dd data-testid="last-error">
              ${resolved ? html`<span class="badge ok" title=${t.resolvedHint}>${icons.check} ${t.resolved}</span> <span class="muted">${err.message}</span>` : html`<span class="error-text">${err.message}</span>`}
              ${err.at ? html`<br /><span class="muted small">${formatDateTime(err.at)}</span>` : nothing}
            </dd>`
        : nothing}
    </dl>`;
  }

  private renderManage(s: ConnectionStatus) {
    const methods = s.availableMethods ?? ['client_credentials'];
    const delegated = methods.includes('delegated')
      ? html`<div class="actions" data-testid="delegated-actions">
          <button type="button" class=${s.needsReauthorization || !s.credentials && s.method !== 'delegated' ? 'primary' : ''} ?disabled=${this.busy} @click=${this.handleDelegatedStart}>
            ${s.method === 'delegated' ? t.reauthorize : t.connectWithPax8}</button>
          <span class="muted small">${t.delegatedHint}</span>
        </div>`
      : nothing;
    // Connected by Pax8 login (or the product allows only that): no credential form to confuse the two ways.
    if (!methods.includes('client_credentials') || s.method === 'delegated') {
      return html`${delegated}${s.state !== 'not_connected' ? html`<div class="danger-zone"><button type="button" class="danger" ?disabled=${this.busy} @click=${this.openDisconnect}>${t.disconnect}</button></div>` : nothing}`;
    }
    return html`${delegated}${this.renderCredentials(s)}`;
  }

  private renderCredentials(s: ConnectionStatus) {
    const stored = !!s.credentials;
    const both = !!this.clientId.trim() && !!this.clientSecret.trim();
    const field = (id: string, name: CredentialField, label: string, type: string, placeholder: string, autocomplete: string) => {
      const error = this.fieldErrors[name];
      return html`<div>
        <label for=${id}>${label}</label>
        <input id=${id} name=${name} type=${type} autocomplete=${autocomplete} spellcheck="false" .value=${this[name]} placeholder=${placeholder}
          aria-invalid=${error ? 'true' : 'false'} aria-describedby=${error ? `${id}-error` : stored ? 'keep-hint' : nothing}
          @input=${(e: Event) => this.setField(name, (e.target as HTMLInputElement).value)} />
        ${error ? html`<p class="field-error" id="${id}-error">${error}</p>` : nothing}
      </div>`;
    };
    return html`
      ${stored
        ? html`<label class="switch"><input type="checkbox" role="switch" data-testid="active" .checked=${s.state === 'connected'} ?disabled=${this.busy}
              @change=${(e: Event) => {
                const on = (e.target as HTMLInputElement).checked;
                void this.saveSetting({ active: on }, on ? t.activated : t.deactivated);
              }} />
            <span>${t.active}<small>${t.activeHint}</small></span></label>`
        : nothing}
      <form @submit=${this.handleSave} novalidate>
        <div class="fields">
          ${field('cid', 'clientId', t.clientId, 'text', stored ? s.credentials!.clientId : '', 'off')}
          ${field('secret', 'clientSecret', t.clientSecret, 'password', stored ? s.credentials!.clientSecret : '', 'new-password')}
        </div>
        ${stored ? html`<p class="muted small" id="keep-hint" style="margin-top:6px">${t.keepStored}</p>` : nothing}
        <div class="actions">
          <button type="button" ?disabled=${this.busy || !both} @click=${this.handleTest}>${t.test}</button>
          <button type="submit" class="primary" ?disabled=${this.busy || !both}>${stored ? t.replace : t.connect}</button>
          ${stored ? html`<button type="button" ?disabled=${this.busy} @click=${this.handleCheck}>${t.checkStored}</button>` : nothing}
          ${this.busy ? html`<span class="spinner" role="status" aria-label="Working"></span>` : nothing}
        </div>
      </form>
      ${s.state !== 'not_connected' ? html`<div class="danger-zone"><button type="button" class="danger" ?disabled=${this.busy} @click=${this.openDisconnect}>${t.disconnect}</button></div>` : nothing}`;
  }

  private renderSyncOptions(s: ConnectionStatus) {
    return html`<section class="card" part="base" aria-labelledby="options-title">
      <h3 id="options-title" part="title">${t.syncOptions}</h3>
      <label class="switch"><input type="checkbox" data-testid="auto-map" .checked=${s.settings.autoMapEnabled} ?disabled=${this.busy || !this.canManage}
          @change=${(e: Event) => {
            const on = (e.target as HTMLInputElement).checked;
            void this.saveSetting({ autoMapEnabled: on }, on ? t.autoMapOn : t.autoMapOff);
          }} />
        <span>${t.autoMap}<small>${t.autoMapHint}</small></span></label>
    </section>`;
  }

  private renderDialog() {
    const matches = this.confirmText.trim() === t.confirmWord;
    return html`<dialog part="dialog" aria-labelledby="dlg-title" aria-describedby="dlg-body" @close=${() => (this.confirmText = '')}>
      <form @submit=${this.handleDisconnect}>
        <h3 id="dlg-title">${t.dialogTitle}</h3>
        <p id="dlg-body">${t.dialogBody}</p>
        <label for="confirm">${t.dialogPrompt(t.confirmWord)}</label>
        <input id="confirm" type="text" autocomplete="off" spellcheck="false" .value=${this.confirmText} @input=${(e: Event) => (this.confirmText = (e.target as HTMLInputElement).value)} />
        <div class="actions">
          <button type="button" @click=${() => this.dialog.close()}>${t.cancel}</button>
          <button type="submit" class="danger solid" ?disabled=${!matches || this.busy}>${t.confirmDisconnect}</button>
        </div>
      </form>
    </dialog>`;
  }
}
