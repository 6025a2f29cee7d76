import { harness, Harness } from './helpers';

type Row = Record<string, any>;
const at = (iso: string) => Date.parse(iso);

/** The sandbox bills like Pax8 (issue 13): approval day, item types, history, credits, usage posts, planted discrepancies. */
describe('sandbox: billing like Pax8', () => {
  let h: Harness;
  let now = at('2026-06-03T12:00:00Z');
  let subs: Row[];
  const store = () => h.sb.store('b');
  const invoices = async () => (await h.api('GET', '/v1/invoices', { params: { size: 200 } })).data.content as Row[];
  const items = async (id: string) => {
    const out: Row[] = [];
    for (let page = 0; ; page++) {
      const res = (await h.api('GET', `/v1/invoices/${id}/items`, { params: { size: 200, page } })).data;
      out.push(...res.content);
      if (page >= res.page.totalPages - 1) return out;
    }
  };
  const partnerInvoice = async (month: string, status?: string) =>
    (await invoices()).find((i) => !i.companyId && i.invoiceDate.startsWith(month) && (!status || i.status === status))!;

  beforeAll(async () => {
    // Pick the planted subscriptions from an unplanted twin (same seed, same data).
    const probe = await harness({ partners: [{ clientId: 'b', clientSecret: 's', size: 'small', seed: 5 }], referenceDate: '2026-06-15' });
    subs = ([...probe.sb.store('b').subscriptions.values()] as Row[]).filter(
      (s) => s.status === 'Active' && s.billingTerm === 'Monthly' && s.startDate < '2026-01-01' && s.price > 0 /* usage products have 0 rates */ &&
        probe.sb.store('b').companies.get(s.companyId)?.billOnBehalfOfEnabled !== true,
    );
    await probe.sb.close();
    h = await harness({
      referenceDate: '2026-06-15',
      clock: () => now,
      partners: [{
        clientId: 'b', clientSecret: 's', size: 'small', seed: 5,
        plants: [
          { kind: 'cost', month: '2026-05', subscriptionId: subs[0].id, cost: 99.5 },
          { kind: 'quantity', month: '2026-05', subscriptionId: subs[1].id, quantity: subs[1].quantity + 3 },
          { kind: 'omit', month: '2026-05', subscriptionId: subs[2].id },
          { kind: 'credit', month: '2026-04', subscriptionId: subs[3].id, quantity: subs[3].quantity * 2 },
        ],
      }],
    });
  });
  afterAll(() => h.sb.close());

  it('shows an invoice only from its approval day on, dated the 1st', async () => {
    now = at('2026-06-04T23:00:00Z');
    expect((await invoices()).filter((i) => !i.companyId).map((i) => i.invoiceDate).sort()).toEqual(['2026-03-01', '2026-04-01', '2026-04-12', '2026-05-01']);
    now = at('2026-06-05T00:00:00Z');
    const list = await invoices();
    expect(list.filter((i) => !i.companyId).map((i) => i.invoiceDate)).toContain('2026-06-01');
    expect(list.find((i) => i.invoiceDate === '2026-06-01')!.status).toBe('Unpaid');
    // Bill-on-behalf companies get their own invoice with companyId.
    const own = list.filter((i) => i.companyId);
    expect(own.length).toBeGreaterThan(0);
    for (const inv of own.slice(0, 2)) expect((await items(inv.id)).every((it) => it.companyId === inv.companyId)).toBe(true);
  });

  it('bills every item type, and the items add up to the total', async () => {
    now = at('2026-06-06T00:00:00Z');
    const inv = await partnerInvoice('2026-06');
    const list = await items(inv.id);
    const types = new Set(list.map((i) => i.type));
    for (const t of ['subscription', 'prorate', 'one-time', 'rebate']) expect(types).toContain(t);
    const oneTime = list.find((i) => i.type === 'one-time')!;
    expect(oneTime.subscriptionId).toBeNull();
    expect(oneTime.companyId).toEqual(expect.any(String));
    expect(list.find((i) => i.type === 'rebate')!.total).toBeLessThan(0);
    const arrears = list.filter((i) => i.term === 'Arrears');
    expect(arrears.length).toBeGreaterThan(0);
    expect(arrears[0].description).toMatch(/^.+ - Arrears Charge - .+ - [0-9a-f-]{36} - .+$/);
    expect(arrears[0].startPeriod).toBe('2026-05-01');
    const cents = list.reduce((sum, i) => sum + Math.round(i.total * 100), 0);
    expect(cents).toBe(Math.round(inv.total * 100));
  });

  it('bills each month from the subscription as it stood then, with a prorate for a change', async () => {
    const s = subs[5];
    now = at('2026-06-20T10:00:00Z');
    const put = await h.api('PUT', `/v1/subscriptions/${s.id}`, { data: { quantity: s.quantity + 4 } });
    expect(put.status).toBe(200);
    now = at('2026-07-06T00:00:00Z');
    const july = await items((await partnerInvoice('2026-07')).id);
    expect(july.find((i) => i.subscriptionId === s.id && i.type === 'subscription')!.quantity).toBe(s.quantity + 4);
    const prorate = july.find((i) => i.subscriptionId === s.id && i.type === 'prorate')!;
    expect(prorate).toEqual(expect.objectContaining({ quantity: 4, startPeriod: '2026-06-20', endPeriod: '2026-06-30' }));
    const june = await items((await partnerInvoice('2026-06')).id);
    expect(june.find((i) => i.subscriptionId === s.id && i.type === 'subscription')!.quantity).toBe(s.quantity);
  });

  it('plants cost, quantity and omission discrepancies in the named month only', async () => {
    const may = await items((await partnerInvoice('2026-05')).id);
    const june = await items((await partnerInvoice('2026-06')).id);
    const item = (list: Row[], id: string) => list.find((i) => i.subscriptionId === id && i.type === 'subscription');
    expect(item(may, subs[0].id)).toEqual(expect.objectContaining({ cost: 99.5, costTotal: Math.round(99.5 * subs[0].quantity * 100) / 100 }));
    expect(item(may, subs[1].id)!.quantity).toBe(subs[1].quantity + 3);
    expect(item(may, subs[2].id)).toBeUndefined();
    expect(item(june, subs[0].id)!.cost).toBe(subs[0].partnerCost ?? subs[0].price);
    expect(item(june, subs[1].id)!.quantity).toBe(subs[1].quantity);
    expect(item(june, subs[2].id)).toBeDefined();
  });

  it('credits an invoice and re-issues it corrected', async () => {
    const list = await invoices();
    const april = list.filter((i) => !i.companyId && i.invoiceDate.startsWith('2026-04'));
    expect(april.map((i) => i.status).sort()).toEqual(['Credited', 'Paid']);
    const original = april.find((i) => i.status === 'Credited')!;
    const reissue = april.find((i) => i.status === 'Paid')!;
    expect(reissue.invoiceDate).toBe('2026-04-12');
    const q = (list: Row[]) => list.find((i) => i.subscriptionId === subs[3].id && i.type === 'subscription')!.quantity;
    expect(q(await items(original.id))).toBe(subs[3].quantity * 2);
    expect(q(await items(reissue.id))).toBe(subs[3].quantity);
    expect(reissue.total).toBeLessThan(original.total);
  });

  it('posts usage during the month, restates it, and invoices the last post in arrears', async () => {
    const summary = ([...store().usageSummaries!.values()] as Row[]).find((u) => store().companies.get(u.companyId)?.billOnBehalfOfEnabled !== true)!;
    const read = async (iso: string) => {
      now = at(iso);
      return (await h.api('GET', `/v1/usage-summaries/${summary.id}`)).data;
    };
    expect((await read('2026-06-02T00:00:00Z')).currentCharges).toBe(0);
    const early = (await read('2026-06-04T00:00:00Z')).currentCharges;
    const late = (await read('2026-06-25T00:00:00Z')).currentCharges;
    const final = await read('2026-06-29T00:00:00Z');
    expect(early).toBeGreaterThan(0);
    expect(late).toBeGreaterThan(early);
    expect(final.currentCharges).not.toBe(late); // the restatement replaces the earlier totals
    now = at('2026-07-05T00:00:00Z');
    const aug = await items((await partnerInvoice('2026-07')).id);
    const arrears = aug.find((i) => i.term === 'Arrears' && i.description.includes(` - ${summary.resourceGroup} - `) && i.subscriptionId === summary.subscriptionId)!;
    expect(arrears).toEqual(expect.objectContaining({ price: final.currentCharges, cost: final.partnerTotal, startPeriod: '2026-06-01', endPeriod: '2026-06-30' }));
  });

  it('is deterministic: the same seed and plants give the same invoices and items', async () => {
    const twin = await harness({ referenceDate: '2026-06-15', clock: () => now, partners: [{ clientId: 'b', clientSecret: 's', size: 'small', seed: 5 }] });
    try {
      const a = (await twin.api('GET', '/v1/invoices', { params: { size: 200, invoiceDate: '2026-03-01' } })).data.content;
      const b = (await h.api('GET', '/v1/invoices', { params: { size: 200, invoiceDate: '2026-03-01' } })).data.content;
      expect(a.map((i: Row) => [i.id, i.total])).toEqual(b.map((i: Row) => [i.id, i.total]));
    } finally {
      await twin.sb.close();
    }
  });
});
