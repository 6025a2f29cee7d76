import { Pax8Subscription } from '../../server/sync/entities/pax8-subscription.entity';
import { SyncRun } from '../../server/sync/entities/sync-run.entity';
import { WebhookEvent } from '../../server/webhooks/webhook-event.entity';
import { WebhookInboxService } from '../../server/webhooks/webhook-inbox.service';
import { WebhookRefresher } from '../../server/webhooks/webhook-refresher.service';
import { startSandbox } from '../../server/sandbox';
import { testDatabases } from '../helpers/databases';
import { freePort } from '../helpers/free-port';
import { connectDelegated, delegatedOptions } from '../helpers/delegated';
import { ACME, E2eApp, GLOBEX, startE2eApp, waitForRun } from '../helpers/e2e-app';

const AUTH = 'whk_5f1c0d9e8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e';

describe.each(testDatabases())('Pax8 webhooks on $name', (db) => {
  let e2e: E2eApp;
  let publicUrl: string;
  const subs = (clientId = ACME.clientId) => e2e.sandbox.store(clientId).subscriptions;
  const subRow = (tenantId: string, pax8Id: string) => e2e.dataSource.getRepository(Pax8Subscription).findOneOrFail({ where: { tenantId, pax8Id } });
  const settle = async () => {
    await e2e.sandbox.webhooks.idle();
    await e2e.app.get(WebhookRefresher).idle();
  };
  const deliver = (body: Record<string, unknown>, authorization: string | null = AUTH) => {
    const req = e2e.http.post('/pax8/webhooks/pax8').send(body);
    return authorization === null ? req : req.set('Authorization', authorization);
  };
  const subscriptionEvent = (accountId: string, s: Record<string, unknown>, type = 'Change', webhookId = 'wh-direct') => ({
    accountId,
    url: publicUrl,
    webhookId,
    sentAt: new Date().toISOString(),
    webhookTopic: { id: 't1', topic: 'SUBSCRIPTION', filters: [] },
    payloadData: { type, subscriptionId: s.id, companyId: s.companyId, productId: s.productId, quantity: s.quantity },
  });

  beforeAll(async () => {
    const sandbox = await startSandbox({
      partners: [
        { ...ACME, seed: 31, size: { companies: 60, subscriptions: 600 } },
        { ...GLOBEX, seed: 32, size: 'demo' },
      ],
      webhooks: { deliveryDelayMs: 0, retryDelayMs: 50 },
    });
    const port = await freePort();
    publicUrl = `http://127.0.0.1:${port}/pax8/webhooks/pax8`;
    e2e = await startE2eApp({
      db,
      existingSandbox: sandbox,
      pax8: {
        delegated: delegatedOptions(sandbox),
        webhooks: { authorization: AUTH, publicUrl, apiBaseUrl: sandbox.webhooks.apiBaseUrl, coalesceMs: 2500, maxCoalesceMs: 120_000 },
      },
    });
    await e2e.app.listen(port, '127.0.0.1');
    await e2e.http.put('/pax8/connection').set(e2e.as('acme')).send(ACME).expect(200);
    const run = await waitForRun(e2e, 'acme', (await e2e.http.post('/pax8/sync').set(e2e.as('acme')).expect(202)).body.id);
    expect(run.status).toBe('succeeded');
  });
  afterAll(async () => {
    await e2e.close();
    await e2e.sandbox.close();
  });
  afterEach(() => jest.restoreAllMocks());

  it('refuses a missing or wrong Authorization with 401, and ignores unknown accounts, topics and bodies with 200', async () => {
    const s = [...subs().values()][0];
    await deliver(subscriptionEvent('x', s), null).expect(401);
    await deliver(subscriptionEvent('x', s), AUTH.slice(0, -1) + 'X').expect(401);
    await deliver(subscriptionEvent('x', s), AUTH.slice(0, 16)).expect(401);
    expect((await deliver(subscriptionEvent('not-a-known-account', s)).expect(200)).body).toEqual({ accepted: true, ignored: true, duplicates: 0 });
    expect((await deliver({ hello: 'world' }).expect(200)).body.ignored).toBe(true);
    expect(await e2e.dataSource.getRepository(WebhookEvent).count()).toBe(0);
  });

  it('registers with Pax8 for the topics Pax8 defines, and shows the registration', async () => {
    await e2e.http.put('/pax8/webhooks/registration').set(e2e.as('acme')).send({ topics: ['NOPE'] }).expect(400);
    await e2e.http.put('/pax8/webhooks/registration').set(e2e.as('acme', 'Technician')).send({}).expect(403);
    const res = await e2e.http.put('/pax8/webhooks/registration').set(e2e.as('acme')).send({}).expect(200);
    expect(res.body.registration).toEqual(expect.objectContaining({ topics: ['SUBSCRIPTION', 'COMPANY'], active: true }));
    expect(res.body.pax8).toEqual(expect.objectContaining({ active: true, topics: ['SUBSCRIPTION', 'COMPANY'], recentFailures: [] }));
    expect(JSON.stringify(res.body)).not.toContain(AUTH);
  });

  it('a change in Pax8 reaches the routes through a delivery, with one call for the company', async () => {
    const s = [...subs().values()].find((x) => x.status === 'Active')!;
    const quantity = (s.quantity as number) + 7;
    e2e.sandbox.resetStats();
    e2e.sandbox.changeSubscription(ACME.clientId, s.id as string, { quantity });
    await settle();
    expect((await subRow('acme', s.id as string)).quantity).toBe(quantity);
    const delivered = e2e.sandbox.webhooks.deliveries().at(-1)!;
    expect(delivered).toEqual(expect.objectContaining({ status: 'SUCCESS', attempts: 1, responseStatus: 200 }));
    const stats = e2e.sandbox.stats();
    expect(stats.byRoute['GET /v1/subscriptions']).toBe(1);
    expect(stats.total).toBeLessThanOrEqual(2);
  });

  it('a COMPANY event re-reads the company itself (one more call)', async () => {
    const company = [...e2e.sandbox.store(ACME.clientId).companies.values()][5] as Record<string, unknown>;
    e2e.sandbox.resetStats();
    e2e.sandbox.changeCompany(ACME.clientId, company.id as string, { name: 'Renamed Through Webhook LLC' });
    await settle();
    const res = await e2e.http.get(`/pax8/companies/${company.id}`).set(e2e.as('acme')).expect(200);
    expect(res.body.name).toBe('Renamed Through Webhook LLC');
    expect(e2e.sandbox.stats().byRoute['GET /v1/companies/:id']).toBe(1);
  });

  it('drops repeated deliveries of one event', async () => {
    const s = [...subs().values()][3];
    const account = e2e.sandbox.accountIdOf(ACME.clientId);
    const webhookId = (await e2e.http.get('/pax8/webhooks').set(e2e.as('acme'))).body.registration.pax8WebhookId;
    const body = subscriptionEvent(account, s, 'Change', webhookId);
    expect((await deliver(body).expect(200)).body.duplicates).toBe(0);
    expect((await deliver({ ...body, sentAt: new Date(Date.now() + 60_000).toISOString() }).expect(200)).body.duplicates).toBe(1);
    await settle();
    expect(await e2e.dataSource.getRepository(WebhookEvent).count({ where: { tenantId: 'acme', pax8SubscriptionId: s.id as string } })).toBe(1);
  });

  it('coalesces a burst: 500 events over 10 companies cost one refresh (and one page) per company', async () => {
    const byCompany = new Map<string, Record<string, unknown>[]>();
    for (const s of subs().values()) {
      const list = byCompany.get(s.companyId as string) ?? [];
      list.push(s);
      byCompany.set(s.companyId as string, list);
    }
    const companies = [...byCompany.keys()].slice(0, 10);
    e2e.sandbox.resetStats();
    const runsBefore = await e2e.dataSource.getRepository(SyncRun).count({ where: { tenantId: 'acme', trigger: 'webhook' } });
    for (let i = 0; i < 500; i++) {
      const list = byCompany.get(companies[i % 10])!;
      const s = list[i % list.length];
      e2e.sandbox.changeSubscription(ACME.clientId, s.id as string, { quantity: (s.quantity as number) + 1 });
    }
    await settle();
    const runs = (await e2e.dataSource.getRepository(SyncRun).count({ where: { tenantId: 'acme', trigger: 'webhook' } })) - runsBefore;
    expect(runs).toBeLessThanOrEqual(10 * 2);
    const calls = e2e.sandbox.stats().byRoute['GET /v1/subscriptions'] ?? 0;
    expect(calls).toBeLessThanOrEqual(companies.length * 2);
    for (const c of companies) {
      for (const s of byCompany.get(c)!.slice(0, 3)) expect((await subRow('acme', s.id as string)).quantity).toBe(s.quantity);
    }
  });

  it('a delivery during a full sync is applied after the sync, not lost', async () => {
    e2e.sandbox.setFaults({ latencyMs: 40 });
    try {
      const start = await e2e.http.post('/pax8/sync').set(e2e.as('acme')).expect(202);
      const s = [...subs().values()].find((x) => x.status === 'Active' && x !== undefined)!;
      e2e.sandbox.changeSubscription(ACME.clientId, s.id as string, { quantity: 999 });
      const full = await waitForRun(e2e, 'acme', start.body.id);
      expect(full.status).toBe('succeeded');
      await settle();
      expect((await subRow('acme', s.id as string)).quantity).toBe(999);
      const refresh = await e2e.dataSource.getRepository(SyncRun).find({ where: { tenantId: 'acme', trigger: 'webhook', pax8CompanyId: s.companyId as string }, order: { startedAt: 'DESC' }, take: 1 });
      expect(new Date(refresh[0].startedAt).getTime()).toBeGreaterThanOrEqual(new Date(full.finishedAt).getTime());
    } finally {
      e2e.sandbox.setFaults(undefined);
    }
  });

  it('failed deliveries show in the state and can be replayed', async () => {
    const inbox = e2e.app.get(WebhookInboxService);
    const real = inbox.accept.bind(inbox);
    const spy = jest.spyOn(inbox, 'accept').mockRejectedValue(new Error('database down'));
    const s = [...subs().values()].find((x) => x.status === 'Active')!;
    e2e.sandbox.changeSubscription(ACME.clientId, s.id as string, { quantity: 321 });
    await settle();
    const failed = e2e.sandbox.webhooks.deliveries().at(-1)!;
    expect(failed).toEqual(expect.objectContaining({ status: 'FAILED', attempts: 3, responseStatus: 500 }));
    const state = (await e2e.http.get('/pax8/webhooks').set(e2e.as('acme')).expect(200)).body;
    expect(state.pax8.recentFailures[0]).toEqual(expect.objectContaining({ id: failed.id, status: 'FAILED' }));

    spy.mockImplementation(real);
    await e2e.http.post(`/pax8/webhooks/deliveries/${failed.id}/replay`).set(e2e.as('acme')).expect(202);
    await settle();
    expect((await subRow('acme', s.id as string)).quantity).toBe(321);
    expect(e2e.sandbox.webhooks.deliveries().find((d) => d.id === failed.id)!.status).toBe('SUCCESS');
  });

  it('a delegated tenant gets its partner\'s events through the platform webhook (routed by accountId), and no one else does', async () => {
    await connectDelegated(e2e, 'globex', GLOBEX.clientId);
    const run = await waitForRun(e2e, 'globex', (await e2e.http.post('/pax8/sync').set(e2e.as('globex')).expect(202)).body.id);
    expect(run.status).toBe('succeeded');
    const reg = await e2e.http.put('/pax8/webhooks/registration').set(e2e.as('globex')).send({ topics: ['SUBSCRIPTION'] }).expect(200);
    expect(reg.body.registration.pax8WebhookId).not.toBe((await e2e.http.get('/pax8/webhooks').set(e2e.as('acme'))).body.registration.pax8WebhookId);
    const s = [...subs(GLOBEX.clientId).values()].find((x) => x.status === 'Active')!;
    e2e.sandbox.changeSubscription(GLOBEX.clientId, s.id as string, { quantity: 77 });
    await settle();
    expect((await subRow('globex', s.id as string)).quantity).toBe(77);
    expect(e2e.sandbox.webhooks.deliveries().at(-1)!.accountId).toBe(e2e.sandbox.accountIdOf(GLOBEX.clientId));
    expect(await e2e.dataSource.getRepository(WebhookEvent).count({ where: { tenantId: 'acme', pax8SubscriptionId: s.id as string } })).toBe(0);
  });

  it('reports what the next full sync found that webhooks missed', async () => {
    const s = [...subs().values()].find((x) => x.status === 'Active')!;
    // Changed without an event (a delivery Pax8 never sent).
    (s as Record<string, unknown>).quantity = 4242;
    await waitForRun(e2e, 'acme', (await e2e.http.post('/pax8/sync').set(e2e.as('acme')).expect(202)).body.id);
    const state = (await e2e.http.get('/pax8/webhooks').set(e2e.as('acme')).expect(200)).body;
    expect(state.lastFullSync.missedByWebhooks).toBeGreaterThanOrEqual(1);
  });

  it('unregistering deletes the webhook at Pax8', async () => {
    const res = await e2e.http.delete('/pax8/webhooks/registration').set(e2e.as('acme')).expect(200);
    expect(res.body).toEqual({ unregistered: true, deletedAtPax8: true });
    expect((await e2e.http.get('/pax8/webhooks').set(e2e.as('acme'))).body.registration).toBeNull();
  });
});
