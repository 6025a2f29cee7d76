import { html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { apiFor, Pax8ApiError } from '../shared/api-client';
import { baseStyles } from '../shared/styles';

interface ConnectionStatus {
  state: 'connected' | 'configured' | 'not_connected';
  label: string;
  needsCredentials: boolean;
  credentials: null | { clientId: string; clientSecret: string; savedAt: string | null; ageDays: number | null; health: { state: string; checkedAt: string | null } };
  settings: { autoMapEnabled: boolean };
  lastSync: null | { at: string | null; status: string | null };
  lastError: null | { message: string; at: string | null };
  nextSyncAt: string | null;
}

/**
 * @summary The Pax8 connection: status, credentials (masked once saved), test, connect, auto-map option, disconnect.
 * @event pax8-connection-changed - after a save or disconnect; `detail` is the new status.
 * @cssproperty --pax8-color-primary - accent colour of the main button.
 */
export class Pax8ConnectionCard extends LitElement {
  static styles = baseStyles;

  /** Route prefix of the plugin on the host. */
  @property({ attribute: 'base-path' }) basePath = '/pax8';

  @state() private status: ConnectionStatus | null = null;
  @state() private message: { kind: 'ok' | 'error'; text: string } | null = null;
  @state() private busy = false;
  @state() private clientId = '';
  @state() private clientSecret = '';

  connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async run<T>(action: () => Promise<T>, success?: (result: T) => string): Promise<T | undefined> {
    this.busy = true;
    this.message = null;
    try {
      const result = await action();
      if (success) this.message = { kind: 'ok', text: success(result) };
      return result;
    } catch (err) {
      this.message = { kind: 'error', text: err instanceof Pax8ApiError || err instanceof Error ? err.message : String(err) };
      return undefined;
    } finally {
      this.busy = false;
    }
  }

  async load(): Promise<void> {
    const status = await this.run(() => apiFor(this).request<ConnectionStatus>('GET', '/connection'));
    if (status) this.status = status;
  }

  private async handleTest(): Promise<void> {
    await this.run(
      () => apiFor(this).request<{ ok: boolean; message: string }>('POST', '/connection/test', { clientId: this.clientId, clientSecret: this.clientSecret }),
      (r) => r.message,
    );
  }

  private async handleSave(): Promise<void> {
    const status = await this.run(
      () =>
        apiFor(this).request<ConnectionStatus>('PUT', '/connection', {
          clientId: this.clientId,
          clientSecret: this.clientSecret,
          autoMapEnabled: this.status?.settings.autoMapEnabled ?? false,
        }),
      () => 'Saved.',
    );
    if (status) this.applyStatus(status);
  }

  private async handleAutoMap(e: Event): Promise<void> {
    const autoMapEnabled = (e.target as HTMLInputElement).checked;
    const status = await this.run(() => apiFor(this).request<ConnectionStatus>('PUT', '/connection', { autoMapEnabled }), () => 'Saved.');
    if (status) this.applyStatus(status);
  }

  private async handleDisconnect(): Promise<void> {
    if (!confirm('Disconnect Pax8? This removes the credentials, company mappings, subscriptions and billing settings of this tenant.')) return;
    const done = await this.run(() => apiFor(this).request('DELETE', '/connection', { confirm: 'DISCONNECT' }), () => 'Disconnected.');
    if (done) await this.load();
  }

  private applyStatus(status: ConnectionStatus): void {
    this.status = status;
    this.clientId = '';
    this.clientSecret = '';
    this.dispatchEvent(new CustomEvent('pax8-connection-changed', { detail: status, bubbles: true, composed: true }));
  }

  render() {
    const s = this.status;
    const stored = !!s?.credentials;
    return html`<div class="card" part="base">
      <h2>Pax8 connection</h2>
      ${s
        ? html`<p><strong data-testid="state">${s.needsCredentials ? 'Re-enter credentials' : s.label}</strong></p>
            ${s.credentials
              ? html`<p class="muted">
                  Saved ${s.credentials.ageDays ?? 0} day(s) ago · last proven
                  ${s.credentials.health.checkedAt ? new Date(s.credentials.health.checkedAt).toLocaleString() : 'never'}
                  (${s.credentials.health.state})
                </p>`
              : nothing}
            ${s.lastError ? html`<p class="error" role="alert">${s.lastError.message}</p>` : nothing}
            ${s.nextSyncAt ? html`<p class="muted">Next sync: ${new Date(s.nextSyncAt).toLocaleString()}</p>` : nothing}`
        : nothing}
      <label for="cid">Client ID</label>
      <input id="cid" type="text" autocomplete="off" .value=${this.clientId} placeholder=${stored ? s!.credentials!.clientId : ''}
        @input=${(e: Event) => (this.clientId = (e.target as HTMLInputElement).value)} />
      <label for="secret">Client Secret</label>
      <input id="secret" type="password" autocomplete="new-password" .value=${this.clientSecret} placeholder=${stored ? s!.credentials!.clientSecret : ''}
        @input=${(e: Event) => (this.clientSecret = (e.target as HTMLInputElement).value)} />
      <label><input type="checkbox" .checked=${s?.settings.autoMapEnabled ?? false} ?disabled=${this.busy} @change=${this.handleAutoMap} />
        Automatically map companies to clients</label>
      <p>
        <button ?disabled=${this.busy || !this.clientId || !this.clientSecret} @click=${this.handleTest}>Test</button>
        <button class="primary" ?disabled=${this.busy || !this.clientId || !this.clientSecret} @click=${this.handleSave}>${stored ? 'Replace credentials' : 'Connect'}</button>
        ${stored ? html`<button ?disabled=${this.busy} @click=${this.handleDisconnect}>Disconnect</button>` : nothing}
      </p>
      ${this.message ? html`<p class=${this.message.kind} role="status" data-testid="message">${this.message.text}</p>` : nothing}
    </div>`;
  }
}
