import { Pax8ApiClient } from './api-client';
import type { ApprovalView, ConnectionStatus, Pax8Session, SyncRunView, ToolPolicyView } from './types';

/**
 * The events elements announce (bubbling and composed, so a host can listen on `document`), with the
 * shape of `detail`. The same notices reach every element of the page through the shared state.
 */
export interface Pax8EventMap {
  'pax8-connected': { status: ConnectionStatus; replaced: boolean };
  'pax8-connection-changed': { status: ConnectionStatus };
  'pax8-disconnected': { removed: Record<string, number> };
  'pax8-sync-started': { run: SyncRunView };
  'pax8-sync-progress': { run: SyncRunView };
  'pax8-sync-finished': { run: SyncRunView };
  'pax8-company-mapped': { companyId: string; clientId: string; clientName: string | null; source: 'manual' | 'auto' };
  'pax8-company-unlinked': { companyId: string; clientId: string; detachedInvoiceLinks: number };
  'pax8-auto-mapped': { mapped: number; ambiguous: number; noCandidate: number };
  'pax8-billing-saved': { subscriptionId: string; companyId: string | null };
  'pax8-pricing-rules-changed': { ruleId: string; action: 'created' | 'updated' | 'deleted' };
  /** The request as it stands after an approve or reject. */
  'pax8-approval-decided': ApprovalView;
  /** The saved policy of one agent tool. */
  'pax8-policy-changed': ToolPolicyView;
}
export type Pax8EventName = keyof Pax8EventMap;

const POLL_MS = 700;

/**
 * One shared state per page and base path: the session (access and plan), the connection status and
 * the running sync, so a change made in one element shows in the others without a reload.
 */
export class Pax8PageState extends EventTarget {
  session: Pax8Session | null = null;
  sessionError: { status: number; message: string } | null = null;
  connection: ConnectionStatus | null = null;
  run: SyncRunView | null = null;
  private sessionLoad: Promise<void> | null = null;
  private polling = false;

  constructor(readonly api: Pax8ApiClient) {
    super();
  }

  /** Loads the session once for the page (again with `force`, e.g. after the host switched user). */
  loadSession(force = false): Promise<void> {
    if (!this.sessionLoad || force) {
      this.sessionLoad = this.api.request<Pax8Session>('GET', '/session').then(
        (s) => {
          this.session = s;
          this.sessionError = null;
          this.changed('session');
        },
        (err: { status?: number; message: string }) => {
          this.session = null;
          this.sessionError = { status: err.status ?? 0, message: err.message };
          this.sessionLoad = null; // a later element may try again (e.g. once the host signed in)
          this.changed('session');
        },
      );
    }
    return this.sessionLoad;
  }

  get canManage(): boolean {
    return !!this.session?.licensed && this.session.access === 'manage';
  }

  async refreshConnection(): Promise<ConnectionStatus> {
    const status = await this.api.request<ConnectionStatus>('GET', '/connection');
    this.setConnection(status);
    return status;
  }

  setConnection(status: ConnectionStatus | null): void {
    this.connection = status;
    this.changed('connection');
  }

  /** Follows a run until it ends; every element sees its progress, and the connection status is re-read after. */
  follow(run: SyncRunView, from: HTMLElement): void {
    this.run = run;
    this.changed('run');
    if (this.polling) return;
    this.polling = true;
    const tick = async (): Promise<void> => {
      try {
        const current = await this.api.request<SyncRunView>('GET', `/sync/runs/${encodeURIComponent(this.run!.id)}`);
        this.run = current;
        if (current.status === 'running') {
          this.changed('run');
          this.emit(from, 'pax8-sync-progress', { run: current });
          setTimeout(tick, POLL_MS);
          return;
        }
        this.polling = false;
        this.changed('run');
        await this.refreshConnection().catch(() => undefined);
        this.emit(from, 'pax8-sync-finished', { run: current });
      } catch {
        this.polling = false;
        this.changed('run');
      }
    };
    setTimeout(tick, POLL_MS);
  }

  /** Picks up a run already going (started by the schedule or another tab) when an element loads. */
  async resumeRunningSync(from: HTMLElement): Promise<void> {
    if (this.run || this.polling) return;
    const { items } = await this.api.request<{ items: SyncRunView[] }>('GET', '/sync/runs?limit=1');
    if (items[0]?.status === 'running') this.follow(items[0], from);
  }

  /** Announces a change: a DOM event from the element for the host, and a notice to every element of the page. */
  emit<K extends Pax8EventName>(from: HTMLElement, name: K, detail: Pax8EventMap[K]): void {
    from.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
    this.dispatchEvent(new CustomEvent('pax8-event', { detail: { name, detail } }));
  }

  private changed(what: 'session' | 'connection' | 'run'): void {
    this.dispatchEvent(new CustomEvent('change', { detail: what }));
  }
}

const states = new Map<string, Pax8PageState>();

/** The page's shared state for one base path (elements on another prefix get their own). */
export function pageStateFor(api: Pax8ApiClient, basePath: string): Pax8PageState {
  let state = states.get(basePath);
  if (!state) states.set(basePath, (state = new Pax8PageState(api)));
  return state;
}
