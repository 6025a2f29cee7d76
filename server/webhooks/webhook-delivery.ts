import { createHash, timingSafeEqual } from 'node:crypto';

/** What the plugin reads of a Pax8 delivery (§15): who, which topic, which objects. */
export interface Pax8Delivery {
  accountId: string | null;
  webhookId: string | null;
  topic: string;
  eventType: string | null;
  companyId: string | null;
  subscriptionId: string | null;
  dedupeKey: string;
}

/** Topics that change what the plugin stores; others are accepted and ignored. */
export const REFRESHING_TOPICS = ['SUBSCRIPTION', 'COMPANY'] as const;

const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, 64) : null);

/**
 * Compares the Authorization header with the configured value in constant time: both are hashed
 * first, so neither length nor content leaks through timing.
 */
export function authorizationMatches(expected: string, received: string | undefined): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(expected), digest(received ?? '')) && received !== undefined;
}

/**
 * Reads a delivery body; null when it is not a delivery at all. Tolerant: ids may sit at the top of
 * payloadData or in a nested subscription/company object.
 */
export function parseDelivery(body: unknown, receivedAt: Date): Pax8Delivery | null {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return null;
  const b = body as Record<string, unknown>;
  const topicObj = (b.webhookTopic ?? {}) as Record<string, unknown>;
  const topic = str(topicObj.topic) ?? str(b.topic);
  if (!topic) return null;
  const data = (b.payloadData && typeof b.payloadData === 'object' ? b.payloadData : {}) as Record<string, any>;
  const subscriptionId = str(data.subscriptionId) ?? str(data.subscription?.id);
  const companyId = str(data.companyId) ?? str(data.subscription?.companyId) ?? str(data.company?.id);
  return {
    accountId: str(b.accountId),
    webhookId: str(b.webhookId),
    topic: topic.toUpperCase(),
    eventType: str(data.type) ?? str(data.action),
    companyId,
    subscriptionId,
    dedupeKey: dedupeKey(b, receivedAt),
  };
}

/**
 * Repeats of one event (Pax8's retries, or the same event through two webhooks) share a key: the
 * partner, topic and payload, within the hour. `sentAt` and `webhookId` differ between repeats and
 * are left out. The hour bounds the window, so the same change made again later still counts.
 */
export function dedupeKey(b: Record<string, unknown>, receivedAt: Date): string {
  const topic = ((b.webhookTopic ?? {}) as Record<string, unknown>).topic ?? b.topic;
  const hour = Math.floor(receivedAt.getTime() / 3_600_000);
  return createHash('sha256').update(canonical([b.accountId ?? null, topic ?? null, b.payloadData ?? null, hour])).digest('hex');
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(v ?? null);
}
