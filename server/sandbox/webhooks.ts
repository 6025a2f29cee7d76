/**
 * Webhooks v2 (§15): registration API under /api/v2/webhooks, topic definitions, deliveries a
 * configurable delay after a change in a partner's data, at most 3 attempts (fewer when errorThreshold
 * is lower), a 10 s answer limit, delivery logs and replay. A webhook registered with an integrationId
 * (by a platform's delegated token) receives events of every partner that consented to that platform;
 * one registered with a partner's own token receives that partner's events.
 */
import { randomUUID } from 'crypto';
import type { Reply } from './errors';
import { ApiError, badRequest, notFound, unprocessable, detail } from './errors';
import type { OAuthService } from './oauth';
import { SANDBOX_CHOICES } from './quirks';
import type { SandboxDeliveryLog, SandboxWebhookOptions } from './sandbox.types';

type Row = Record<string, unknown>;

interface Webhook {
  id: string;
  displayName: string;
  url: string;
  authorization: string;
  active: boolean;
  contactEmail?: string;
  errorThreshold: number;
  webhookTopics: Array<{ id: string; topic: string; filters: Row[] }>;
  integrationId?: string;
  /** The partner (own-token webhook) or the platform app (integration webhook) that owns it. */
  owner: { partner?: string; app?: string };
  createdDate: string;
}

export type DeliveryLog = SandboxDeliveryLog & { createdDate: string };

export interface WebhookCaller {
  partner: string;
  /** Set for delegated tokens: the platform application. */
  app?: string;
}

const W = SANDBOX_CHOICES.webhooks;

export class WebhookService {
  deliveryDelayMs: number;
  retryDelayMs: number;
  private readonly hooks = new Map<string, Webhook>();
  readonly logs: DeliveryLog[] = [];
  private readonly pending = new Set<Promise<void>>();

  constructor(
    options: SandboxWebhookOptions | undefined,
    private readonly accountIdOf: (partner: string) => string,
    private readonly oauth: OAuthService,
  ) {
    this.deliveryDelayMs = options?.deliveryDelayMs ?? W.defaultDeliveryDelayMs;
    this.retryDelayMs = options?.retryDelayMs ?? W.retryDelayMs;
  }

  /** A change in a partner's data: queue a delivery for every active webhook that listens. */
  emit(partner: string, topic: string, payloadData: Row, only?: Webhook): void {
    for (const hook of only ? [only] : this.hooks.values()) {
      if (!only && (!hook.active || !this.listens(hook, partner))) continue;
      const sub = hook.webhookTopics.find((t) => t.topic === topic);
      if (!sub || !passesFilters(sub.filters, payloadData)) continue;
      const log: DeliveryLog = {
        id: randomUUID(),
        webhookId: hook.id,
        topic,
        accountId: this.accountIdOf(partner),
        status: 'PENDING',
        attempts: 0,
        responseStatus: null,
        error: null,
        createdDate: new Date().toISOString(),
        payload: { accountId: this.accountIdOf(partner), url: hook.url, webhookId: hook.id, webhookTopic: { id: sub.id, topic, filters: sub.filters }, payloadData },
      };
      this.logs.push(log);
      this.track(this.deliver(hook, log, Math.min(W.maxAttempts, hook.errorThreshold), this.deliveryDelayMs));
    }
  }

  /** Resolves when every queued delivery has finished (tests and the bench). */
  async idle(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }

  private listens(hook: Webhook, partner: string): boolean {
    if (hook.owner.partner) return hook.owner.partner === partner;
    return !!hook.owner.app && this.oauth.consentingPartners(hook.owner.app).includes(partner);
  }

  private track(p: Promise<void>): void {
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
  }

