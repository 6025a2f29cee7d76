import type { Browser } from 'playwright-core';
import { serveDemoPage } from '../../../server/demo/demo-static';
import { launchChromium } from '../../helpers/browser';
import { testDatabases } from '../../helpers/databases';
import { expectText, openDemo, pageErrors } from '../../helpers/demo-browser';
import { ACME, E2eApp, startE2eApp, waitForRun } from '../../helpers/e2e-app';

/** What each kind of user sees: read-only screens for view access, one plan state when unlicensed, no error on a first visit. */
describe('web components: access, plan and first visit in Chromium', () => {
  let e2e: E2eApp;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    e2e = await startE2eApp({ db: testDatabases()[0], configure: serveDemoPage });
    await e2e.app.listen(0, '127.0.0.1');
    base = await e2e.app.getUrl();
    browser = await launchChromium();
    await e2e.http.put('/pax8/connection').set(e2e.as('acme')).send(ACME).expect(200);
    const run = await e2e.http.post('/pax8/sync').set(e2e.as('acme')).expect(202);
    await waitForRun(e2e, 'acme', run.body.id);
    const first = (await e2e.http.get('/pax8/companies').set(e2e.as('acme'))).body.items[0];
    await e2e.http.put(`/pax8/companies/${first.id}/mapping`).set(e2e.as('acme')).send({ clientId: 'acme-client-walkin' }).expect(200);
  });
  afterAll(async () => {
    await browser?.close();
    await e2e?.close();
  });

  it('shows a view-only role the status and companies with no control it may not use', async () => {
    for (const role of ['Technician', 'Admin without permission']) {
      const page = await openDemo(browser, base, { persona: `acme|${role}` });
      const card = page.locator('pax8-connection-card');
      const table = page.locator('pax8-companies-table');
      await expectText(card.locator('[data-testid=state]'), 'Connected');
      await expectText(card.locator('[data-testid=read-only]'), /View only/);
      expect(await card.locator('#cid, #secret, dialog').count()).toBe(0);
      expect(await card.getByRole('button').count()).toBe(0);
      expect(await card.locator('[data-testid=auto-map]').isDisabled()).toBe(true);
      await expectText(table.locator('[data-testid=summary]'), /companies · 1 mapped/);
      expect(await table.locator('[data-testid=sync], pax8-client-picker, .unlink, [data-testid=refresh]').count()).toBe(0);
      expect(await table.getByRole('button', { name: 'Auto-map' }).count()).toBe(0);
      expect(await table.locator('[data-testid=mapped-client]').count()).toBe(1);
      // Reading still works: the mapped company expands to its subscriptions, and billing opens read-only.
      const mappedRow = table.locator('tr[data-company]').filter({ has: page.locator('[data-testid=mapped-client]') });
      await mappedRow.locator('[data-testid=expand]').click();
      await table.locator('[data-testid=status-filter]').waitFor();
      await table.locator('[data-testid=status-filter]').selectOption('all');
      const details = table.locator('[data-testid=billing]').first();
      await expectText(details, 'Details');
      await details.click();
      const dialog = table.locator('pax8-billing-dialog dialog');
      await dialog.locator('[data-testid=unit-price]').waitFor();
      await expectText(dialog.locator('.note.info'), /View only/);
      expect(await dialog.locator('#mode').isDisabled()).toBe(true);
      expect(await dialog.locator('#override').isDisabled()).toBe(true);
      expect(await dialog.getByRole('button', { name: 'Save' }).count()).toBe(0);
      await dialog.getByRole('button', { name: 'Close' }).click();
      expect(pageErrors(page)).toEqual([]);
      await page.context().close();
    }
  });

  it('shows an unlicensed tenant one "not in your plan" state and no form, for every role', async () => {
    for (const role of ['Owner', 'Technician']) {
      const page = await openDemo(browser, base, { persona: `initech|${role}` });
      for (const tag of ['pax8-connection-card', 'pax8-companies-table']) {
        await expectText(page.locator(`${tag} [data-testid=unlicensed]`), /Pax8 is not included in your plan/);
        expect(await page.locator(`${tag} input, ${tag} button`).count()).toBe(0);
        expect(await page.locator(`${tag} [role=alert]`).count()).toBe(0);
      }
      await page.context().close();
    }
  });

  it('tells a guest without the view permission, without a form', async () => {
    const page = await openDemo(browser, base, { persona: 'acme|Guest' });
    await expectText(page.locator('pax8-connection-card [data-testid=no-access]'), /do not have access/);
    expect(await page.locator('pax8-connection-card input').count()).toBe(0);
    await page.context().close();
  });

  it('signs a first visit (no cookie yet) in before the elements ask, so no sign-in error shows', async () => {
    const page = await openDemo(browser, base);
    await expectText(page.locator('pax8-connection-card [data-testid=state]'), 'Connected');
    expect(await page.locator('pax8-connection-card [data-testid=gate]').count()).toBe(0);
    expect(await page.locator('pax8-companies-table [data-testid=gate]').count()).toBe(0);
    await expectText(page.locator('pax8-companies-table [data-testid=summary]'), /companies/);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  it('uses the page-wide request hook for headers when the host signs in without cookies', async () => {
    const page = await openDemo(browser, base, { persona: 'nobody|Nobody' });
    await expectText(page.locator('pax8-connection-card [data-testid=gate]'), /Sign in/);
    // The host signs in by header and reloads the elements' session: the hook adds the headers to each request.
    // A string, so the test's compiler leaves the page's dynamic import alone.
    await page.evaluate(`(async () => {
      const { configurePax8 } = await import('/elements/pax8-elements.js');
      configurePax8({ requestHook: ({ headers }) => Object.assign(headers, { 'x-demo-tenant': 'acme', 'x-demo-role': 'Technician' }) });
      const fresh = document.createElement('pax8-connection-card');
      fresh.id = 'fresh';
      fresh.setAttribute('base-path', '/pax8/');
      document.querySelector('main').prepend(fresh);
    })()`);
    await expectText(page.locator('#fresh [data-testid=state]'), 'Connected');
    await expectText(page.locator('#fresh [data-testid=read-only]'), /View only/);
    await page.context().close();
  });
});
