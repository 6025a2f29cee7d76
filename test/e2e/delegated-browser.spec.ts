import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startSandbox } from '../../server/sandbox';
import { launchChromium } from '../helpers/browser';
import { testDatabases } from '../helpers/databases';
import { freePort } from '../helpers/free-port';
import { delegatedOptions } from '../helpers/delegated';
import { ACME, E2eApp, GLOBEX, startE2eApp } from '../helpers/e2e-app';

/**
 * The whole consent dance in real Chromium: our start route's authorize URL, the sandbox's consent
 * page (sign in as a partner, Accept or Decline), Pax8's redirect to our callback, the result page.
 */
describe('connect with Pax8 in Chromium', () => {
  let e2e: E2eApp;
  let browser: Browser;
  let context: BrowserContext;
  let base: string;

  beforeAll(async () => {
    const sandbox = await startSandbox({ partners: [{ ...ACME, seed: 11, size: 'demo' }, { ...GLOBEX, seed: 12, size: 'demo' }] });
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    e2e = await startE2eApp({
      db: testDatabases()[0],
      existingSandbox: sandbox,
      pax8: { delegated: { ...delegatedOptions(sandbox), redirectUrl: `${base}/pax8/connection/delegated/callback` } },
    });
    await e2e.app.listen(port, '127.0.0.1');
    browser = await launchChromium();
    context = await browser.newContext();
    // The demo host's session: the same persona the supertest calls use (tenant acme, user acme-owner).
    await context.addCookies([{ name: 'demo_persona', value: encodeURIComponent('acme|Owner|acme-owner'), url: base }]);
  });
  afterAll(async () => {
    await browser?.close();
    await e2e?.close();
    await e2e?.sandbox.close();
  });

  const consentPage = async (): Promise<Page> => {
    const start = await e2e.http.post('/pax8/connection/delegated/start').set(e2e.as('acme')).send({}).expect(200);
    const page = await context.newPage();
    await page.goto(start.body.authorizeUrl);
    await page.locator('#partner').selectOption(ACME.clientId);
    return page;
  };
  const result = async (page: Page) => {
    const el = page.locator('#pax8-connect-result');
    await el.waitFor();
    return { outcome: await el.getAttribute('data-outcome'), text: await el.textContent(), url: page.url() };
  };
  const status = async () => (await e2e.http.get('/pax8/connection').set(e2e.as('acme')).expect(200)).body;

  it('declining on Pax8\'s screen comes back to a clear message and connects nothing', async () => {
    const page = await consentPage();
    expect(await page.textContent('body')).toContain('wants to access your Pax8 account');
    await page.locator('#decline').click();
    const r = await result(page);
    expect(r.url.startsWith(`${base}/pax8/connection/delegated/callback`)).toBe(true);
    expect(r.outcome).toBe('declined');
    expect(r.text).toContain('declined');
    expect((await status()).state).toBe('not_connected');
    await page.close();
  });

  it('accepting connects the tenant to the partner account it signed in as', async () => {
    const page = await consentPage();
    await page.locator('#approve').click();
    const r = await result(page);
    expect(r.outcome).toBe('connected');
    expect(await page.title()).toBe('Connected with Pax8');
    const s = await status();
    expect(s).toEqual(expect.objectContaining({ state: 'connected', method: 'delegated' }));
    expect(s.delegated.pax8AccountId).toBe(e2e.sandbox.accountIdOf(ACME.clientId));
    // Reloading the callback replays the code and state: refused, nothing changes.
    await page.reload();
    expect((await result(page)).outcome).toBe('failed');
    expect(await page.locator('#pax8-connect-result').textContent()).toContain('already used');
    await page.close();
  });

  it('re-connecting (re-authorizing) starts a new 90-day consent', async () => {
    const before = (await status()).delegated.consentGivenAt;
    await new Promise((r) => setTimeout(r, 5));
    const page = await consentPage();
    await page.locator('#approve').click();
    expect((await result(page)).outcome).toBe('connected');
    const s = await status();
    expect(s.delegated.consentGivenAt > before).toBe(true);
    expect(s.delegated.daysLeft).toBe(90);
    const audit = (await e2e.http.get('/pax8/audit').set(e2e.as('acme')).expect(200)).body;
    expect(JSON.stringify(audit)).toContain('connection.reauthorized');
    await page.close();
  });
});
