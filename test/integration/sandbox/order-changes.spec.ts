import { harness, Harness } from './helpers';

type Row = Record<string, any>;
const DAY = 86_400_000;

/** Orders and subscription changes as Pax8 behaves (pax8-api.md §7), and answers lost after the work was done. */
describe('sandbox: NCE subscription changes and lost answers', () => {
  let h: Harness;
  let store: ReturnType<Harness['sb']['store']>;
  beforeAll(async () => {
    h = await harness({ partners: [{ clientId: 'c', clientSecret: 's', seed: 5, size: 'demo' }], provisioningDelayMs: 0 });
    store = h.sb.store('c');
  });
  afterAll(() => h.sb.close());

  const subs = () => [...store.subscriptions.values()] as Row[];
  const running = () => subs().find((s) => s.status === 'Active' && s.commitment?.term === '1-Year' && Date.parse(s.commitment.endDate) > Date.now() + DAY && s.quantity > 1)!;

  it('refuses a quantity decrease and a billing-term change during a 1-Year commitment, naming its end', async () => {
    const s = running();
    const down = await h.api('PUT', `/v1/subscriptions/${s.id}`, { data: { quantity: s.quantity - 1 } });
    expect(down.status).toBe(422);
    expect(down.data.errors).toEqual([expect.stringContaining(String(s.commitment.endDate))]);
    const term = await h.api('PUT', `/v1/subscriptions/${s.id}`, { data: { billingTerm: s.billingTerm === 'Monthly' ? 'Annual' : 'Monthly' } });
    expect(term.status).toBe(422);
    expect(store.subscriptions.get(s.id)!.quantity).toBe(s.quantity);
    const up = await h.api('PUT', `/v1/subscriptions/${s.id}`, { data: { quantity: s.quantity + 1 } });
    expect(up.status).toBe(200);
    expect(up.data.quantity).toBe(s.quantity);
  });

  it('loses the answer of a processed order (reset or gateway 502) while the order and subscriptions exist', async () => {
    const company = ([...store.companies.values()] as Row[]).find((c) => c.status === 'Active')!;
    const product = ([...store.products.values()] as Row[]).find((p) => p.vendorName !== 'Microsoft' && !p.requiresCommitment)!;
    const details = (await h.api('GET', `/v1/products/${product.id}/provision-details`)).data.content as Row[];
    const provisioningDetails = details.map((d) => ({ key: d.key, values: [d.possibleValues?.[0] ?? 'value'] }));
    const pricing = (await h.api('GET', `/v1/products/${product.id}/pricing`)).data.content as Row[];
    const data = { companyId: company.id, lineItems: [{ lineItemNumber: 1, productId: product.id, quantity: 2, billingTerm: pricing[0].billingTerm, provisioningDetails }] };
    for (const mode of ['reset', 'gateway'] as const) {
      const orders = store.orders.size;
      const subsBefore = store.subscriptions.size;
      h.sb.setFaults({ lostResponse: { count: 1, route: 'POST /v1/orders', mode } });
      const mock = await h.api('GET', '/v1/orders', { params: { size: 1 } }); // other routes are untouched
      expect(mock.status).toBe(200);
      const lost = await h.api('POST', '/v1/orders', { data }).catch((e) => ({ status: e.code }));
      expect(lost.status).toBe(mode === 'reset' ? 'ECONNRESET' : 502);
      expect(store.orders.size).toBe(orders + 1);
      expect(store.subscriptions.size).toBe(subsBefore + 1);
      // The fault was used up: the next order answers normally.
      const next = await h.api('POST', '/v1/orders?isMock=true', { data });
      expect(next.status).toBe(200);
      expect(store.orders.size).toBe(orders + 1);
    }
    expect(h.sb.stats().byRoute['POST /v1/orders']).toBe(4);
    h.sb.setFaults(undefined);
  });
});
