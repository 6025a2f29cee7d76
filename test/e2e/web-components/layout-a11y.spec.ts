import Decimal from 'decimal.js';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PARTNERS } from '../../../server/demo/demo-data';
import { seedDemoAtStart, seedDemoClients } from '../../../server/demo/demo-start-seed';
import { serveDemoPage } from '../../../server/demo/demo-static';
import { launchChromium } from '../../helpers/browser';
import { testDatabases } from '../../helpers/databases';
import { expectText, openDemo, overflowingElements, saveShot, seriousA11yViolations } from '../../helpers/demo-browser';
import { ACME, E2eApp, GLOBEX, startE2eApp } from '../../helpers/e2e-app';

const WIDTHS = [360, 1024, 1920];
const ELEMENTS = ['pax8-connection-card', 'pax8-companies-table', 'pax8-pricing-rules', 'pax8-reconciliation', 'pax8-tool-policies', 'pax8-approvals'];

/**
 * Layout at 360, 1024 and 1920 px in light and dark: nothing spills out of its card or the page, an
 * axe-core check finds no serious violation, and each element is saved as a screenshot
 * (test-artifacts/screenshots/<element>-<theme>-<width>.png).
 */
describe('web components: layout, themes and accessibility in Chromium', () => {
  let e2e: E2eApp;
  let browser: Browser;
  let base: string;
  let expandId: string;
  let billedId: string;

  beforeAll(async () => {
    // The demo's own start-up seed (same sandbox data as `npm start`): every state is on the page.
    const partners = [
      { ...ACME, seed: DEMO_PARTNERS[0].seed, size: DEMO_PARTNERS[0].size, tenant: 'acme' },
      { ...GLOBEX, seed: 12, size: 'demo' as const, tenant: 'globex' },
    ];
    // The scheduler on (as in `npm start`), so the connection card shows its next sync; nothing is due during the test.
    e2e = await startE2eApp({ db: testDatabases()[0], configure: serveDemoPage, sandbox: { partners }, pax8: { sync: { intervalMinutes: 240 } } });
    seedDemoClients(e2e.store, e2e.sandbox, partners);
    expect(await seedDemoAtStart(e2e.app, { tenant: 'acme', ...ACME })).toMatchObject({ seeded: true });
    await e2e.app.listen(0, '127.0.0.1');
    base = await e2e.app.getUrl();
    browser = await launchChromium();
    // A mapped company with linked subscriptions, so its Billing… buttons are live and Invoice shows Linked.
    const subs = (await e2e.http.get('/pax8/subscriptions').query({ linked: 'true', limit: 50 }).set(e2e.as('acme')).expect(200)).body.items as Array<{ id: string; pax8CompanyId: string; cost: string | null }>;
    const priced = subs.find((x) => x.cost !== null && new Decimal(x.cost).gt(0))!;
    expandId = priced.pax8CompanyId;
    billedId = priced.id;
  });
  afterAll(async () => {
    await browser?.close();
    await e2e?.close();
  });

  /** The page in its richest state: companies listed, one expanded, the picker of another open. */
  async function richPage(width: number, dark: boolean): Promise<Page> {
    const page = await openDemo(browser, base, { persona: 'acme|Owner', width, dark });
    const table = page.locator('pax8-companies-table');
    await expectText(table.locator('[data-testid=summary]'), /companies/);
    await table.locator(`tr[data-company="${expandId}"] [data-testid=expand]`).click();
    await table.locator(`#subs-${expandId} [data-testid=status-filter]`).waitFor();
    await page.locator('pax8-connection-card [data-testid=last-sync]').waitFor();
    await page.locator('pax8-pricing-rules [data-testid=rules]').waitFor();
    await page.locator('pax8-reconciliation [data-testid=recon-rows]').waitFor();
    await page.locator('pax8-tool-policies tr[data-tool]').first().waitFor();
    await page.locator('pax8-approvals [data-testid=no-scheduled], pax8-approvals tr[data-id]').first().waitFor();
    return page;
  }

  for (const dark of [false, true]) {
    for (const width of WIDTHS) {
      const theme = dark ? 'dark' : 'light';
      it(`fits ${width} px in ${theme}, with no serious accessibility violation`, async () => {
        const page = await richPage(width, dark);
        expect(await overflowingElements(page)).toEqual([]);
        for (const tag of ELEMENTS) {
          const box = (await page.locator(tag).boundingBox())!;
          expect(box.x).toBeGreaterThanOrEqual(0);
          expect(box.x + box.width).toBeLessThanOrEqual(width);
          // The companies table stays inside its card.
          if (tag === 'pax8-companies-table') {
            const inner = await page.locator(tag).evaluate((el) => {
              const card = el.shadowRoot!.querySelector('.card')!.getBoundingClientRect();
              const table = el.shadowRoot!.querySelector('table.companies')!.getBoundingClientRect();
              return { card: card.right, table: table.right };
            });
            expect(inner.table).toBeLessThanOrEqual(inner.card);
          }
          await saveShot(page.locator(tag), `${tag}-${theme}-${width}`);
        }
        const violations = await seriousA11yViolations(page);
        expect(violations).toEqual([]);
        await page.context().close();
      });
    }
  }

  it('keeps the open client picker accessible and inside the page at 360 px', async () => {
    const page = await richPage(360, false);
    const picker = page.locator('pax8-companies-table pax8-client-picker').first();
    await picker.locator('input').click();
    await picker.locator('[role=option]').first().waitFor();
    expect(await overflowingElements(page)).toEqual([]);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await saveShot(page.locator('pax8-companies-table'), 'pax8-client-picker-light-360');
    await page.context().close();
  });

  for (const [width, dark] of [[1024, false], [360, true]] as const) {
    it(`opens the billing dialog at ${width} px ${dark ? 'dark' : 'light'}: focus inside, no serious violation, focus back on close`, async () => {
      const page = await richPage(width, dark);
      const table = page.locator('pax8-companies-table');
      const opener = table.locator(`#subs-${expandId} tr[data-subscription="${billedId}"] [data-testid=billing]`);
      await opener.click();
      const dialog = table.locator('pax8-billing-dialog dialog');
      await dialog.locator('[data-testid=unit-price]').waitFor();
      await dialog.locator('#mode').selectOption('percent');
      await dialog.locator('#value').fill('25');
      expect(await overflowingElements(page)).toEqual([]);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await saveShot(page, `pax8-billing-dialog-${dark ? 'dark' : 'light'}-${width}`);
      await page.keyboard.press('Escape');
      await expect(opener.evaluate((el) => el.getRootNode() instanceof ShadowRoot && (el.getRootNode() as ShadowRoot).activeElement === el)).resolves.toBe(true);
      await page.context().close();
    });
  }

  it('opens the disconnect dialog with the focus inside and returns it on Escape', async () => {
    const page = await richPage(1024, true);
    const card = page.locator('pax8-connection-card');
    const opener = card.getByRole('button', { name: 'Disconnect…' });
    await opener.focus();
    await page.keyboard.press('Enter');
    await card.locator('dialog[open]').waitFor();
    expect(await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.id)).toBe('confirm');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await saveShot(page, 'pax8-connection-card-dialog-dark-1024');
    await page.keyboard.press('Escape');
    await card.locator('dialog[open]').waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.textContent?.trim())).toBe('Disconnect…');
    await page.context().close();
  });
});
