import type { Browser } from 'playwright-core';
import { serveDemoPage } from '../../../server/demo/demo-static';
import { startSandbox } from '../../../server/sandbox';
import { launchChromium } from '../../helpers/browser';
import { testDatabases } from '../../helpers/databases';
import { delegatedOptions } from '../../helpers/delegated';
import { expectText, openDemo, pageErrors, saveShot } from '../../helpers/demo-browser';
import { freePort } from '../../helpers/free-port';
import { ACME, E2eApp, GLOBEX, startE2eApp } from '../../helpers/e2e-app';

/**
 * "Connect with Pax8" from the connection card, in real Chromium: the card asks the server for Pax8's
 * sign-in URL, the admin declines or accepts on the sandbox's consent page, Pax8 sends the browser back
 * through the callback to the host page, and the card says what happened and shows the consent window.
 */
describe('web components: connect with Pax8 from the connection card', () => {
  let e2e: E2eApp;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    const sandbox = await startSandbox({ partners: [{ ...ACME, seed: 11, size: 'demo' }, { ...GLOBEX, seed: 12, size: 'demo' }] });
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    e2e = await startE2eApp({
      db: testDatabases()[0],
      existingSandbox: sandbox,
      configure: serveDemoPage,
      pax8: { delegated: { ...delegatedOptions(sandbox), redirectUrl: `${base}/pax8/connection/delegated/callback`, returnUrl: `${base}/` } },
    });
    await e2e.app.listen(port, '127.0.0.1');
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await e2e?.close();
    await e2e?.sandbox.close();
  });

  it('comes back from a decline with a clear message and connects nothing, then connects on accept', async () => {
    const page = await openDemo(browser, base, { persona: 'acme|Owner' });
    const card = page.locator('pax8-connection-card');
    await expectText(card.locator('[data-testid=state]'), 'Not Connected');

    await card.locator('[data-testid=delegated-actions] button').click();
    await page.waitForURL((url) => !url.toString().startsWith(base));
    await page.locator('#partner').selectOption(ACME.clientId);
    await page.locator('#decline').click();
    await page.waitForURL((url) => url.toString().startsWith(`${base}/?`));
    expect(new URL(page.url()).searchParams.get('pax8Connect')).toBe('declined');
    await expectText(card.locator('[data-testid=message]'), /declined|denied/i);
    await expectText(card.locator('[data-testid=state]'), 'Not Connected');

    await card.locator('[data-testid=delegated-actions] button').click();
    await page.waitForURL((url) => !url.toString().startsWith(base));
    await page.locator('#partner').selectOption(ACME.clientId);
    await page.locator('#approve').click();
    await page.waitForURL((url) => url.toString().startsWith(`${base}/?`));
    expect(new URL(page.url()).searchParams.get('pax8Connect')).toBe('connected');
    await expectText(card.locator('[data-testid=state]'), 'Connected');
    await expectText(card.locator('[data-testid=delegated]'), /days? left/);
    await expectText(card.locator('[data-testid=delegated-actions] button'), 'Re-authorize with Pax8');
    await saveShot(card, 'pax8-connection-card-delegated-light-1400');
    // No API keys asked for or stored on this path.
    const status = (await e2e.http.get('/pax8/connection').set(e2e.as('acme')).expect(200)).body;
    expect(status).toMatchObject({ method: 'delegated', credentials: null, needsReauthorization: false });
    expect(pageErrors(page)).toEqual([]);
  });
});
