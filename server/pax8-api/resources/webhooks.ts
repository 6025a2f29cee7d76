import type { Pax8Transport } from '../http';
import { CREATE_ONCE_POLICY, IDEMPOTENT_WRITE_POLICY } from '../retry';

/** Pax8's webhook as the v2 API shows it (§15); fields Pax8 may leave out are optional. */
export interface Pax8Webhook {
  id: string;
  displayName?: string;
  url?: string;
  active?: boolean;
  errorThreshold?: number;
  integrationId?: string;
  webhookTopics: Array<{ id?: string; topic: string; filters?: unknown[] }>;
}

export interface Pax8TopicDefinition {
  topic: string;
  name?: string;
  description?: string;
  availableFilters?: unknown[];
}

export interface Pax8WebhookLog {
  id: string;
  topic?: string;
  status?: string;
  attempts?: number;
  responseStatus?: number | null;
  error?: string | null;
  createdDate?: string;
}

export interface CreateWebhookBody {
  displayName: string;
  url: string;
  /** Sent back by Pax8 as the Authorization header of each delivery. */
  authorization: string;
  active?: boolean;
  contactEmail?: string;
  errorThreshold?: number;
  integrationId?: string;
  webhookTopics: Array<{ topic: string; filters?: unknown[] }>;
}

const obj = (b: unknown) => (b && typeof b === 'object' ? (b as Record<string, unknown>) : {});
const list = (b: unknown) => (Array.isArray(obj(b).content) ? (obj(b).content as unknown[]) : Array.isArray(b) ? (b as unknown[]) : []);
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

function parseWebhook(b: unknown): Pax8Webhook {
  const o = obj(b);
  return {
    id: String(o.id ?? ''),
    displayName: str(o.displayName),
    url: str(o.url),
    active: typeof o.active === 'boolean' ? o.active : undefined,
    errorThreshold: typeof o.errorThreshold === 'number' ? o.errorThreshold : undefined,
    integrationId: str(o.integrationId),
    webhookTopics: (Array.isArray(o.webhookTopics) ? o.webhookTopics : []).map((t) => ({ id: str(obj(t).id), topic: String(obj(t).topic ?? ''), filters: Array.isArray(obj(t).filters) ? (obj(t).filters as unknown[]) : [] })),
  };
}

/** /api/v2/webhooks: registration, topic definitions, delivery logs and replay. */
export class WebhooksResource {
  constructor(
    private readonly t: Pax8Transport,
    private readonly baseUrl: string,
  ) {}

  topicDefinitions(): Promise<Pax8TopicDefinition[]> {
    return this.t.send({
      method: 'GET',
      baseUrl: this.baseUrl,
      path: '/webhooks/topic-definitions',
      parse: (_c, b) => list(b).map((d) => ({ topic: String(obj(d).topic ?? ''), name: str(obj(d).name), description: str(obj(d).description), availableFilters: obj(d).availableFilters as unknown[] | undefined })),
    });
  }

  list(): Promise<Pax8Webhook[]> {
    return this.t.send({ method: 'GET', baseUrl: this.baseUrl, path: '/webhooks', parse: (_c, b) => list(b).map(parseWebhook) });
  }

  get(id: string): Promise<Pax8Webhook> {
    return this.t.send({ method: 'GET', baseUrl: this.baseUrl, path: `/webhooks/${encodeURIComponent(id)}`, parse: (_c, b) => parseWebhook(b) });
  }

  /** Not repeated after an unknown outcome: list() first, to avoid two webhooks. */
  create(body: CreateWebhookBody): Promise<Pax8Webhook> {
    return this.t.send({ method: 'POST', baseUrl: this.baseUrl, path: '/webhooks', body, policy: CREATE_ONCE_POLICY, parse: (_c, b) => parseWebhook(b) });
  }

  delete(id: string): Promise<void> {
    return this.t.send({ method: 'DELETE', baseUrl: this.baseUrl, path: `/webhooks/${encodeURIComponent(id)}`, policy: IDEMPOTENT_WRITE_POLICY, parse: () => undefined });
  }

  logs(id: string, query: { status?: 'FAILED' | 'SUCCESS' } = {}): Promise<Pax8WebhookLog[]> {
    return this.t.send({
      method: 'GET',
      baseUrl: this.baseUrl,
      path: `/webhooks/${encodeURIComponent(id)}/logs`,
      query,
      parse: (_c, b) =>
        list(b).map((l) => {
          const o = obj(l);
          return { id: String(o.id ?? ''), topic: str(o.topic), status: str(o.status), attempts: typeof o.attempts === 'number' ? o.attempts : undefined, responseStatus: typeof o.responseStatus === 'number' ? o.responseStatus : null, error: str(o.error) ?? null, createdDate: str(o.createdDate) };
        }),
    });
  }

  /** Asks Pax8 to deliver a logged delivery again. */
  retry(id: string, logId: string): Promise<void> {
    return this.t.send({ method: 'POST', baseUrl: this.baseUrl, path: `/webhooks/${encodeURIComponent(id)}/logs/${encodeURIComponent(logId)}/retry`, policy: IDEMPOTENT_WRITE_POLICY, parse: () => undefined });
  }
}
