import { authorizationMatches, dedupeKey, parseDelivery } from './webhook-delivery';

const delivery = (over: Record<string, unknown> = {}) => ({
  accountId: 'acc-1',
  url: 'https://psa.example.com/pax8/webhooks/pax8',
  webhookId: 'wh-1',
  sentAt: '2026-01-01T10:00:00Z',
  webhookTopic: { id: 't', topic: 'SUBSCRIPTION', filters: [] },
  payloadData: { type: 'Change', subscriptionId: 's-1', companyId: 'c-1', quantity: 3 },
  ...over,
});
const at = new Date('2026-01-01T10:00:05Z');

describe('webhook deliveries', () => {
  it('accepts only the exact Authorization value', () => {
    const secret = 'a'.repeat(40);
    expect(authorizationMatches(secret, secret)).toBe(true);
    for (const wrong of [undefined, '', 'a'.repeat(39), 'a'.repeat(41), `Bearer ${secret}`, 'b'.repeat(40)]) expect(authorizationMatches(secret, wrong)).toBe(false);
  });

  it('reads the partner, topic, type and ids', () => {
    expect(parseDelivery(delivery(), at)).toEqual(
      expect.objectContaining({ accountId: 'acc-1', webhookId: 'wh-1', topic: 'SUBSCRIPTION', eventType: 'Change', companyId: 'c-1', subscriptionId: 's-1' }),
    );
    expect(parseDelivery(delivery({ payloadData: { action: 'UPDATED', company: { id: 'c-9' } }, webhookTopic: { topic: 'company' } }), at)).toEqual(
      expect.objectContaining({ topic: 'COMPANY', eventType: 'UPDATED', companyId: 'c-9', subscriptionId: null }),
    );
    for (const junk of [null, [], 'text', { hello: 1 }]) expect(parseDelivery(junk, at)).toBeNull();
  });

  it('gives a retry the same dedupe key, and a different event or a later hour another', () => {
    const key = dedupeKey(delivery(), at);
    expect(dedupeKey(delivery({ sentAt: '2026-01-01T10:03:00Z', webhookId: 'wh-2' }), at)).toBe(key);
    expect(dedupeKey(delivery({ payloadData: { type: 'Change', subscriptionId: 's-1', companyId: 'c-1', quantity: 4 } }), at)).not.toBe(key);
    expect(dedupeKey(delivery({ accountId: 'acc-2' }), at)).not.toBe(key);
    expect(dedupeKey(delivery(), new Date(at.getTime() + 3_600_000))).not.toBe(key);
    // Key order inside the payload does not matter.
    expect(dedupeKey(delivery({ payloadData: { quantity: 3, companyId: 'c-1', subscriptionId: 's-1', type: 'Change' } }), at)).toBe(key);
  });
});
