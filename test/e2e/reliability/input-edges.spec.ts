import { Pax8Integration } from '../../../server/connection/pax8-integration.entity';
import { Pax8Company } from '../../../server/sync/entities/pax8-company.entity';
import { testDatabases } from '../../helpers/databases';
import { ACME, E2eApp, GLOBEX, newKey, startE2eApp, waitForRun } from '../../helpers/e2e-app';

type Wire = Record<string, unknown>;

describe.each(testDatabases())('input and error edges on $name', (db) => {
  let e2e: E2eApp;
  const acme = () => e2e.as('acme');
  const integration = (tenantId = 'acme') => e2e.dataSource.getRepository(Pax8Integration).findOneOrFail({ where: { tenantId } });

  beforeAll(async () => {
    e2e = await startE2eApp({ db, sandbox: { partners: [{ ...ACME, seed: 61, size: { companies: 12, subscriptions: 30 } }, { ...GLOBEX, seed: 62, size: 'demo' }] } });
    const companies = [...e2e.sandbox.store(ACME.clientId).companies.values()] as Wire[];
    Object.assign(companies[0], { name: '100% Solutions_Ltd', status: 'Active' });
    Object.assign(companies[1], { name: 'Back\\Slash Co', status: 'Active' });
    Object.assign(companies[2], { name: 'ÉCOLE Supérieure', status: 'Active' });
    Object.assign(companies[3], { name: '100 Percent Solutions', status: 'Active' });
    await e2e.http.put('/pax8/connection').set(acme()).send(ACME).expect(200);
    const run = await e2e.http.post('/pax8/sync').set(acme()).expect(202);
    expect((await waitForRun(e2e, 'acme', run.body.id)).status).toBe('succeeded');
  });
  afterAll(() => e2e.close());

  it('refuses nulls in the connection body with 400 naming the field, changing nothing', async () => {
    for (const body of [{ active: null }, { autoMapEnabled: null }, { clientId: null, clientSecret: 'x' }, { clientSecret: null }]) {
      const res = await e2e.http.put('/pax8/connection').set(acme()).send(body).expect(400);
      expect(res.body.errors[0].field).toBe(Object.keys(body)[0]);
    }
    expect((await integration()).status).toBe('active');
  });

  it('refuses offsets beyond what a database can take with 400', async () => {
    for (const path of ['/pax8/companies', '/pax8/audit']) {
      for (const offset of ['1e300', '9223372036854775808']) {
        const res = await e2e.http.get(path).query({ offset }).set(acme()).expect(400);
        expect(res.body.errors[0].field).toBe('offset');
      }
    }
  });

  it('refuses non-JSON bodies on writes with 415 (no form-post CSRF); unreadable or too large bodies answer in the errors[] shape', async () => {
    await e2e.http.put('/pax8/connection').set(acme()).set('content-type', 'text/plain').send('{"active":false}').expect(415);
    await e2e.http.post('/pax8/sync').set(acme()).set('content-type', 'application/x-www-form-urlencoded').send('a=1').expect(415);
    await e2e.http.delete('/pax8/connection').set(acme()).type('form').send({ confirm: 'DISCONNECT' }).expect(415);
    expect((await integration()).status).toBe('active');
    const bad = await e2e.http.put('/pax8/connection').set(acme()).set('content-type', 'application/json').send('{"active": tru').expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'body' })]);
    const big = await e2e.http.put('/pax8/connection').set(acme()).set('content-type', 'application/json').send(JSON.stringify({ clientSecret: 'x'.repeat(200_000) }));
    expect(big.status).toBe(413);
    expect(big.body.errors).toEqual([expect.objectContaining({ field: 'body' })]);
    expect(e2e.logger.lines.filter((l) => l.startsWith('error'))).toEqual([]);
    expect(e2e.logger.lines.some((l) => l.startsWith('warn') && /413/.test(l))).toBe(true);
    // A JSON write without a body (POST sync from fetch) still passes.
    await e2e.http.post('/pax8/mapping/auto').set(acme()).expect(200);
  });

  it('says stored credentials cannot be read (409 on check, clear status) instead of a 500', async () => {
    const row = await integration('acme');
    // A row copied from another tenant: the tenant id bound into the ciphertext no longer matches.
    await e2e.http.put('/pax8/connection').set(e2e.as('globex')).send(GLOBEX).expect(200);
    await e2e.dataSource.getRepository(Pax8Integration).update({ tenantId: 'globex' }, { encryptedCredentials: row.encryptedCredentials });
    const check = await e2e.http.post('/pax8/connection/check').set(e2e.as('globex')).expect(409);
    expect(check.body.message).toMatch(/cannot be read.*re-enter/i);
    const status = await e2e.http.get('/pax8/connection').set(e2e.as('globex')).expect(200);
    expect(status.body).toMatchObject({ needsCredentials: true, credentials: { health: { state: 'unreadable' } } });
    expect(status.body.lastError.message).toMatch(/cannot be read/);
    const sync = await e2e.http.post('/pax8/sync').set(e2e.as('globex')).expect(409);
    expect(sync.body.message).toMatch(/cannot be read/);
    // Re-entering them fixes it.
    await e2e.http.put('/pax8/connection').set(e2e.as('globex')).send(GLOBEX).expect(200);
    await e2e.http.post('/pax8/connection/check').set(e2e.as('globex')).expect(200);
  });

  it('searches for %, _ and \\ literally and case-insensitively beyond ASCII, the same on every database', async () => {
    const names = async (search: string) => (await e2e.http.get('/pax8/companies').query({ search }).set(acme()).expect(200)).body.items.map((c: { name: string }) => c.name);
    expect(await names('100%')).toEqual(['100% Solutions_Ltd']);
    expect(await names('s_l')).toEqual(['100% Solutions_Ltd']);
    expect(await names('k\\s')).toEqual(['Back\\Slash Co']);
    expect(await names('école')).toEqual(['ÉCOLE Supérieure']);
    expect(await names('SUPÉRIEURE')).toEqual(['ÉCOLE Supérieure']);
  });
});

describe.each(testDatabases())('a tenant that never connected on $name', (db) => {
  let e2e: E2eApp;
  beforeAll(async () => {
    e2e = await startE2eApp({ db, encryption: { currentKeyId: 'k1', keys: { k1: newKey() } } });
  });
  afterAll(() => e2e.close());

  it('answers POST sync with 409 and a message, and records no run', async () => {
    const res = await e2e.http.post('/pax8/sync').set(e2e.as('acme')).expect(409);
    expect(res.body.message).toMatch(/connect/i);
    expect((await e2e.http.get('/pax8/sync/runs').set(e2e.as('acme')).expect(200)).body.items).toEqual([]);
    expect(await e2e.dataSource.getRepository(Pax8Company).count()).toBe(0);
  });
});
