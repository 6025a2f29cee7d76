import { InvoiceLink } from '../../server/billing/invoice-link.entity';
import { SubscriptionBilling } from '../../server/billing/subscription-billing.entity';
import { CompanyMapping } from '../../server/mapping/company-mapping.entity';
import { testDatabases } from '../helpers/databases';
import { ACME, E2eApp, GLOBEX, startE2eApp, waitForRun } from '../helpers/e2e-app';

type Wire = { id: string; name: string; website?: string; externalId?: string; status?: string };

describe.each(testDatabases())('company mapping on $name', (db) => {
  let e2e: E2eApp;
  let companies: Wire[];
  const acme = () => e2e.as('acme');
  const mappingOf = (pax8CompanyId: string) => e2e.dataSource.getRepository(CompanyMapping).findOne({ where: { tenantId: 'acme', pax8CompanyId } });

  beforeAll(async () => {
    e2e = await startE2eApp({ db, sandbox: { partners: [{ ...ACME, seed: 31, size: { companies: 12, subscriptions: 60 } }, { ...GLOBEX, seed: 32, size: 'demo' }] } });
    companies = ([...e2e.sandbox.store(ACME.clientId).companies.values()] as unknown as Wire[]).filter((c) => c.status !== 'Deleted');
    const [byName, byAccount, byDomain, ambiguous, manual] = companies;
    byAccount.externalId = 'PSA-77';
    byDomain.website = 'https://www.unique-domain-example.co.uk/about';
    // The host's clients: one per rule, two clients sharing a name, and one the user will map by hand.
    e2e.store.tenants.set('acme', {
      clients: [
        { id: 'c-name', name: `${byName.name.toUpperCase()}` },
        { id: 'c-account', name: 'Something Else Entirely', accountNumber: ' psa-77 ' },
        { id: 'c-domain', name: 'Different Trading Name', website: 'unique-domain-example.co.uk' },
        { id: 'c-twin-1', name: ambiguous.name },
        { id: 'c-twin-2', name: `${ambiguous.name}, Inc.` },
        { id: 'c-manual', name: manual.name },
        { id: 'c-other', name: 'Walk-in Customer' },
      ],
      invoices: [{ id: 'inv-manual', clientId: 'c-manual', name: 'Monthly', currencyCode: 'USD', active: true }],
    });
    await e2e.http.put('/pax8/connection').set(acme()).send(ACME).expect(200);
    const run = await e2e.http.post('/pax8/sync').set(acme()).expect(202);
    expect((await waitForRun(e2e, 'acme', run.body.id)).status).toBe('succeeded');
  });
  afterAll(() => e2e.close());

  it('lists companies with their mapping state and suggestions', async () => {
    const res = await e2e.http.get('/pax8/companies').query({ mapping: 'unmapped', withSuggestions: 'true' }).set(acme()).expect(200);
    expect(res.body.total).toBe(companies.length);
    const byName = res.body.items.find((c: { id: string }) => c.id === companies[0].id);
    expect(byName.mapping).toBeNull();
    expect(byName.suggestions[0]).toMatchObject({ clientId: 'c-name', rule: 'name' });
    await e2e.http.get('/pax8/companies').query({ limit: 500 }).set(acme()).expect(400);
  });

  it('leaves a client mapped to another company out of the suggestions, from the next request on', async () => {
    const [byName] = companies;
    const other = companies[companies.length - 1];
    const suggested = async () => (await e2e.http.get(`/pax8/companies/${byName.id}/suggestions`).set(acme()).expect(200)).body.items.map((s: { clientId: string }) => s.clientId);
    const listed = async () => {
      const res = await e2e.http.get('/pax8/companies').query({ mapping: 'unmapped', withSuggestions: 'true' }).set(acme()).expect(200);
      return res.body.items.find((c: { id: string }) => c.id === byName.id).suggestions.map((s: { clientId: string }) => s.clientId);
    };
    expect(await suggested()).toContain('c-name');
    await e2e.http.put(`/pax8/companies/${other.id}/mapping`).set(acme()).send({ clientId: 'c-name' }).expect(200);
    expect(await suggested()).not.toContain('c-name');
    expect(await listed()).not.toContain('c-name');
    await e2e.http.delete(`/pax8/companies/${other.id}/mapping`).set(acme()).expect(200);
    expect(await suggested()).toContain('c-name');
    expect(await listed()).toContain('c-name');
  });

  it("shows a host's client edits in the next request's suggestions (the kept client index follows clientsVersion)", async () => {
    const [byName] = companies;
    const suggested = async () => (await e2e.http.get(`/pax8/companies/${byName.id}/suggestions`).set(acme()).expect(200)).body.items.map((s: { clientId: string }) => s.clientId);
    const listed = async () => {
      const res = await e2e.http.get('/pax8/companies').query({ mapping: 'unmapped', withSuggestions: 'true' }).set(acme()).expect(200);
      return res.body.items.find((c: { id: string }) => c.id === byName.id).suggestions.map((s: { clientId: string }) => s.clientId);
    };
    const clients = e2e.store.data('acme').clients;
    expect(await suggested()).not.toContain('c-name-twin');
    clients.push({ id: 'c-name-twin', name: byName.name });
    try {
      expect(await suggested()).toContain('c-name-twin');
      expect(await listed()).toContain('c-name-twin');
      // Renamed away in the host: no longer a candidate, in either route.
      clients[clients.length - 1] = { id: 'c-name-twin', name: 'Nothing Alike Whatsoever' };
      expect(await suggested()).not.toContain('c-name-twin');
      expect(await listed()).not.toContain('c-name-twin');
    } finally {
      clients.splice(clients.findIndex((c) => c.id === 'c-name-twin'), 1);
    }
    expect(await suggested()).toContain('c-name');
  });

  it('maps by hand, validating the client through the host directory', async () => {
    const manual = companies[4];
    const bad = await e2e.http.put(`/pax8/companies/${manual.id}/mapping`).set(acme()).send({ clientId: 'no-such-client' }).expect(400);
    expect(bad.body.errors[0].field).toBe('clientId');
    await e2e.http.put(`/pax8/companies/${manual.id}/mapping`).set(acme()).send({}).expect(400);
    await e2e.http.put(`/pax8/companies/not-synced/mapping`).set(acme()).send({ clientId: 'c-manual' }).expect(404);
    await e2e.http.put(`/pax8/companies/${manual.id}/mapping`).set(e2e.as('acme', 'Technician')).send({ clientId: 'c-manual' }).expect(403);
    const ok = await e2e.http.put(`/pax8/companies/${manual.id}/mapping`).set(acme()).send({ clientId: 'c-manual' }).expect(200);
    expect(ok.body).toMatchObject({ clientId: 'c-manual', source: 'manual' });
    // One client, one company.
    const taken = await e2e.http.put(`/pax8/companies/${companies[5].id}/mapping`).set(acme()).send({ clientId: 'c-manual' }).expect(409);
    expect(taken.body.message).toMatch(/already mapped/);
  });

  it('auto-maps unique matches by account number, name and domain; leaves ambiguity and manual links alone', async () => {
    const res = await e2e.http.post('/pax8/mapping/auto').set(acme()).expect(200);
    const links = Object.fromEntries(res.body.links.map((l: { pax8CompanyId: string; clientId: string; rule: string }) => [l.pax8CompanyId, `${l.clientId}/${l.rule}`]));
    expect(links[companies[0].id]).toBe('c-name/name');
    expect(links[companies[1].id]).toBe('c-account/accountNumber');
    expect(links[companies[2].id]).toBe('c-domain/domain');
    expect(links[companies[3].id]).toBeUndefined();
    expect(res.body.leftAmbiguous).toEqual(expect.arrayContaining([expect.objectContaining({ pax8CompanyId: companies[3].id, reason: 'multipleClients' })]));
    expect(res.body.mapped).toBe(3);
    expect(res.body.mapped + res.body.ambiguous + res.body.noCandidate).toBe(companies.length - 1);
    expect((await mappingOf(companies[4].id))).toMatchObject({ clientId: 'c-manual', source: 'manual' });
    const audit = await e2e.http.get('/pax8/audit').set(acme()).expect(200);
    expect(audit.body.items.filter((e: { action: string }) => e.action === 'mapping.auto_linked')).toHaveLength(3);
    // A second run maps nothing new.
    const again = await e2e.http.post('/pax8/mapping/auto').set(acme()).expect(200);
    expect(again.body.mapped).toBe(0);
  });

  it('unlinks keeping billing settings but detaching invoice links, and says so', async () => {
    const manual = companies[4];
    const sub = [...e2e.sandbox.store(ACME.clientId).subscriptions.values()].find((s) => s.companyId === manual.id) as { id: string } | undefined;
    expect(sub).toBeDefined();
    await e2e.dataSource.getRepository(SubscriptionBilling).insert({ id: '30000000-0000-4000-8000-000000000001', tenantId: 'acme', pax8SubscriptionId: sub!.id, enabled: true, markupType: 'percent', markupValue: '15.0000', overridePrice: null, chargeType: null, lineDescription: null, updatedBy: 'u' });
    await e2e.http.put(`/pax8/subscriptions/${sub!.id}/invoice-link`).set(acme()).send({ recurringInvoiceId: 'inv-manual' }).expect(200);
    const res = await e2e.http.delete(`/pax8/companies/${manual.id}/mapping`).set(acme()).expect(200);
    expect(res.body).toMatchObject({ billingSettingsKept: true, detachedInvoiceLinks: 1 });
    expect(res.body.message).toMatch(/invoice link/);
    const billing = await e2e.dataSource.getRepository(SubscriptionBilling).findOneOrFail({ where: { tenantId: 'acme', pax8SubscriptionId: sub!.id } });
    expect(billing).toMatchObject({ markupValue: '15.0000' });
    expect(await e2e.dataSource.getRepository(InvoiceLink).count({ where: { tenantId: 'acme', pax8SubscriptionId: sub!.id } })).toBe(0);
    expect(await mappingOf(manual.id)).toBeNull();
    await e2e.http.delete(`/pax8/companies/${manual.id}/mapping`).set(acme()).expect(404);
  });

  it('runs auto-map on each sync when the tenant option is on, and keeps mappings through syncs', async () => {
    await e2e.http.put('/pax8/connection').set(acme()).send({ autoMapEnabled: true }).expect(200);
    const run = await e2e.http.post('/pax8/sync').set(acme()).expect(202);
    const done = await waitForRun(e2e, 'acme', run.body.id);
    expect(done.status).toBe('succeeded');
    expect(done.counts.autoMap.mapped).toBe(1); // the company unlinked above matches c-manual by name
    expect((await mappingOf(companies[4].id))).toMatchObject({ clientId: 'c-manual', source: 'auto', rule: 'name' });
    expect((await mappingOf(companies[0].id))?.clientId).toBe('c-name');
  });

  it('keeps tenants apart', async () => {
    await e2e.http.get(`/pax8/companies/${companies[0].id}`).set(e2e.as('globex')).expect(404);
    const list = await e2e.http.get('/pax8/companies').set(e2e.as('globex')).expect(200);
    expect(list.body.total).toBe(0);
    await e2e.http.put(`/pax8/companies/${companies[3].id}/mapping`).set(e2e.as('globex')).send({ clientId: 'c-twin-1' }).expect(404);
    // acme cannot use a globex client.
    e2e.store.tenants.set('globex', { clients: [{ id: 'globex-only', name: 'Globex Client' }], invoices: [] });
    const cross = await e2e.http.put(`/pax8/companies/${companies[3].id}/mapping`).set(acme()).send({ clientId: 'globex-only' }).expect(400);
    expect(cross.body.errors[0].field).toBe('clientId');
  });
});
