import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditService } from '../../server/audit/audit.service';
import { CredentialCipher } from '../../server/common/crypto/credential-cipher';
import { Pax8Integration } from '../../server/connection/pax8-integration.entity';
import { CredentialsService } from '../../server/connection/credentials.service';
import { CompanyMapping } from '../../server/mapping/company-mapping.entity';
import { InvoiceLink } from '../../server/billing/invoice-link.entity';
import { PricingRule } from '../../server/billing/pricing-rule.entity';
import { SubscriptionBilling } from '../../server/billing/subscription-billing.entity';
import { Pax8Subscription } from '../../server/sync/entities/pax8-subscription.entity';
import { testDatabases } from '../helpers/databases';
import { ACME, E2eApp, GLOBEX, newKey, startE2eApp, waitForRun } from '../helpers/e2e-app';

describe.each(testDatabases())('connection routes on $name', (db) => {
  let e2e: E2eApp;
  const key = newKey();

  beforeAll(async () => {
    e2e = await startE2eApp({ db, encryption: { currentKeyId: 'k1', keys: { k1: key } } });
  });
  afterAll(async () => {
    // Nothing any route answered or any log line said may contain a secret.
    const everything = [...e2e.responses, ...e2e.logger.lines].join('\n');
    for (const secret of [ACME.clientSecret, GLOBEX.clientSecret]) expect(everything).not.toContain(secret);
    await e2e.close();
  });

  const acme = () => e2e.as('acme');
  const integrationRow = () => e2e.dataSource.getRepository(Pax8Integration).findOne({ where: { tenantId: 'acme' } });

  it('starts Not Connected', async () => {
    const res = await e2e.http.get('/pax8/connection').set(acme()).expect(200);
    expect(res.body).toMatchObject({ state: 'not_connected', label: 'Not Connected', credentials: null });
  });

  it('tests credentials without saving them', async () => {
    const good = await e2e.http.post('/pax8/connection/test').set(acme()).send(ACME).expect(200);
    expect(good.body).toMatchObject({ ok: true });
    const bad = await e2e.http.post('/pax8/connection/test').set(acme()).send({ clientId: ACME.clientId, clientSecret: 'wrong' }).expect(200);
    expect(bad.body.ok).toBe(false);
    expect(bad.body.message).toMatch(/did not accept/);
    expect(await integrationRow()).toBeNull();
  });

  it('answers 400 naming the field for malformed bodies', async () => {
    const missing = await e2e.http.post('/pax8/connection/test').set(acme()).send({ clientId: 'x' }).expect(400);
    expect(missing.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'clientSecret' })]));
    const unknown = await e2e.http.put('/pax8/connection').set(acme()).send({ autoMapEnabled: true, colour: 'red' }).expect(400);
    expect(unknown.body.message).toContain('colour');
    const wrongType = await e2e.http.put('/pax8/connection').set(acme()).send({ autoMapEnabled: 'yes' }).expect(400);
    expect(wrongType.body.errors[0]).toMatchObject({ field: 'autoMapEnabled' });
    await e2e.http.put('/pax8/connection').set({ ...acme(), 'content-type': 'application/json' }).send('{"clientId": ').expect(400);
    expect(await integrationRow()).toBeNull();
  });

  it('saves nothing when Pax8 rejects the credentials on connect', async () => {
    const res = await e2e.http.put('/pax8/connection').set(acme()).send({ clientId: ACME.clientId, clientSecret: 'not-it' }).expect(422);
    expect(res.body.message).toMatch(/did not accept/);
    expect(await integrationRow()).toBeNull();
  });

  it('connects: encrypted at rest, masked in every answer, audited', async () => {
    const res = await e2e.http.put('/pax8/connection').set(acme()).send(ACME).expect(200);
    expect(res.body).toMatchObject({ state: 'connected', label: 'Connected', needsCredentials: false });
    expect(res.body.credentials.clientSecret).toBe('••••••••');
    expect(res.body.credentials.clientId).toBe(`••••••••${ACME.clientId.slice(-4)}`);
    expect(res.body.credentials.health.state).toBe('valid');
    expect(res.body.credentials.health.checkedAt).toBeTruthy();
    expect(res.body.credentials.ageDays).toBe(0);
    expect(res.body.nextSyncAt).toBeNull(); // the scheduler is off in this test app

    const row = (await integrationRow())!;
    expect(row.encryptedCredentials).not.toContain(ACME.clientSecret);
    expect(row.encryptedCredentials).not.toContain(ACME.clientId);
    const right = new CredentialCipher('k1', { k1: key });
    expect(JSON.parse(right.decrypt(row.encryptedCredentials!, 'acme'))).toEqual(ACME);
    expect(() => new CredentialCipher('k1', { k1: newKey() }).decrypt(row.encryptedCredentials!, 'acme')).toThrow();

    const audit = await e2e.http.get('/pax8/audit').set(acme()).expect(200);
    expect(audit.body.items[0]).toMatchObject({ action: 'connection.connected', actor: { id: 'acme-owner' } });
  });

  it('keeps stored credentials when the fields are blank, and needs both to replace them', async () => {
    const before = (await integrationRow())!.encryptedCredentials;
    const res = await e2e.http.put('/pax8/connection').set(acme()).send({ clientId: '', clientSecret: '', autoMapEnabled: true }).expect(200);
    expect(res.body.settings.autoMapEnabled).toBe(true);
    expect((await integrationRow())!.encryptedCredentials).toBe(before);
    const half = await e2e.http.put('/pax8/connection').set(acme()).send({ clientId: 'only-the-id' }).expect(400);
    expect(half.body.errors[0].field).toBe('clientSecret');
    expect((await integrationRow())!.encryptedCredentials).toBe(before);
    const audit = await e2e.http.get('/pax8/audit').set(acme()).expect(200);
    expect(audit.body.items[0]).toMatchObject({ action: 'connection.settings_changed', details: { autoMapEnabled: { from: false, to: true } } });
  });

  it('goes Configured (Inactive) and back', async () => {
    const off = await e2e.http.put('/pax8/connection').set(acme()).send({ active: false }).expect(200);
    expect(off.body).toMatchObject({ state: 'configured', label: 'Configured (Inactive)' });
    const on = await e2e.http.put('/pax8/connection').set(acme()).send({ active: true }).expect(200);
    expect(on.body.state).toBe('connected');
  });

  it('says the credentials must be re-entered when Pax8 revokes them, and recovers on re-entry', async () => {
    e2e.sandbox.revokeClient(ACME.clientId);
    try {
      const checked = await e2e.http.post('/pax8/connection/check').set(acme()).expect(200);
      expect(checked.body.needsCredentials).toBe(true);
      expect(checked.body.credentials.health.state).toBe('rejected');
      expect(checked.body.lastError.message).toMatch(/Re-enter the Client ID and Client Secret/);
      expect(checked.body.nextSyncAt).toBeNull();
    } finally {
      e2e.sandbox.restoreClient(ACME.clientId);
    }
    const again = await e2e.http.put('/pax8/connection').set(acme()).send(ACME).expect(200);
    expect(again.body.needsCredentials).toBe(false);
    expect(again.body.lastError).toBeNull();
    const audit = await e2e.http.get('/pax8/audit').set(acme()).expect(200);
    expect(audit.body.items[0].action).toBe('connection.credentials_changed');
  });

  it('gates every route on the license, per request', async () => {
    e2e.store.licensed.set('acme', false);
    try {
      for (const [method, path] of [['get', '/pax8/connection'], ['put', '/pax8/connection'], ['post', '/pax8/connection/test'], ['delete', '/pax8/connection'], ['get', '/pax8/audit'], ['post', '/pax8/sync'], ['get', '/pax8/sync/runs']] as const) {
        const res = await e2e.http[method](path).set(acme()).send({});
        expect(res.status).toBe(404);
        expect(res.body).toMatchObject({ feature: 'pax8Integration' });
        expect(res.body.message).toMatch(/not included in your plan/);
      }
    } finally {
      e2e.store.licensed.set('acme', true);
    }
    await e2e.http.get('/pax8/connection').set(acme()).expect(200);
  });

  it('enforces roles and permissions', async () => {
    await e2e.http.get('/pax8/connection').expect(401);
    await e2e.http.get('/pax8/connection').set(e2e.as('acme', 'Technician')).expect(200);
    const tech = await e2e.http.put('/pax8/connection').set(e2e.as('acme', 'Technician')).send({ autoMapEnabled: false }).expect(403);
    expect(tech.body.message).toMatch(/Owner or Admin role/);
    await e2e.http.put('/pax8/connection').set(e2e.as('acme', 'Admin without permission')).send({ autoMapEnabled: false }).expect(403);
    await e2e.http.get('/pax8/connection').set(e2e.as('acme', 'Guest')).expect(403);
    await e2e.http.get('/pax8/audit').set(e2e.as('acme', 'Technician')).expect(403);
    await e2e.http.post('/pax8/connection/test').set(e2e.as('acme', 'Admin')).send(ACME).expect(200);
  });

  it('keeps tenants apart', async () => {
    const globex = await e2e.http.get('/pax8/connection').set(e2e.as('globex')).expect(200);
    expect(globex.body.state).toBe('not_connected');
    const { body: run } = await e2e.http.post('/pax8/sync').set(acme()).expect(202);
    await waitForRun(e2e, 'acme', run.id);
    await e2e.http.get(`/pax8/sync/runs/${run.id}`).set(e2e.as('globex')).expect(404);
    const audit = await e2e.http.get('/pax8/audit').set(e2e.as('globex')).expect(200);
    expect(audit.body.items).toEqual([]);
  });

  it('rolls a disconnect back entirely when it fails midway', async () => {
    const counts = async () => ({
      subs: await e2e.dataSource.getRepository(Pax8Subscription).count({ where: { tenantId: 'acme' } }),
      integration: await e2e.dataSource.getRepository(Pax8Integration).count({ where: { tenantId: 'acme' } }),
    });
    const before = await counts();
    expect(before.subs).toBeGreaterThan(0);
    const audit = e2e.app.get(AuditService);
    const spy = jest.spyOn(audit, 'record').mockImplementation(async () => {
      throw new Error('injected failure');
    });
    try {
      await e2e.http.delete('/pax8/connection').set(acme()).send({ confirm: 'DISCONNECT' }).expect(500);
    } finally {
      spy.mockRestore();
    }
    expect(await counts()).toEqual(before);
    expect((await e2e.http.get('/pax8/connection').set(acme()).expect(200)).body.state).toBe('connected');
  });

  it('disconnects only with the confirmation, removing everything of the tenant in one go', async () => {
    const bad = await e2e.http.delete('/pax8/connection').set(acme()).send({}).expect(400);
    expect(bad.body.errors[0].field).toBe('confirm');
    await e2e.dataSource.getRepository(CompanyMapping).insert({ id: '00000000-0000-4000-8000-000000000001', tenantId: 'acme', pax8CompanyId: 'x', clientId: 'c', source: 'manual', rule: null, mappedBy: 'u' });
    await e2e.dataSource.getRepository(SubscriptionBilling).insert({ id: '00000000-0000-4000-8000-000000000002', tenantId: 'acme', pax8SubscriptionId: 's', enabled: true, markupType: null, markupValue: null, overridePrice: '5.0000', chargeType: null, lineDescription: null, updatedBy: 'u' });
    await e2e.dataSource.getRepository(PricingRule).insert({ id: '00000000-0000-4000-8000-000000000003', tenantId: 'acme', scope: 'default', matchKey: '', target: '', markupType: 'percent', markupValue: '10.0000', updatedBy: 'u' });
    await e2e.dataSource.getRepository(InvoiceLink).insert({ id: '00000000-0000-4000-8000-000000000004', tenantId: 'acme', pax8SubscriptionId: 's', recurringInvoiceId: 'i', clientId: 'c', invoiceName: 'Monthly', invoiceCurrencyCode: null, linkedBy: 'u' });
    // Another tenant's billing rows stay.
    await e2e.dataSource.getRepository(PricingRule).insert({ id: '00000000-0000-4000-8000-000000000005', tenantId: 'globex', scope: 'default', matchKey: '', target: '', markupType: 'percent', markupValue: '10.0000', updatedBy: 'u' });
    const res = await e2e.http.delete('/pax8/connection').set(acme()).send({ confirm: 'DISCONNECT' }).expect(200);
    expect(res.body.disconnected).toBe(true);
    for (const entity of [Pax8Integration, Pax8Subscription, CompanyMapping, SubscriptionBilling, PricingRule, InvoiceLink]) {
      expect(await e2e.dataSource.getRepository(entity).count({ where: { tenantId: 'acme' } })).toBe(0);
    }
    expect(res.body.removed).toMatchObject({ pax8_subscription_billing: 1, pax8_pricing_rules: 1, pax8_invoice_links: 1, pax8_integrations: 1 });
    expect(await e2e.dataSource.getRepository(PricingRule).count({ where: { tenantId: 'globex' } })).toBe(1);
    const status = await e2e.http.get('/pax8/connection').set(acme()).expect(200);
    expect(status.body.state).toBe('not_connected');
    const audit = await e2e.http.get('/pax8/audit').set(acme()).expect(200);
    expect(audit.body.items[0]).toMatchObject({ action: 'connection.disconnected', actor: { id: 'acme-owner' } });
  });
});

