import { Pax8Subscription } from '../../../server/sync/entities/pax8-subscription.entity';
import { testDatabases } from '../../helpers/databases';
import { ACME, E2eApp, GLOBEX, startE2eApp, waitForRun } from '../../helpers/e2e-app';

type Wire = { id: string; companyId: string; status: string; endDate?: string };

/**
 * Issue 10: Pax8 reports `Expired` (a trial or term that ended; outside the published enum). The sync keeps
 * it as sent, marks it ended like Cancelled (not an active subscription), and billing treats it like the
 * other statuses that bill no more: no invoice line, and a link to it is a leak to remove.
 */
describe.each(testDatabases())('Expired subscriptions on $name', (db) => {
  let e2e: E2eApp;
  const acme = () => e2e.as('acme');
  const wire = () => [...e2e.sandbox.store(ACME.clientId).subscriptions.values()] as unknown as Wire[];
  const row = (pax8Id: string) => e2e.dataSource.getRepository(Pax8Subscription).findOneOrFail({ where: { tenantId: 'acme', pax8Id } });
  const syncNow = async () => waitForRun(e2e, 'acme', (await e2e.http.post('/pax8/sync').set(acme()).expect(202)).body.id);
  const ENDED = new Set(['Cancelled', 'Expired']);

  beforeAll(async () => {
    e2e = await startE2eApp({ db, sandbox: { partners: [{ ...ACME, seed: 1, size: 'small' }, { ...GLOBEX, seed: 2, size: 'demo' }] } });
    e2e.store.tenants.set('acme', {
      clients: [{ id: 'c-x', name: 'Client X' }],
      invoices: [{ id: 'inv-x', clientId: 'c-x', name: 'X monthly', currencyCode: 'USD', active: true }],
    });
    await e2e.http.put('/pax8/connection').set(acme()).send(ACME).expect(200);
    expect((await syncNow()).status).toBe('succeeded');
  });
  afterAll(() => e2e?.close());

  it('stores Expired as sent, marked ended like Cancelled, and does not count it as active', async () => {
    const expired = wire().filter((s) => s.status === 'Expired');
    expect(expired.length).toBeGreaterThanOrEqual(2);
    for (const s of expired) {
      const r = await row(s.id);
      expect({ id: s.id, status: r.status, removed: r.removedAt !== null, ended: r.endDate !== null && new Date(r.endDate).getTime() < Date.now() })
        .toEqual({ id: s.id, status: 'Expired', removed: true, ended: true });
    }
    // Known value: the client does not report it as an unknown status.
    expect(e2e.logger.lines.filter((l) => /unknown subscriptionStatus/.test(l))).toEqual([]);
    // The company list counts live subscriptions only: not Expired, not Cancelled.
    const companyId = expired[0].companyId;
    const expected = wire().filter((s) => s.companyId === companyId && !ENDED.has(s.status)).length;
    const list = (await e2e.http.get('/pax8/companies').query({ limit: 200 }).set(acme()).expect(200)).body.items as Array<{ pax8Id?: string; id?: string; activeSubscriptions: number }>;
    const entry = list.find((c) => (c.pax8Id ?? c.id) === companyId)!;
    expect(entry).toBeDefined();
    expect(entry.activeSubscriptions).toBe(expected);
    // The subscription list shows it only with removed ones, with its status.
    const live = (await e2e.http.get('/pax8/subscriptions').query({ status: 'Expired' }).set(acme()).expect(200)).body;
    expect(live.total).toBe(0);
    const all = (await e2e.http.get('/pax8/subscriptions').query({ status: 'Expired', includeRemoved: true, limit: 200 }).set(acme()).expect(200)).body;
    expect(all.items.map((i: { id: string }) => i.id).sort()).toEqual(expired.map((s) => s.id).sort());
    expect(all.items.every((i: { status: string; removed: boolean }) => i.status === 'Expired' && i.removed)).toBe(true);
  });

  it('a linked subscription that expires gets no invoice line and shows as a link to remove', async () => {
    const s = wire().find((x) => x.status === 'Active' && wire().filter((y) => y.companyId === x.companyId).length >= 2)!;
    await e2e.http.put(`/pax8/companies/${s.companyId}/mapping`).set(acme()).send({ clientId: 'c-x' }).expect(200);
    await e2e.http.put(`/pax8/subscriptions/${s.id}/invoice-link`).set(acme()).send({ recurringInvoiceId: 'inv-x' }).expect(200);
    const line = (body: { lines: Array<{ pax8SubscriptionId: string }> }) => body.lines.some((l) => l.pax8SubscriptionId === s.id);
    // Links do not look at status: an Active subscription may or may not bill today, but it is not excluded as ended.
    const before = (await e2e.http.get('/pax8/recurring-invoices/inv-x/line-items').set(acme()).expect(200)).body;
    expect(before.warnings.filter((w: { pax8SubscriptionId: string; code: string }) => w.pax8SubscriptionId === s.id && ['removed', 'cancelled', 'ended'].includes(w.code))).toEqual([]);

    e2e.sandbox.changeSubscription(ACME.clientId, s.id, { status: 'Expired', endDate: new Date(Date.now() - 86_400_000).toISOString().slice(0, 19) + 'Z' });
    expect((await syncNow()).status).toBe('succeeded');
    expect((await row(s.id)).status).toBe('Expired');
    expect((await row(s.id)).removedAt).not.toBeNull();
    const after = (await e2e.http.get('/pax8/recurring-invoices/inv-x/line-items').set(acme()).expect(200)).body;
    expect(line(after)).toBe(false);
    expect(after.warnings).toEqual(expect.arrayContaining([expect.objectContaining({ pax8SubscriptionId: s.id, excluded: true })]));
    const leaks = (await e2e.http.get('/pax8/reconciliation/leaks').set(acme()).expect(200)).body.leaks as Array<{ kind: string; pax8SubscriptionId: string; message: string }>;
    expect(leaks).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'linked-to-cancelled', pax8SubscriptionId: s.id })]));
    expect(leaks.filter((l) => l.pax8SubscriptionId === s.id && l.kind === 'unlinked')).toEqual([]);
  });
});
