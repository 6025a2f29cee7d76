import { html, LitElement, nothing, PropertyValues, TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { Pax8ApiClient, pax8GlobalConfig, Pax8RequestHook } from './api-client';
import { icons } from './icons';
import { pageStateFor, Pax8EventMap, Pax8EventName, Pax8PageState } from './page-state';
import { sharedStrings } from './strings';

export type Notice = { kind: 'ok' | 'error' | 'info' | 'warn'; text: string } | null;

/**
 * What every plugin element shares: where the routes are (`base-path`, `requestHook`, or the page-wide
 * `configurePax8`), the page's shared state, the session gate (sign-in, plan, access), and a theme.
 */
export abstract class Pax8Element extends LitElement {
  /** Route prefix of the plugin on the host (default: the page-wide setting, else `/pax8`). */
  @property({ attribute: 'base-path' }) basePath: string | null = null;
  /** Adds headers to each request (for hosts whose auth is not a cookie). */
  @property({ attribute: false }) requestHook: Pax8RequestHook | null = null;
  /** `light` (default), `dark`, or `auto` (follows the system preference). */
  @property({ reflect: true }) theme: 'light' | 'dark' | 'auto' = 'light';

  @state() protected notice: Notice = null;
  @state() protected busy = false;

  private pageState: Pax8PageState | null = null;
  private readonly onState = (e: Event) => this.stateChanged((e as CustomEvent<string>).detail);
  private readonly onEvent = (e: Event) => {
    const { name, detail } = (e as CustomEvent<{ name: Pax8EventName; detail: unknown }>).detail;
    this.pageEvent(name, detail as never);
  };

  private client: Pax8ApiClient | null = null;

  get api(): Pax8ApiClient {
    // The hook is read at request time, so a page-wide hook set after the element loaded still applies.
    this.client ??= new Pax8ApiClient({
      basePath: this.basePath ?? pax8GlobalConfig().basePath,
      requestHook: (init) => (this.requestHook ?? pax8GlobalConfig().requestHook)?.(init),
    });
    return this.client;
  }

  get store(): Pax8PageState {
    if (!this.pageState) {
      const api = this.api;
      this.pageState = pageStateFor(api, this.basePath ?? pax8GlobalConfig().basePath);
    }
    return this.pageState;
  }

  get canManage(): boolean {
    return this.store.canManage;
  }

  connectedCallback(): void {
    super.connectedCallback();
    this.store.addEventListener('change', this.onState);
    this.store.addEventListener('pax8-event', this.onEvent);
    void this.start();
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    this.store.removeEventListener('change', this.onState);
    this.store.removeEventListener('pax8-event', this.onEvent);
  }

  protected willUpdate(changed: PropertyValues): void {
    if (changed.has('basePath') && changed.get('basePath') !== undefined) {
      this.pageState = null;
      this.client = null;
      void this.start();
    }
  }

  private async start(): Promise<void> {
    await this.store.loadSession();
    if (this.store.session?.licensed && this.store.session.access !== 'none') await this.load();
  }

  /** Loads the element's data once the session allows it. */
  protected abstract load(): Promise<void>;
  /** The shared state changed (session, connection, run). */
  protected stateChanged(_what: string): void {
    this.requestUpdate();
  }
  /** Another element (or this one) announced a change. */
  protected pageEvent<K extends Pax8EventName>(_name: K, _detail: Pax8EventMap[K]): void {}

  protected emit<K extends Pax8EventName>(name: K, detail: Pax8EventMap[K]): void {
    this.store.emit(this, name, detail);
  }

  /** Runs an action with the busy flag, turning a failure into an error notice (returns undefined then). */
  protected async attempt<T>(action: () => Promise<T>, onError?: (err: unknown) => void): Promise<T | undefined> {
    this.busy = true;
    try {
      return await action();
    } catch (err) {
      if (onError) onError(err);
      else this.notice = { kind: 'error', text: err instanceof Error ? err.message : String(err) };
      return undefined;
    } finally {
      this.busy = false;
    }
  }

  /**
   * The state before the element's own content: loading the session, not signed in, not in the plan,
   * no access. Returns null when the element may render its content.
   */
  protected gate(title: string): TemplateResult | null {
    const s = this.store;
    const strings = sharedStrings;
    const frame = (body: TemplateResult) => html`<section class="card" part="base" aria-labelledby="gate-title"><div class="head"><h2 id="gate-title" part="title">${title}</h2></div>${body}</section>`;
    if (s.sessionError) {
      return frame(
        s.sessionError.status === 401
          ? html`<p class="note info" role="status" data-testid="gate">${strings.signIn}</p>`
          : html`<p class="note error" role="alert" data-testid="gate">${strings.loadFailed(s.sessionError.message)}</p>
              <button @click=${() => this.store.loadSession(true)}>${strings.retry}</button>`,
      );
    }
    if (!s.session) return frame(html`<p class="muted row" role="status" data-testid="loading"><span class="spinner"></span>${strings.loading}</p>`);
    if (!s.session.licensed) {
      return frame(html`<div class="note info" data-testid="unlicensed" part="unlicensed">
        <p class="row"><strong>${icons.lock} ${strings.notInPlanTitle}</strong></p>
        <p class="muted" style="margin:0">${strings.notInPlanBody}</p>
      </div>`);
    }
    if (s.session.access === 'none') return frame(html`<p class="note info" data-testid="no-access">${strings.noAccess}</p>`);
    return null;
  }

  protected renderNotice(): TemplateResult | typeof nothing {
    const n = this.notice;
    if (!n) return nothing;
    // Errors interrupt (alert); everything else is announced politely.
    return html`<p class="note ${n.kind}" role=${n.kind === 'error' ? 'alert' : 'status'} data-testid="message" part="notice">${n.text}</p>`;
  }

  protected readOnlyHint(): TemplateResult | typeof nothing {
    return this.canManage ? nothing : html`<p class="muted small row" data-testid="read-only">${icons.lock} ${sharedStrings.readOnly}</p>`;
  }
}
