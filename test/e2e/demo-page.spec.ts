import type { Browser, Page } from 'playwright-core';
import { serveDemoPage } from '../../server/demo/demo-static';
import { testDatabases } from '../helpers/databases';
import { launchChromium } from '../helpers/browser';
import { ACME, E2eApp, startE2eApp } from '../helpers/e2e-app';

/** The demo host's page in real Chromium: the elements load, talk to the routes, and respect the persona. */
describe('demo page in Chromium', () => {
  let e2e: E2eApp;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    e2e = await startE2eApp({ db: testDatabases()[0], configure: serveDemoPage });
    await e2e.app.listen(0, '127.0.0.1');
    base = await e2e.app.getUrl();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await e2e?.close();
  });

  const open = async (persona: string): Promise<Page> => {
    const context = await browser.newContext();
    await context.addCookies([{ name: 'demo_persona', value: encodeURIComponent(persona), url: base }]);
    const page = await context.newPage();
    await page.goto(base);
    return page;
  };

  it('connects from the connection card and shows the masked status', async () => {
    const page = await open('acme|Owner');
    const card = page.locator('pax8-connection-card');
    await card.locator('[data-testid=state]').waitFor();
    expect(await card.locator('[data-testid=state]').textContent()).toBe('Not Connected');
    await card.locator('#cid').fill(ACME.clientId);
    await card.locator('#secret').fill(ACME.clientSecret);
    await card.getByRole('button', { name: 'Test' }).click();
    await expectText(card.locator('[data-testid=message]'), 'Pax8 accepted these credentials.');
    await card.getByRole('button', { name: 'Connect' }).click();
    await expectText(card.locator('[data-testid=state]'), 'Connected');
    expect(await card.locator('#secret').inputValue()).toBe('');
    expect(await card.locator('#secret').getAttribute('placeholder')).toBe('••••••••');
    expect(await page.content()).not.toContain(ACME.clientSecret);
    for (const tag of ['pax8-billing-dialog', 'pax8-agent-tools']) {
      expect(await page.locator(tag).locator('h2').count()).toBe(1);
    }
    await page.context().close();
  });

  it('syncs, shows progress and companies, and maps a company from the table', async () => {
    const page = await open('acme|Owner');
    const table = page.locator('pax8-companies-table');
    await expectText(table.locator('[data-testid=empty]'), /No companies yet/);
    await table.getByRole('button', { name: 'Sync now' }).click();
    await expectText(table.locator('[data-testid=message]'), /^Synced: \d+ new companies/);
    const companies = [...e2e.sandbox.store(ACME.clientId).companies.values()] as Array<{ id: string; name: string }>;
    expect(await table.locator('tbody tr').count()).toBe(companies.filter((c) => (c as { status?: string }).status !== 'Deleted').length);

    const target = companies[0];
    const client = e2e.store.data('acme').clients.find((c) => c.id.endsWith('walkin'))!;
    await table.locator(`tr[data-company="${target.id}"] select`).selectOption(client.id);
    await expectText(table.locator('[data-testid=message]'), `Mapped ${target.name}.`);
    const mapped = await e2e.http.get(`/pax8/companies/${target.id}`).set(e2e.as('acme'));
    expect(mapped.body.mapping).toMatchObject({ clientId: client.id, source: 'manual' });

    await table.locator(`tr[data-company="${target.id}"] select`).selectOption('');
    await expectText(table.locator('[data-testid=message]'), /Unlinked/);
    expect((await e2e.http.get(`/pax8/companies/${target.id}`).set(e2e.as('acme'))).body.mapping).toBeNull();
    await page.context().close();
  });

  it('shows the host\'s answer when the role or the plan does not allow it', async () => {
    const tech = await open('acme|Technician');
    const card = tech.locator('pax8-connection-card');
    await expectText(card.locator('[data-testid=state]'), 'Connected');
    await card.locator('#cid').fill('x');
    await card.locator('#secret').fill('y');
    await card.getByRole('button', { name: 'Replace credentials' }).click();
    await expectText(card.locator('[data-testid=message]'), /Owner or Admin role/);
    await tech.context().close();

    const unlicensed = await open('initech|Owner');
    await expectText(unlicensed.locator('pax8-connection-card [data-testid=message]'), /not included in your plan/);
    await unlicensed.context().close();
  });
});

async function expectText(locator: import('playwright-core').Locator, expected: string | RegExp): Promise<void> {
  const deadline = Date.now() + 10_000;
  let last: string | null = null;
  while (Date.now() < deadline) {
    last = (await locator.count()) ? await locator.first().textContent() : null;
    if (last !== null && (typeof expected === 'string' ? last.trim() === expected : expected.test(last))) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`Expected ${String(expected)}, last saw ${JSON.stringify(last)}`);
}
