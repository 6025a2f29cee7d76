import axios from 'axios';
import Decimal from 'decimal.js';
import { startSandbox } from '../../server/sandbox';
import type { SandboxPlant } from '../../server/sandbox';
import { testDatabases } from '../helpers/databases';
import { ACME, E2eApp, GLOBEX, startE2eApp, waitForRun } from '../helpers/e2e-app';

type Row = Record<string, any>;
const month = (offset: number) => {
  const d = new Date();
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1)).toISOString().slice(0, 7);
};
// P: two months back (its invoice and the next, which carries its usage, are both approved by now).
const P = month(-2);
const NEXT = month(-1);
const UNPOSTED = month(1);
const SEED = 31;
const SIZE = { companies: 8, subscriptions: 120 };

/**
 * Picks the planted subscriptions from an unplanted twin of the sandbox (same seed, same data): monthly,
 * priced, unchanged since before P, of a company the test maps (client i+1 exists when i % 4 != 3).
 */
async function pick() {
  const probe = await startSandbox({ partners: [{ ...ACME, seed: SEED, size: SIZE }] });
  const store = probe.store(ACME.clientId);
  const companies = [...store.companies.values()] as Row[];
  const mapped = new Map(companies.map((c, i) => [c.id as string, i % 4 !== 3 && c.status === 'Active' && c.billOnBehalfOfEnabled !== true ? `acme-client-${i + 1}` : null]));
  const before = `${month(-3)}-01`;
  const eligible = ([...store.subscriptions.values()] as Row[]).filter((s) => mapped.get(s.companyId) && s.status === 'Active' && s.startDate < before && s.updatedDate < before);
  const recurring = eligible.filter((s) => s.billingTerm === 'Monthly' && s.price > 0);
  const usage = eligible.filter((s) => s.price === 0 && (s.partnerCost ?? 0) === 0 && ([...store.usageSummaries!.values()] as Row[]).some((u) => u.subscriptionId === s.id));
  await probe.close();
  if (recurring.length < 8 || usage.length < 1) throw new Error(`seed ${SEED} gives too few subscriptions to plant (${recurring.length}, ${usage.length})`);
  const [A, B, C, D, E, F, G, H] = recurring;
  return { A, B, C, D, E, F, G, H, U: usage[0], mapped, companies };
}

