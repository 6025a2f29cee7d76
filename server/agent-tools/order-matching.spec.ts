import { matchingOrders } from './order-matching';
import type { Order } from '../pax8-api';

const sent = { companyId: 'c1', lineItems: [{ productId: 'p1', quantity: 5, billingTerm: 'Monthly' }, { productId: 'p2', quantity: 1, billingTerm: 'Annual' }] };
const order = (id: string, day: string, lines = sent.lineItems, companyId = 'c1'): Order => ({ id, companyId, createdDate: new Date(`${day}T00:00:00Z`), lineItems: lines.map((l) => ({ ...l })) });

describe('matching a lost order', () => {
  const sentAt = new Date('2026-04-10T15:30:00Z');
  it('finds the order with the same lines, any line order, from the day it was sent on', () => {
    const orders = [order('old', '2026-04-09'), order('mine', '2026-04-10', [...sent.lineItems].reverse()), order('other-company', '2026-04-10', sent.lineItems, 'c2'), order('other-lines', '2026-04-10', [sent.lineItems[0]])];
    expect(matchingOrders(sent, orders, sentAt, new Set()).map((o) => o.id)).toEqual(['mine']);
  });
  it('skips orders another ledger row already claimed, and reports every remaining candidate', () => {
    const orders = [order('a', '2026-04-10'), order('b', '2026-04-11')];
    expect(matchingOrders(sent, orders, sentAt, new Set(['a'])).map((o) => o.id)).toEqual(['b']);
    expect(matchingOrders(sent, orders, sentAt, new Set()).map((o) => o.id)).toEqual(['a', 'b']);
    expect(matchingOrders(sent, [], sentAt, new Set())).toEqual([]);
  });
});
