import { harness, Harness, expectEnvelope } from './helpers';

type Row = Record<string, any>;

/**
 * `GET /v1/subscriptions?companyId=` (§4) is what a per-company pull (bench/peer-baseline.ts) reads:
 * exactly that company's subscriptions, in the store's order, paged with Pax8's envelope (§2), also
 * after subscriptions are added or removed.
 */
describe('sandbox: the subscriptions companyId filter', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness({ partners: [{ clientId: 'c', clientSecret: 's', seed: 7, size: { companies: 40, subscriptions: 900 } }], rateLimit: false });
  });
  afterAll(() => h.sb.close());
  const store = () => h.sb.store('c');
  const expectedIds = (companyId: string) => [...store().subscriptions.values()].filter((s) => s.companyId === companyId).map((s) => s.id as string);

  /** Every page of one company at `size`, checking each page's envelope against the store. */
  async function pull(companyId: string, size: number): Promise<string[]> {
    const want = expectedIds(companyId);
    const ids: string[] = [];
    const totalPages = Math.ceil(want.length / size);
    for (let page = 0; page < Math.max(1, totalPages); page++) {
      const res = await h.api('GET', '/v1/subscriptions', { params: { companyId, page, size } });
      expect(res.status).toBe(200);
      expect(res.data.page).toEqual({ size, totalElements: want.length, totalPages, number: page });
      expect(res.data.content.length).toBe(Math.min(size, want.length - page * size));
      for (const s of res.data.content as Row[]) {
        expect(s.companyId).toBe(companyId);
        ids.push(s.id);
      }
    }
    return ids;
  }

  it('returns exactly each company\'s subscriptions, in store order, with page/size/totalElements per §2', async () => {
    const companies = [...store().companies.keys()];
    const biggest = companies.reduce((a, b) => (expectedIds(b).length > expectedIds(a).length ? b : a));
    expect(expectedIds(biggest).length).toBeGreaterThan(7);
    expect(await pull(biggest, 7)).toEqual(expectedIds(biggest)); // several pages, the last one short
    let seen = 0;
    for (const companyId of companies) {
      const ids = await pull(companyId, 200);
      expect(ids).toEqual(expectedIds(companyId));
      seen += ids.length;
    }
    expect(seen).toBe(store().subscriptions.size); // every subscription belongs to exactly one company's answer
    const past = await h.api('GET', '/v1/subscriptions', { params: { companyId: biggest, page: 99, size: 7 } });
    expect(past.data.content).toEqual([]);
    expect(past.data.page.totalElements).toBe(expectedIds(biggest).length);
  });

  it('follows subscriptions added and removed after start, and combines with the other filters', async () => {
    const [template] = [...store().subscriptions.values()];
    const companyId = template.companyId as string;
    const added = h.sb.addSubscription('c', template.id as string);
    const removed = expectedIds(companyId).find((id) => id !== added && id !== template.id)!;
    store().subscriptions.delete(removed);
    const ids = await pull(companyId, 200);
    expect(ids).toContain(added);
    expect(ids).not.toContain(removed);
    expect(ids).toEqual(expectedIds(companyId));
    const status = template.status as string;
    const filtered = await h.api('GET', '/v1/subscriptions', { params: { companyId, status, size: 200 } });
    expect(filtered.data.content.map((s: Row) => s.id)).toEqual(expectedIds(companyId).filter((id) => store().subscriptions.get(id)!.status === status));
  });

  it('answers 403 for a company that is not the partner\'s (§3)', async () => {
    expectEnvelope(await h.api('GET', '/v1/subscriptions', { params: { companyId: '00000000-0000-4000-8000-000000000000' } }), 403, 'FORBIDDEN');
  });
});