describe.each(testDatabases())('reconciliation on $name', (db) => {
  let e2e: E2eApp;
  let s: Awaited<ReturnType<typeof pick>>;
  const acme = () => e2e.as('acme');
  const invoiceOf = (sub: Row) => `${s.mapped.get(sub.companyId)}-monthly`;
  const syncNow = async () => {
    const res = await e2e.http.post('/pax8/sync').set(acme()).expect(202);
    const run = await waitForRun(e2e, 'acme', res.body.id);
    expect(run.status).toBe('succeeded');
    return run;
  };
  const pax8Put = async (subId: string, body: Row) => {
    const token = (await axios.post(e2e.sandbox.tokenUrl, { client_id: ACME.clientId, client_secret: ACME.clientSecret, audience: 'https://api.pax8.com', grant_type: 'client_credentials' })).data.access_token;
    await axios.put(`${e2e.sandbox.apiBaseUrl}/subscriptions/${subId}`, body, { headers: { Authorization: `Bearer ${token}` } });
  };
  const commit = (invoiceId: string, period: string) => e2e.http.post(`/pax8/invoicing/recurring-invoices/${invoiceId}/periods/${period}/lines`).set(acme());
  const report = async (period: string) => (await e2e.http.get('/pax8/reconciliation').query({ period }).set(acme()).expect(200)).body;
  const rowOf = (r: Row, sub: Row, kind = 'recurring') => r.rows.find((x: Row) => x.subscriptionId === sub.id && x.kind === kind);

  beforeAll(async () => {
    s = await pick();
    const plants: SandboxPlant[] = [
      { kind: 'cost', month: P, subscriptionId: s.A.id, cost: 99.5 },
      { kind: 'quantity', month: P, subscriptionId: s.B.id, quantity: s.B.quantity + 3 },
      { kind: 'omit', month: P, subscriptionId: s.C.id },
      { kind: 'credit', month: P, subscriptionId: s.D.id, quantity: s.D.quantity * 2 },
    ];
    e2e = await startE2eApp({ db, sandbox: { partners: [{ ...ACME, seed: SEED, size: SIZE, plants }, { ...GLOBEX, seed: 12, size: 'demo' }] } });
    await e2e.http.put('/pax8/connection').set(acme()).send(ACME).expect(200);
    const first = await syncNow();
    expect(first.counts.invoices).toEqual(expect.objectContaining({ newInvoices: expect.any(Number), items: expect.any(Number) }));
    for (const [companyId, clientId] of s.mapped) if (clientId) await e2e.http.put(`/pax8/companies/${companyId}/mapping`).set(acme()).send({ clientId }).expect(200);
    for (const sub of [s.A, s.B, s.C, s.D, s.E, s.G, s.H, s.U])
      await e2e.http.put(`/pax8/subscriptions/${sub.id}/invoice-link`).set(acme()).send({ recurringInvoiceId: invoiceOf(sub) }).expect(200);
    // E: the quantity went up after P was invoiced; the host bills today's quantity for P (over-billed by 2).
    await pax8Put(s.E.id, { quantity: s.E.quantity + 2 });
    await syncNow();
  });
  afterAll(() => e2e?.close());

  it('imports Pax8 invoices once, with every item type, and notices a credit', async () => {
    const list = (await e2e.http.get('/pax8/invoicing/invoices').query({ limit: 200 }).set(acme()).expect(200)).body;
    expect(list.items.every((i: Row) => i.itemsImported)).toBe(true);
    expect(list.items.filter((i: Row) => i.invoiceDate.startsWith(P) && !i.pax8CompanyId).map((i: Row) => i.status).sort()).toEqual(['Credited', expect.any(String)]);
    const partner = list.items.find((i: Row) => i.invoiceDate === `${NEXT}-01` && !i.pax8CompanyId);
    const items = (await e2e.http.get(`/pax8/invoicing/invoices/${partner.id}/items`).set(acme()).expect(200)).body.items as Row[];
    for (const t of ['subscription', 'one-time', 'rebate']) expect(items.some((i) => i.type === t)).toBe(true);
    expect(items.some((i) => i.term === 'Arrears' && i.servicePeriod === P)).toBe(true);
    expect(items.find((i) => i.type === 'one-time')!.pax8SubscriptionId).toBeNull();
    // A second import finds nothing new: approved invoices are imported once.
    const again = (await e2e.http.post('/pax8/invoicing/import').set(acme()).expect(200)).body;
    expect(again).toMatchObject({ newInvoices: 0, items: 0 });
  });

  it('commits lines for an invoice and period once; the same request returns the same lines', async () => {
    const invoices = [...new Set([s.A, s.B, s.C, s.D, s.E, s.G, s.H, s.U].map(invoiceOf))];
    for (const inv of invoices) {
      const first = await commit(inv, P).expect(201);
      const second = await commit(inv, P).expect(200);
      expect(second.body.lines).toEqual(first.body.lines);
      expect(second.body.alreadyIssued).toBe(true);
    }
    const lines = (await e2e.http.get(`/pax8/invoicing/recurring-invoices/${invoiceOf(s.B)}/periods/${P}/lines`).set(acme()).expect(200)).body.lines as Row[];
    expect(lines.find((l) => l.pax8SubscriptionId === s.B.id)).toMatchObject({ kind: 'recurring', period: P, quantity: new Decimal(s.B.quantity).toFixed(4) });
    // G changes after its period was invoiced.
    await pax8Put(s.G.id, { quantity: s.G.quantity + 5 });
    await syncNow();
  });

  it('finds exactly the planted discrepancies of a past period, against the subscriptions as they stood', async () => {
    const r = await report(P);
    expect(r.pax8).toMatchObject({ recurringInvoicePosted: true, arrearsInvoicePosted: true });
    const line = async (sub: Row) => ((await e2e.http.get(`/pax8/invoicing/recurring-invoices/${invoiceOf(sub)}/periods/${P}/lines`).set(acme())).body.lines as Row[]).find((l) => l.pax8SubscriptionId === sub.id)!;
    const cost = (sub: Row) => new Decimal(sub.partnerCost ?? sub.price);
    const cents = (d: Decimal) => d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);

    expect(rowOf(r, s.A)).toMatchObject({ class: 'price-mismatch', moneyAtStake: cents(new Decimal(99.5).minus(cost(s.A)).times(s.A.quantity).abs()) });
    expect(rowOf(r, s.B)).toMatchObject({ class: 'under-billed', moneyAtStake: cents(new Decimal((await line(s.B)).unitPrice).times(3)) });
    expect(rowOf(r, s.C)).toMatchObject({ class: 'unexpected', moneyAtStake: cents(new Decimal((await line(s.C)).lineTotal)) });
    expect(rowOf(r, s.D)).toMatchObject({ class: 'ok', pax8: { quantity: String(s.D.quantity) } }); // credited, netted with its re-issue
    expect(rowOf(r, s.E)).toMatchObject({ class: 'over-billed', moneyAtStake: cents(new Decimal((await line(s.E)).unitPrice).times(2)) });
    expect(rowOf(r, s.F)).toMatchObject({ class: 'not-invoiced', moneyAtStake: cents(cost(s.F).times(s.F.quantity)) });
    expect(rowOf(r, s.G)).toMatchObject({ class: 'ok', snapshot: { known: true, quantity: s.G.quantity } }); // today it has 5 more
    expect(rowOf(r, s.H)).toMatchObject({ class: 'ok' });
    const oneTime = r.rows.filter((x: Row) => x.kind === 'one-time');
    expect(oneTime.length).toBeGreaterThan(0);
    for (const x of oneTime) expect(x.class).toBe('not-invoiced');
    // Totals add up, per class and overall.
    for (const [cls, t] of Object.entries(r.totals.byClass) as Array<[string, Row]>) {
      const of = r.rows.filter((x: Row) => x.class === cls);
      expect(t.rows).toBe(of.length);
      expect(t.moneyAtStake).toBe(cents(of.reduce((a: Decimal, x: Row) => a.plus(x.moneyAtStake), new Decimal(0))));
    }
    expect(new Decimal(r.totals.margin).eq(new Decimal(r.totals.hostRevenue).minus(r.totals.pax8Cost))).toBe(true);
  });

  it('bills usage in arrears once per period, from Pax8\'s invoice when it is posted', async () => {
    const inv = invoiceOf(s.U);
    const next = (await commit(inv, NEXT).expect(201)).body;
    const arrears = next.lines.filter((l: Row) => l.kind === 'arrears' && l.pax8SubscriptionId === s.U.id);
    expect(arrears.map((l: Row) => l.period)).toContain(P);
    expect(arrears.find((l: Row) => l.period === P).basis).toBe('pax8-invoice');
    const later = (await commit(inv, month(0)).expect(201)).body;
    expect(later.lines.some((l: Row) => l.kind === 'arrears' && l.period === P)).toBe(false);
    expect(rowOf(await report(P), s.U, 'arrears')).toMatchObject({ class: 'ok' });
  });

  it('says "not invoiced by Pax8 yet" for a period Pax8 has not invoiced, never under- or over-billed', async () => {
    const r = await report(UNPOSTED);
    expect(r.pax8).toMatchObject({ recurringInvoicePosted: false, arrearsInvoicePosted: false });
    expect(r.rows.length).toBeGreaterThan(0);
    for (const x of r.rows) expect(x).toMatchObject({ class: 'not-invoiced-by-pax8-yet', moneyAtStake: '0.00' });
    expect(r.totals.byClass['under-billed'].rows + r.totals.byClass['over-billed'].rows + r.totals.byClass['not-invoiced'].rows).toBe(0);
  });

  it('exports the report as CSV and lists current leaks', async () => {
    const r = await report(P);
    const csv = await e2e.http.get('/pax8/reconciliation/export').query({ period: P }).set(acme()).expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.text.trim().split('\n');
    expect(lines[0]).toMatch(/^period,class,kind,moneyAtStake,/);
    expect(lines).toHaveLength(r.rows.length + 1);
    const leaks = (await e2e.http.get('/pax8/reconciliation/leaks').set(acme()).expect(200)).body;
    expect(leaks.leaks).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'unlinked', pax8SubscriptionId: s.F.id })]));
    const drift = leaks.leaks.find((l: Row) => l.kind === 'quantity-drift' && l.pax8SubscriptionId === s.G.id);
    expect(drift).toBeDefined();
  });

  it('validates, guards and scopes every route', async () => {
    const bad = await e2e.http.get('/pax8/reconciliation').query({ period: '2026-13' }).set(acme()).expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'period' })]);
    expect((await commit(invoiceOf(s.A), '26-05').expect(400)).body.errors[0].field).toBe('period');
    await e2e.http.post(`/pax8/invoicing/recurring-invoices/${invoiceOf(s.A)}/periods/${P}/lines`).set(e2e.as('acme', 'Technician')).expect(403);
    await e2e.http.get('/pax8/reconciliation').query({ period: P }).set(e2e.as('acme', 'Technician')).expect(200);
    await e2e.http.put('/pax8/connection').set(e2e.as('globex')).send(GLOBEX).expect(200);
    await e2e.http.get(`/pax8/invoicing/recurring-invoices/${invoiceOf(s.A)}/periods/${P}/lines`).set(e2e.as('globex')).expect(404);
    // One client: only its companies' rows, and the class filter keeps the totals of every row.
    const clientId = s.mapped.get(s.A.companyId)!;
    const one = (await e2e.http.get('/pax8/reconciliation').query({ period: P, clientId }).set(acme()).expect(200)).body;
    expect(one.rows.length).toBeGreaterThan(0);
    expect(one.rows.filter((x: Row) => x.subscriptionId).every((x: Row) => x.clientId === clientId)).toBe(true);
    expect(rowOf(one, s.A)).toBeDefined();
    const mismatches = (await e2e.http.get('/pax8/reconciliation').query({ period: P, class: 'price-mismatch' }).set(acme()).expect(200)).body;
    expect(mismatches.rows.map((x: Row) => x.subscriptionId)).toEqual([s.A.id]);
    await e2e.http.get('/pax8/reconciliation').query({ period: P, class: 'fine' }).set(acme()).expect(400);
    const other = (await e2e.http.get('/pax8/reconciliation').query({ period: P }).set(e2e.as('globex')).expect(200)).body;
    expect(other.rows.some((x: Row) => x.subscriptionId === s.A.id)).toBe(false);
  });
});