  private async deliver(hook: Webhook, log: DeliveryLog, attempts: number, delayMs: number): Promise<void> {
    for (let i = 0; i < attempts; i++) {
      await sleep(i === 0 ? delayMs : this.retryDelayMs);
      log.attempts++;
      try {
        const res = await fetch(hook.url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: hook.authorization },
          body: JSON.stringify({ ...log.payload, sentAt: new Date().toISOString() }),
          signal: AbortSignal.timeout(W.answerTimeoutMs),
        });
        log.responseStatus = res.status;
        await res.arrayBuffer().catch(() => undefined);
        if (res.ok) {
          log.status = 'SUCCESS';
          log.error = null;
          return;
        }
        log.error = `HTTP ${res.status}`;
      } catch (err) {
        log.responseStatus = null;
        log.error = (err as Error).name === 'TimeoutError' ? 'No answer within 10 s' : (err as Error).message;
      }
    }
    log.status = 'FAILED';
  }

  /** /api/v2/webhooks... for an authenticated caller. */
  handle(method: string, path: string, query: URLSearchParams, body: unknown, caller: WebhookCaller): Reply {
    const parts = path.replace(/^\/api\/v2\/webhooks\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
    if (parts[0] === 'topic-definitions' && method === 'GET') return { status: 200, body: { content: W.topicDefinitions } };
    if (parts.length === 0 && method === 'GET') {
      const mine = [...this.hooks.values()].filter((h) => this.visible(h, caller));
      return { status: 200, body: { content: mine.map(view), page: { size: mine.length, totalElements: mine.length, totalPages: mine.length ? 1 : 0, number: 0 } } };
    }
    if (parts.length === 0 && method === 'POST') return this.create(body, caller);
    const hook = this.hooks.get(parts[0] ?? '');
    if (!hook || !this.visible(hook, caller)) throw notFound('Webhook', parts[0] ?? '');
    const rest = parts.slice(1).join('/');
    const b = (body ?? {}) as Row;
    if (rest === '' && method === 'GET') return { status: 200, body: view(hook) };
    if (rest === '' && method === 'DELETE') {
      this.hooks.delete(hook.id);
      return { status: 204 };
    }
    if (rest === 'status' && method === 'POST') {
      if (typeof b.active !== 'boolean') throw badRequest('active must be true or false');
      hook.active = b.active;
      return { status: 200, body: view(hook) };
    }
    if (rest === 'topics' && method === 'POST') {
      hook.webhookTopics.push(...parseTopics([b]));
      return { status: 200, body: view(hook) };
    }
    if (parts[1] === 'topics' && parts[2] && parts.length === 3 && method === 'DELETE') {
      hook.webhookTopics = hook.webhookTopics.filter((t) => t.topic !== parts[2]);
      return { status: 200, body: view(hook) };
    }
    if (parts[1] === 'topics' && parts[3] === 'test' && method === 'POST') {
      const def = W.topicDefinitions.find((d) => d.topic === parts[2]);
      if (!def) throw notFound('Topic', parts[2]);
      const partner = hook.owner.partner ?? caller.partner;
      this.emit(partner, def.topic, def.samplePayload, hook);
      return { status: 202 };
    }
    if (rest === 'logs' && method === 'GET') {
      const status = query.get('status');
      const rows = this.logs.filter((l) => l.webhookId === hook.id && (!status || l.status === status.toUpperCase())).slice(-200).reverse();
      return { status: 200, body: { content: rows.map(({ payload, ...l }) => ({ ...l, topic: l.topic, payload })) } };
    }
    if (parts[1] === 'logs' && parts[3] === 'retry' && method === 'POST') {
      const log = this.logs.find((l) => l.id === parts[2] && l.webhookId === hook.id);
      if (!log) throw notFound('Webhook log', parts[2]);
      log.status = 'PENDING';
      this.track(this.deliver(hook, log, 1, 0));
      return { status: 202 };
    }
    throw notFound('Webhook resource', path);
  }

  private visible(hook: Webhook, caller: WebhookCaller): boolean {
    return caller.app ? hook.owner.app === caller.app : hook.owner.partner === caller.partner;
  }

  private create(body: unknown, caller: WebhookCaller): Reply {
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw badRequest('Request body must be a JSON object');
    const b = body as Row;
    const problems = [];
    if (typeof b.displayName !== 'string' || !b.displayName.trim()) problems.push(detail('displayName is required', '$.displayName'));
    if (typeof b.url !== 'string' || !/^https?:\/\//.test(b.url)) problems.push(detail('url must be an http(s) URL', '$.url'));
    const threshold = b.errorThreshold === undefined ? W.defaultErrorThreshold : b.errorThreshold;
    if (!Number.isInteger(threshold) || (threshold as number) < 1 || (threshold as number) > W.maxErrorThreshold) problems.push(detail(`errorThreshold must be 1..${W.maxErrorThreshold}`, '$.errorThreshold'));
    // §15: third-party integrators must send their integrationId.
    if (caller.app) {
      const app = this.oauth.apps.find((a) => a.clientId === caller.app);
      if (b.integrationId !== app?.integrationId) problems.push(detail('integrationId is required for integrations and must be yours', '$.integrationId'));
    }
    let topics: Webhook['webhookTopics'] = [];
    try {
      topics = parseTopics(Array.isArray(b.webhookTopics) ? (b.webhookTopics as Row[]) : []);
    } catch (e) {
      problems.push(detail((e as Error).message, '$.webhookTopics'));
    }
    if (problems.length) throw unprocessable('Webhook rejected', problems);
    const hook: Webhook = {
      id: randomUUID(),
      displayName: (b.displayName as string).trim(),
      url: b.url as string,
      authorization: typeof b.authorization === 'string' ? b.authorization : '',
      active: b.active !== false,
      contactEmail: typeof b.contactEmail === 'string' ? b.contactEmail : undefined,
      errorThreshold: threshold as number,
      webhookTopics: topics,
      integrationId: typeof b.integrationId === 'string' ? b.integrationId : undefined,
      owner: caller.app ? { app: caller.app } : { partner: caller.partner },
      createdDate: new Date().toISOString(),
    };
    this.hooks.set(hook.id, hook);
    return { status: 201, body: view(hook) };
  }
}

/** What the API shows of a webhook: never the authorization value. */
function view(h: Webhook): Row {
  const { authorization: _secret, owner: _owner, ...rest } = h;
  return { ...rest, authorizationSet: !!_secret };
}

function parseTopics(list: Row[]): Webhook['webhookTopics'] {
  return list.map((t) => {
    if (typeof t.topic !== 'string' || !W.topicDefinitions.some((d) => d.topic === t.topic)) throw new ApiError(422, SANDBOX_CHOICES.unprocessableType, `Unknown topic ${String(t.topic)}`);
    return { id: randomUUID(), topic: t.topic, filters: Array.isArray(t.filters) ? (t.filters as Row[]) : [] };
  });
}

/** Filters: `{action, conditions:[{field, operator:'IN', value:[...]}]}`; every condition must hold. */
function passesFilters(filters: Row[], payload: Row): boolean {
  if (!filters.length) return true;
  return filters.some((f) =>
    ((f.conditions as Row[] | undefined) ?? []).every((c) => {
      const v = payload[c.field as string];
      const values = (c.value as unknown[]) ?? [];
      return c.operator === 'NOT_IN' ? !values.includes(v) : values.includes(v);
    }),
  );
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
