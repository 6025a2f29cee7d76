import Decimal from 'decimal.js';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PARTNERS } from '../../../server/demo/demo-data';
import { seedDemoAtStart, seedDemoClients } from '../../../server/demo/demo-start-seed';
import { serveDemoPage } from '../../../server/demo/demo-static';
import { launchChromium } from '../../helpers/browser';
import { testDatabases } from '../../helpers/databases';
import { eventually, expectText, openDemo, pageErrors } from '../../helpers/demo-browser';
import { ACME, E2eApp, GLOBEX, startE2eApp } from '../../helpers/e2e-app';

type Sub = { id: string; pax8CompanyId: string; status: string; retail: boolean; invoiceLink: { invoiceName: string } | null };

/**
 * What `npm start` shows before anyone clicks: the same start-up seed as the demo (same sandbox data),
 * then a first visit with no cookie sees mapped and unmapped companies, a linked invoice, a retail
 * fallback, the client rule by its client's name and a reconciliation finding with money at stake.
 */
describe('web components: the seeded demo on a first visit', () => {
  let e2e: E2eApp;
  let browser: Browser;
  let base: string;
  let page: Page;
  const acme = () => e2e.as('acme');
  // The demo's own partner data (seed and size), under the test helper's credentials.
  const partners = [
    { ...ACME, seed: DEMO_PARTNERS[0].seed, size: DEMO_PARTNERS[0].size, tenant: 'acme' },
    { ...GLOBEX, seed: 12, size: 'demo' as const, tenant: 'globex' },
  ];

  beforeAll(async () => {
    e2e = await startE2eApp({ db: testDatabases()[0], configure: serveDemoPage, sandbox: { partners } });
    seedDemoClients(e2e.store, e2e.sandbox, partners);
    const seeded = await seedDemoAtStart(e2e.app, { tenant: 'acme', ...ACME });
    expect(seeded).toMatchObject({ seeded: true, syncStatus: 'succeeded', billing: { seeded: true } });
    await e2e.app.listen(0, '127.0.0.1');
    base = await e2e.app.getUrl();
    browser = await launchChromium();
    page = await openDemo(browser, base);
  });
  afterAll(async () => {
    await browser?.close();
    await e2e?.close();
  });

  it('seeds once: a restart finds the tenant connected and leaves it alone', async () => {
    const rulesBefore = (await e2e.http.get('/pax8/pricing-rules').set(acme()).expect(200)).body.total;
    expect(await seedDemoAtStart(e2e.app, { tenant: 'acme', ...ACME })).toEqual({ tenant: 'acme', seeded: false });
    expect((await e2e.http.get('/pax8/pricing-rules').set(acme()).expect(200)).body.total).toBe(rulesBefore);
  });

  it('shows the reconciliation finding money at stake without a click', async () => {
    const recon = page.locator('pax8-reconciliation');
    await recon.locator('[data-testid=totals]').waitFor();
    const period = await recon.locator('#period').inputValue();
    const report = (await e2e.http.get('/pax8/reconciliation').query({ period }).set(acme()).expect(200)).body as { totals: { byClass: Record<string, { rows: number; moneyAtStake: string }> } };
    const findings = Object.entries(report.totals.byClass).filter(([k, v]) => k !== 'ok' && new Decimal(v.moneyAtStake).gt(0));
    expect(findings.length).toBeGreaterThan(0);
    for (const [klass, v] of findings) {
      const money = await page.evaluate((a) => new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 4 }).format(a as unknown as number), v.moneyAtStake);
      await expectText(recon.locator(`.chips button[data-class="${klass}"]`), new RegExp(`${v.rows} rows? · ${money.replace(/[.,]/g, '\\$&')}$`));
    }
    await eventually(async () => (await recon.locator(`[data-testid=recon-rows] tbody tr[data-class="${findings[0][0]}"]`).count()) > 0, 'a finding row');
    expect(await recon.locator('[data-testid=message]').count()).toBe(0); // nothing to import by hand
  });

  it('shows mapped and unmapped companies, a linked invoice and a retail fallback', async () => {
    const table = page.locator('pax8-companies-table');
    await expectText(table.locator('[data-testid=summary]'), /^\d+ companies · [1-9]\d* mapped · [1-9]\d* to map/);
    const subs = (await e2e.http.get('/pax8/subscriptions').query({ status: 'all', limit: 200 }).set(acme()).expect(200)).body.items as Sub[];
    const linked = subs.find((s) => s.invoiceLink && s.status === 'Active')!;
    const retail = subs.find((s) => s.retail)!;
    expect(linked && retail).toBeTruthy();

    const open = async (sub: Sub) => {
      const panel = table.locator(`#subs-${sub.pax8CompanyId}`);
      if (!(await panel.locator('[data-testid=status-filter]').count())) {
        await table.locator(`tr[data-company="${sub.pax8CompanyId}"] [data-testid=expand]`).click();
        await panel.locator('[data-testid=status-filter]').waitFor();
      }
      if (sub.status !== 'Active') await panel.locator('[data-testid=status-filter]').selectOption(sub.status);
      return panel.locator(`tr[data-subscription="${sub.id}"]`);
    };
    await expectText((await open(linked)).locator('[data-testid=invoice]'), new RegExp(`^Linked ?${linked.invoiceLink!.invoiceName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
    await expectText((await open(retail)).locator('[data-testid=retail]'), '(retail)');
  });

  it('names the client rule by the client, not its id', async () => {
    const rule = ((await e2e.http.get('/pax8/pricing-rules').set(acme()).expect(200)).body.items as Array<{ id: string; scope: string; target: string; clientName: string }>).find((r) => r.scope === 'client')!;
    expect(rule.clientName).toBe(e2e.store.data('acme').clients.find((c) => c.id === rule.target)!.name);
    const cell = page.locator(`pax8-pricing-rules tr[data-rule="${rule.id}"] td`).first();
    await expectText(cell, `Client: ${rule.clientName}`);
    expect(pageErrors(page)).toEqual([]);
  });
});