describe('encryption key rotation', () => {
  it('keeps old rows readable and re-encrypts them all with the current key', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'pax8-rotation-')), 'db.sqlite');
    const db = { name: 'sqlite' as const, options: { type: 'better-sqlite3' as const, database: file } };
    const k1 = newKey();
    const k2 = newKey();
    const first = await startE2eApp({ db, encryption: { currentKeyId: 'k1', keys: { k1 } } });
    await first.http.put('/pax8/connection').set(first.as('acme')).send(ACME).expect(200);
    await first.app.close();

    const second = await startE2eApp({ db, keepData: true, existingSandbox: first.sandbox, encryption: { currentKeyId: 'k2', keys: { k1, k2 } } });
    try {
      const row = () => second.dataSource.getRepository(Pax8Integration).findOneOrFail({ where: { tenantId: 'acme' } });
      expect((await row()).encryptedCredentials!.startsWith('v1:k1:')).toBe(true);
      const checked = await second.http.post('/pax8/connection/check').set(second.as('acme')).expect(200);
      expect(checked.body.credentials.health.state).toBe('valid');
      const result = await second.app.get(CredentialsService).reencryptAll();
      expect(result).toEqual({ reencrypted: 1, alreadyCurrent: 0, failed: 0 });
      expect((await row()).encryptedCredentials!.startsWith('v1:k2:')).toBe(true);
      expect(await second.app.get(CredentialsService).reencryptAll()).toEqual({ reencrypted: 0, alreadyCurrent: 1, failed: 0 });
    } finally {
      await second.app.close();
    }
    const third = await startE2eApp({ db, keepData: true, existingSandbox: first.sandbox, encryption: { currentKeyId: 'k2', keys: { k2 } } });
    try {
      const checked = await third.http.post('/pax8/connection/check').set(third.as('acme')).expect(200);
      expect(checked.body.credentials.health.state).toBe('valid');
    } finally {
      await third.app.close();
      await first.sandbox.close();
    }
  });
});
