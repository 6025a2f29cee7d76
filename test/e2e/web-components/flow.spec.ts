import type { Browser, Page } from 'playwright-core';
import { serveDemoPage } from '../../../server/demo/demo-static';
import { launchChromium } from '../../helpers/browser';
import { testDatabases } from '../../helpers/databases';
import { eventually, expectText, openDemo, pageErrors } from '../../helpers/demo-browser';
import { priceSubscription } from '../../../server/billing/pricing';
import { ACME, E2eApp, GLOBEX, startE2eApp } from '../../helpers/e2e-app';

type Wire = { id: string; name: string; status?: string };
type WireSub = { id: string; companyId: string; status: string };

/**
 * The whole flow a new admin walks in the demo, in real Chromium: connect (wrong, then right secret),
 * sync with progress, search, map with the combobox, a refused pick, unlink, auto-map with reasons,
 * expand a company and filter its subscriptions, revoked credentials, disconnect. Each step also
 * checks that the other element followed without a reload.
 */
describe('web components: the admin flow in Chromium', () => {
  let e2e: E2eApp;
  let browser: Browser;
  let base: string;
  let page: Page;
  let companies: Wire[];
  const events: string[] = [];
  const mappingOf = async (id: string) => (await e2e.http.get(`/pax8/companies/${id}`).set(e2e.as('acme'))).body.mapping;

  beforeAll(async () => {
    e2e = await startE2eApp({ db: testDatabases()[0], configure: serveDemoPage, sandbox: { partners: [{ ...ACME, seed: 11, size: { companies: 30, subscriptions: 160 } }, { ...GLOBEX, seed: 12, size: 'demo' }] } });
    await e2e.app.listen(0, '127.0.0.1');
    base = await e2e.app.getUrl();
    browser = await launchChromium();
    companies = ([...e2e.sandbox.store(ACME.clientId).companies.values()] as unknown as Wire[]).filter((c) => c.status !== 'Deleted').sort((a, b) => a.name.localeCompare(b.name));
    // Two clients with one company's exact name: auto-map must leave that company and say why.
    const data = e2e.store.data('acme');
    const twin = companies[companies.length - 1];
    data.clients.push({ id: 'acme-twin-1', name: twin.name, accountNumber: null, website: null }, { id: 'acme-twin-2', name: twin.name.toUpperCase(), accountNumber: null, website: null });
    data.clients.push({ id: 'acme-zed', name: 'Zed Consulting', accountNumber: null, website: null });
    data.invoices.push({ id: 'inv-zed', clientId: 'acme-zed', name: 'Zed Consulting: Monthly services', currencyCode: 'USD', active: true });
    page = await openDemo(browser, base, { persona: 'acme|Owner' });
    await page.exposeFunction('recordPax8Event', (name: string) => events.push(name));
    await page.evaluate(() => {
      for (const name of ['pax8-connected', 'pax8-sync-finished', 'pax8-company-mapped', 'pax8-company-unlinked', 'pax8-auto-mapped', 'pax8-billing-saved', 'pax8-pricing-rules-changed', 'pax8-disconnected'])
        document.addEventListener(name, () => (window as unknown as { recordPax8Event: (n: string) => void }).recordPax8Event(name));
    });
  });
  afterAll(async () => {
    await browser?.close();
    await e2e?.close();
  });

  const card = () => page.locator('pax8-connection-card');
  const table = () => page.locator('pax8-companies-table');
  const row = (id: string) => table().locator(`tr[data-company="${id}"]`);

  it('refuses a wrong secret in the error colour, then connects with the right one', async () => {
    await expectText(card().locator('[data-testid=state]'), 'Not Connected');
    await expectText(table().locator('[data-testid=empty]'), /Connect Pax8 first/);
    expect(await table().locator('[data-testid=sync]').isDisabled()).toBe(true);

    await card().locator('#cid').fill(ACME.clientId);
    await card().locator('#secret').fill('not-the-secret');
    await card().getByRole('button', { name: 'Test credentials' }).click();
    const refused = card().locator('[data-testid=message]');
    await expectText(refused, /did not accept/);
    expect(await refused.getAttribute('class')).toContain('error');
    expect(await refused.getAttribute('role')).toBe('alert');
    expect(await card().locator('#secret').getAttribute('aria-invalid')).toBe('true');
    await card().getByRole('button', { name: 'Connect Pax8' }).click();
    await expectText(card().locator('[data-testid=message]'), /did not accept/);
    await expectText(card().locator('[data-testid=state]'), 'Not Connected');

    await card().locator('#secret').fill(ACME.clientSecret);
    await eventually(async () => (await card().locator('#secret').getAttribute('aria-invalid')) === 'false', 'the edited secret no longer marked invalid');
    await card().getByRole('button', { name: 'Test credentials' }).click();
    await expectText(card().locator('[data-testid=message]'), 'Pax8 accepted these credentials.');
    expect(await card().locator('[data-testid=message]').getAttribute('class')).toContain('ok');
    await card().getByRole('button', { name: 'Connect Pax8' }).click();
    await expectText(card().locator('[data-testid=state]'), 'Connected');
    expect(await card().locator('#secret').inputValue()).toBe('');
    expect(await card().locator('#secret').getAttribute('placeholder')).toBe('••••••••');
    expect(await page.content()).not.toContain(ACME.clientSecret);
    // The companies element followed: sync is now possible, without a reload.
    await eventually(async () => !(await table().locator('[data-testid=sync]').isDisabled()), 'Sync now enabled');
    expect(events).toContain('pax8-connected');
  });

  it('syncs with a progress bar, Sync now disabled meanwhile, then counts that match the rows', async () => {
    // Slow Pax8 down so the run is watched for a while.
    e2e.sandbox.setFaults({ latencyMs: 250 });
    const seen: Array<{ text: string; now: number }> = [];
    try {
      await table().locator('[data-testid=sync]').click();
      const bar = table().locator('[role=progressbar]');
      await bar.waitFor();
      expect(await table().locator('[data-testid=sync]').isDisabled()).toBe(true);
      // Sample the bar as it moves (read in the page, so a finished run cannot leave a dangling locator).
      await eventually(async () => {
        const sample = await table().evaluate((el) => {
          const b = el.shadowRoot!.querySelector('[role=progressbar]');
          return b ? { text: b.getAttribute('aria-valuetext')!, now: Number(b.getAttribute('aria-valuenow')) } : null;
        });
        if (sample) seen.push(sample);
        return !sample || sample.now > 0;
      }, 'progress above 0 %', 45_000);
    } finally {
      e2e.sandbox.setFaults(undefined);
    }
    expect(seen.some((s) => s.now > 0)).toBe(true);
    expect(seen[0].text).toMatch(/^(Starting sync|Fetching companies|Fetching subscriptions)/);
    expect(seen.map((s) => s.text).join(' ')).not.toMatch(/\?/);
    const bar = table().locator('[role=progressbar]');
    await expectText(table().locator('[data-testid=message]'), /^Sync finished\. Companies: \d+ new/, 30_000);
    expect(await bar.count()).toBe(0);
    await expectText(table().locator('[data-testid=summary]'), new RegExp(`^${companies.length} companies · 0 mapped · ${companies.length} to map`));
    // The connection card shows the last sync time and its counts, from the shared state.
    await expectText(card().locator('[data-testid=last-sync]'), /succeeded.*\d+ companies and \d+ subscriptions/);
    expect(events).toContain('pax8-sync-finished');
  });

  it('searches, pages and sorts on the server', async () => {
    await expectText(table().locator('[data-testid=range]'), `1–25 of ${companies.length}`);
    await table().getByRole('button', { name: 'Next page' }).click();
    await expectText(table().locator('[data-testid=range]'), `26–${companies.length} of ${companies.length}`);
    const target = companies[0];
    await table().locator('#search').fill(target.name.slice(0, 8));
    await expectText(table().locator('[data-testid=range]'), /^1–\d+ of \d+$/);
    // The unfiltered first page also holds the target: wait for the rows to be the search's, not for the target alone.
    const term = target.name.slice(0, 8).toLowerCase();
    const onlyMatches = async () => {
      const names = await table().locator('tbody tr[data-company] .name').allTextContents();
      return names.length > 0 && names.every((n) => n.toLowerCase().includes(term));
    };
    await eventually(async () => (await row(target.id).count()) === 1 && (await onlyMatches()), 'only the searched companies');
    await table().locator('#search').fill('');
    await table().locator('#sort').selectOption('-name');
    await eventually(async () => (await table().locator('tbody tr[data-company] .name').first().textContent()) === companies[companies.length - 1].name, 'Z–A order');
    await table().locator('#sort').selectOption('name');
    await eventually(async () => (await table().locator('tbody tr[data-company] .name').first().textContent()) === companies[0].name, 'A–Z order');
  });

  it('maps through the combobox only on an explicit choice, by keyboard', async () => {
    const target = companies[0];
    const input = row(target.id).locator('pax8-client-picker input');
    await input.focus();
    await input.pressSequentially('Zed');
    await row(target.id).locator('[role=option][data-client="acme-zed"]').waitFor();
    expect(await input.getAttribute('aria-expanded')).toBe('true');
    expect(await mappingOf(target.id)).toBeNull(); // typing commits nothing
    await page.keyboard.press('ArrowDown');
    const active = await input.getAttribute('aria-activedescendant');
    expect(await row(target.id).locator(`#${active}`).getAttribute('data-client')).toBe('acme-zed');
    expect(await mappingOf(target.id)).toBeNull(); // moving commits nothing
    await page.keyboard.press('Enter');
    await expectText(table().locator('[data-testid=message]'), `Mapped ${target.name} to Zed Consulting.`);
    await expectText(row(target.id).locator('[data-testid=mapped-client]'), 'Zed Consulting');
    expect(await mappingOf(target.id)).toMatchObject({ clientId: 'acme-zed', source: 'manual' });
    // Focus stays in the row (on its unlink button), not dropped to the page.
    expect(await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.className ?? '')).toContain('unlink');
    await expectText(table().locator('[data-testid=summary]'), new RegExp(`· 1 mapped ·`));
    expect(events).toContain('pax8-company-mapped');
  });

  it('offers clients mapped elsewhere only as disabled, and explains a refused pick by name', async () => {
    const [, second, third] = companies;
    const input = row(second.id).locator('pax8-client-picker input');
    await input.click();
    await input.pressSequentially('Zed');
    const zed = row(second.id).locator('[role=option][data-client="acme-zed"]');
    await zed.waitFor();
    expect(await zed.getAttribute('aria-disabled')).toBe('true');
    await expectText(zed, /already mapped to another company/);
    await page.keyboard.press('Escape');

    // A pick the list still showed as free, taken meanwhile in another tab: 409, named, and the row stays true.
    const walkin = 'acme-client-walkin';
    const input3 = row(third.id).locator('pax8-client-picker input');
    await input3.click();
    await input3.pressSequentially('Walk');
    await row(third.id).locator(`[role=option][data-client="${walkin}"]`).waitFor();
    await e2e.http.put(`/pax8/companies/${second.id}/mapping`).set(e2e.as('acme')).send({ clientId: walkin }).expect(200);
    await row(third.id).locator(`[role=option][data-client="${walkin}"]`).click();
    const why = await expectText(table().locator('[data-testid=message]'), /already mapped to/);
    expect(why).toBe(`Walk-in Customer is already mapped to ${second.name}. Unlink it there first.`);
    expect(await table().locator('[data-testid=message]').getAttribute('class')).toContain('error');
    expect(await row(third.id).locator('pax8-client-picker').count()).toBe(1);
    expect(await mappingOf(third.id)).toBeNull();
    // The reload after the refusal shows the other tab's mapping too.
    await expectText(row(second.id).locator('[data-testid=mapped-client]'), 'Walk-in Customer');
  });

  it('unlinks and puts the picker back', async () => {
    const second = companies[1];
    await row(second.id).getByRole('button', { name: `Unlink ${second.name} from Walk-in Customer` }).click();
    await expectText(table().locator('[data-testid=message]'), new RegExp(`^Unlinked ${escape(second.name)}\\. Billing settings were kept`));
    await row(second.id).locator('pax8-client-picker').waitFor();
    expect(await mappingOf(second.id)).toBeNull();
    expect(events).toContain('pax8-company-unlinked');
  });

  it('auto-maps and marks the rows it left, with why', async () => {
    const twin = companies[companies.length - 1];
    await table().getByRole('button', { name: 'Auto-map' }).click();
    await expectText(table().locator('[data-testid=message]'), /^Auto-map linked \d+ compan(y|ies)\. \d+ left ambiguous/);
    await table().locator('#sort').selectOption('-name');
    await expectText(row(twin.id).locator('[data-testid=ambiguous]'), /Auto-map skipped: \d+ clients match by name\./);
    expect(events).toContain('pax8-auto-mapped');
    await table().locator('#sort').selectOption('name');
  });

  it('expands a company: its subscriptions, Active by default, every status on demand', async () => {
    const subs = [...e2e.sandbox.store(ACME.clientId).subscriptions.values()] as unknown as WireSub[];
    const byCompany = new Map<string, WireSub[]>();
    for (const s of subs) byCompany.set(s.companyId, [...(byCompany.get(s.companyId) ?? []), s]);
    // The previous step changed the sort: read the rows once the reload is over (not busy, same rows twice
    // 200 ms apart), or the chosen row can be replaced under the click.
    let seen = '';
    let ids: string[] = [];
    await eventually(async () => {
      const busy = await table().locator('section[aria-busy]').getAttribute('aria-busy');
      ids = (await table().locator('tbody tr[data-company]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-company')))) as string[];
      const settled = busy === 'false' && ids.length > 0 && ids.join() === seen;
      seen = ids.join();
      if (!settled) await new Promise((r) => setTimeout(r, 200));
      return settled;
    }, 'the list to settle');
    const first25 = new Set(ids);
    const company = companies.find((c) => first25.has(c.id) && (byCompany.get(c.id) ?? []).some((s) => s.status !== 'Active') && (byCompany.get(c.id) ?? []).some((s) => s.status === 'Active'))!;
    const own = byCompany.get(company.id)!;
    const expander = row(company.id).locator('[data-testid=expand]');
    await expander.click();
    // Lit renders after the click's microtask: wait for the attribute rather than read it at once.
    await eventually(async () => (await expander.getAttribute('aria-expanded')) === 'true', 'the row expanded');
    const panel = table().locator(`#subs-${company.id}`);
    await panel.locator('[data-testid=subscriptions]').waitFor();
    expect(await panel.locator('[data-testid=status-filter]').inputValue()).toBe('Active');
    expect(await panel.locator('tbody tr').count()).toBe(own.filter((s) => s.status === 'Active').length);
    await panel.locator('[data-testid=status-filter]').selectOption('all');
    await eventually(async () => (await panel.locator('tbody tr').count()) === own.length, 'every subscription');
    const other = own.find((s) => s.status !== 'Active')!.status;
    await panel.locator('[data-testid=status-filter]').selectOption(other);
    await eventually(async () => (await panel.locator('tbody tr').count()) === own.filter((s) => s.status === other).length, `${other} only`);
    // Billing waits for a mapping, and says so.
    if (!(await mappingOf(company.id))) await expectText(panel, /Map this company to a client to set billing\./);
    else expect(await panel.textContent()).not.toContain('Map this company to a client');
    await expander.click();
    await eventually(async () => (await table().locator(`#subs-${company.id}`).count()) === 0, 'the panel closed');
  });

  it('sets billing in the dialog: live preview from the shared pricing module, field errors, save, and the row follows', async () => {
    const company = companies[0]; // mapped to Zed Consulting above
    await table().locator('#search').fill('');
    const expander = row(company.id).locator('[data-testid=expand]');
    if ((await expander.getAttribute('aria-expanded')) !== 'true') await expander.click();
    const panel = table().locator(`#subs-${company.id}`);
    await panel.locator('[data-testid=status-filter]').selectOption('all');
    const priced = (await e2e.http.get(`/pax8/companies/${company.id}/subscriptions`).query({ status: 'all' }).set(e2e.as('acme'))).body.items as Array<{ id: string; cost: string | null; quantity: number; billingTerm: string; currencyCode: string }>;
    const sub = priced.find((s) => s.cost !== null && s.quantity > 0)!;
    const subRow = panel.locator(`tr[data-subscription="${sub.id}"]`);
    const opener = subRow.locator('[data-testid=billing]');
    await opener.click();
    const dialog = table().locator('pax8-billing-dialog dialog');
    await dialog.locator('#mode').waitFor();
    await eventually(async () => (await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.shadowRoot?.activeElement?.id)) === 'mode', 'focus on Markup type');
    const fmt = (v: string) => page.evaluate(([amount, currency]) => new Intl.NumberFormat(undefined, { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 4 }).format(amount as unknown as number), [v, sub.currencyCode]);

    await dialog.locator('#mode').selectOption('percent');
    await dialog.locator('#value').fill('12.5');
    const expected = priceSubscription({ cost: sub.cost!, quantity: sub.quantity, billingTerm: sub.billingTerm, markup: { type: 'percent', value: '12.5' }, overridePrice: null });
    await expectText(dialog.locator('[data-testid=unit-price]'), await fmt(expected.unitPrice));
    await expectText(dialog.locator('[data-testid=source]'), 'This subscription’s markup');
    await dialog.locator('#override').fill('99.5');
    await expectText(dialog.locator('[data-testid=unit-price]'), await fmt('99.5000'));
    await expectText(dialog.locator('[data-testid=source]'), 'Override price');
    await dialog.locator('#override').fill('1.23456');
    await expectText(dialog.locator('.field-error'), /at most 4 places/);
    expect(await dialog.locator('#override').getAttribute('aria-invalid')).toBe('true');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expectText(dialog.locator('[data-testid=message]'), 'Check the highlighted fields.');
    await dialog.locator('#override').fill('');
    await dialog.locator('#invoice').selectOption('inv-zed');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await eventually(async () => (await dialog.getAttribute('open')) === null, 'dialog closed');
    expect(await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.getAttribute('data-testid'))).toBe('billing');
    await expectText(subRow.locator('[data-testid=bill-price]'), await fmt(expected.unitPrice));
    await expectText(subRow.locator('[data-testid=markup]'), /^12\.5%/);
    await expectText(subRow.locator('[data-testid=invoice]'), /Linked.*Zed Consulting: Monthly services/);
    const stored = (await e2e.http.get(`/pax8/subscriptions/${sub.id}/billing`).set(e2e.as('acme'))).body;
    expect(stored.settings.markup).toEqual({ type: 'percent', value: '12.5000' });
    expect(stored.subscription.invoiceLink.recurringInvoiceId).toBe('inv-zed');
    expect(events).toContain('pax8-billing-saved');
  });

  it('adds a pricing rule and the prices of the subscriptions it covers follow', async () => {
    const rules = page.locator('pax8-pricing-rules');
    await expectText(rules.locator('[data-testid=no-rules]'), /No rules yet/);
    await rules.locator('#scope').selectOption('default');
    await rules.locator('#value').fill('20');
    await rules.getByRole('button', { name: 'Add rule' }).click();
    const count = await expectText(rules.locator('[data-testid=message]'), /^Rule added: Every other subscription, pricing \d+ subscriptions?\.$/);
    const n = Number(/pricing (\d+)/.exec(count)![1]);
    expect(n).toBeGreaterThan(0);
    await expectText(rules.locator('[data-rule] [data-testid=count]'), `${n} subscription${n === 1 ? '' : 's'}`);
    // An expanded row without its own markup now shows the default rule and its price.
    const company = companies[0];
    const priced = (await e2e.http.get(`/pax8/companies/${company.id}/subscriptions`).query({ status: 'all' }).set(e2e.as('acme'))).body.items as Array<{ id: string; priceSource: string; billPrice: { unitPrice: string } | null; currencyCode: string }>;
    const follower = priced.find((s) => s.priceSource === 'default' && s.billPrice);
    if (follower) {
      const cell = table().locator(`#subs-${company.id} tr[data-subscription="${follower.id}"]`);
      await expectText(cell.locator('[data-testid=markup]'), /^20%/);
      const shown = await page.evaluate(([amount, currency]) => new Intl.NumberFormat(undefined, { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 4 }).format(amount as unknown as number), [follower.billPrice!.unitPrice, follower.currencyCode]);
      await expectText(cell.locator('[data-testid=bill-price]'), shown);
    }
    expect(events).toContain('pax8-pricing-rules-changed');
  });

  it('reads the reconciliation: imports Pax8 invoices, totals, findings by class, filter and CSV', async () => {
    const recon = page.locator('pax8-reconciliation');
    await recon.locator('[data-testid=totals]').waitFor();
    await recon.locator('[data-testid=import]').click();
    await expectText(recon.locator('[data-testid=message]'), 'Pax8 invoices imported; the report is up to date.', 30_000);
    const period = await recon.locator('#period').inputValue();
    const report = (await e2e.http.get('/pax8/reconciliation').query({ period }).set(e2e.as('acme')).expect(200)).body as { rows: Array<{ class: string }>; totals: { byClass: Record<string, { rows: number }> } };
    const classes = Object.entries(report.totals.byClass).filter(([, v]) => v.rows > 0);
    expect(classes.length).toBeGreaterThan(0);
    expect(await recon.locator('.chips button').count()).toBe(classes.length);
    const [klass, { rows }] = classes.find(([k]) => k !== 'ok') ?? classes[0];
    await recon.locator('[data-testid=class-filter]').selectOption(klass);
    await eventually(async () => (await recon.locator('[data-testid=recon-rows] tbody tr').count()) === Math.min(rows, 50), `${klass} rows`);
    expect(new Set(await recon.locator('[data-testid=recon-rows] tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-class'))))).toEqual(new Set([klass]));
    const href = (await recon.locator('[data-testid=csv]').getAttribute('href'))!;
    expect(href).toBe(`/pax8/reconciliation/export?period=${period}&class=${klass}`);
    const csv = await page.evaluate(async (url) => {
      const res = await fetch(url);
      return { status: res.status, type: res.headers.get('content-type'), lines: (await res.text()).trim().split('\n').length };
    }, href);
    expect(csv).toMatchObject({ status: 200, type: expect.stringContaining('text/csv') });
    expect(csv.lines).toBe(rows + 1);
  });

  it('shows revoked credentials in the connection card as soon as a sync fails on them', async () => {
    e2e.sandbox.setFaults({ revokeAfterRequests: { clientId: ACME.clientId, requests: 1 } });
    await table().locator('[data-testid=sync]').click();
    await expectText(table().locator('[data-testid=message]'), /credentials/i, 30_000);
    await expectText(card().locator('[data-testid=state]'), 'Re-enter credentials');
    e2e.sandbox.setFaults(undefined);
  });

  it('disconnects through an accessible confirmation, and the table empties at once', async () => {
    await card().getByRole('button', { name: 'Disconnect…' }).click();
    const dialog = card().locator('dialog');
    await eventually(async () => (await dialog.getAttribute('open')) !== null, 'dialog open');
    const confirm = dialog.getByRole('button', { name: 'Disconnect and delete data' });
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.locator('#confirm').fill('DISCONNECT');
    await confirm.click();
    await expectText(card().locator('[data-testid=state]'), 'Not Connected');
    await expectText(card().locator('[data-testid=message]'), /^Disconnected\./);
    await expectText(table().locator('[data-testid=empty]'), /Connect Pax8 first/);
    expect(await table().locator('tr[data-company]').count()).toBe(0);
    expect(events).toContain('pax8-disconnected');
    expect(pageErrors(page)).toEqual([]);
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
