import type { Browser, Page } from 'playwright-core';
import { serveDemoPage } from '../../server/demo/demo-static';
import { launchChromium } from '../helpers/browser';
import { testDatabases } from '../helpers/databases';
import { expectText, openDemo, pageErrors } from '../helpers/demo-browser';
import { ACME, E2eApp, startE2eApp } from '../helpers/e2e-app';

type Row = Record<string, any>;

/** <pax8-tool-policies> and <pax8-approvals> on the demo page, in real Chromium. */
describe('agent tool elements in Chromium', () => {
  let e2e: E2eApp;
  let browser: Browser;
  let base: string;
  let company: Row;
  let line: Row;

  const invoke = async (tool: string, input: Row) => (await e2e.http.post(`/pax8/agent-tools/${tool}/invoke`).set(e2e.as('acme')).send({ input }).expect(200)).body;
  const open = (persona: string): Promise<Page> => openDemo(browser, base, { persona });
  beforeAll(async () => {
    e2e = await startE2eApp({ db: testDatabases()[0], configure: serveDemoPage, pax8: { agentTools: { schedulerEnabled: false } }, sandbox: { provisioningDelayMs: 0 } });
    await e2e.app.listen(0, '127.0.0.1');
    base = await e2e.app.getUrl();
    browser = await launchChromium();
    await e2e.http.put('/pax8/connection').set(e2e.as('acme')).send(ACME).expect(200);
    const store = e2e.sandbox.store(ACME.clientId);
    company = ([...store.companies.values()] as Row[]).find((c) => c.status === 'Active')!;
    const product = ([...store.products.values()] as Row[]).find((p) => p.name === 'Microsoft 365 Business Premium [New Commerce Experience]')!;
    const deps = await invoke('pax8-get-product-dependencies', { productId: product.id });
    line = { productId: product.id, quantity: 2, billingTerm: 'Monthly', commitmentTermId: deps.commitments.find((c: Row) => c.term === 'Monthly').commitmentTermId, provisioningDetails: [{ key: 'msDomain', values: ['acmeui'] }] };
  });
  afterAll(async () => {
    await browser?.close();
    await e2e?.close();
  });

  it('shows a pending order with its dry run and cost, and approves it once', async () => {
    const pending = await invoke('pax8-create-order', { company: company.id, lineItems: [line] });
    const orders = e2e.sandbox.store(ACME.clientId).orders.size;
    const page = await open('acme|Owner');
    const el = page.locator('pax8-approvals');
    const item = el.locator(`li[data-id="${pending.requestId}"]`);
    await expectText(item.locator('[data-testid=summary]'), /2 × Microsoft 365 Business Premium/);
    await expectText(item.locator('[data-testid=dry-run]'), 'accepted by Pax8');
    await expectText(item, /Pax8 cost per month: \+\d+\.\d{2}/);
    await item.getByRole('button', { name: 'Approve' }).dblclick();
    await expectText(el.locator('[data-testid=message]'), /^Done/);
    await expectText(item.locator('[data-testid=ledger]'), /^placed \(order /);
    expect(e2e.sandbox.store(ACME.clientId).orders.size).toBe(orders + 1);
    await page.context().close();
  });

  it('rejects with a reason, and tells a user without the permission that an approver will decide', async () => {
    const pending = await invoke('pax8-create-order', { company: company.id, lineItems: [line] });
    const tech = await open('acme|Technician');
    const techItem = tech.locator('pax8-approvals').locator(`li[data-id="${pending.requestId}"]`);
    await expectText(techItem, /an approver will decide/);
    expect(await techItem.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    await tech.context().close();

    const page = await open('acme|Owner');
    const el = page.locator('pax8-approvals');
    const item = el.locator(`li[data-id="${pending.requestId}"]`);
    await item.getByRole('button', { name: 'Reject' }).click();
    await item.getByLabel('Reason for rejecting').fill('wrong customer');
    await item.getByRole('button', { name: 'Confirm reject' }).click();
    await expectText(el.locator('[data-testid=message]'), 'Rejected: wrong customer');
    const stored = await e2e.http.get(`/pax8/agent-tools/approvals/${pending.requestId}`).set(e2e.as('acme')).expect(200);
    expect(stored.body.status).toBe('rejected');
    // The filter shows decided requests too.
    await el.getByLabel('Which requests to show').selectOption('rejected');
    await expectText(el.locator(`li[data-id="${pending.requestId}"] [data-testid=status]`), 'Rejected');
    await page.context().close();
  });

  it('lists and cancels a scheduled NCE change', async () => {
    const sub = ([...e2e.sandbox.store(ACME.clientId).subscriptions.values()] as Row[]).find((s) => s.status === 'Active' && s.commitment?.term === '1-Year' && Date.parse(s.commitment.endDate) > Date.now() + 86_400_000 && s.quantity > 2)!;
    const scheduled = await invoke('pax8-update-subscription', { subscriptionId: sub.id, quantity: sub.quantity - 1, scheduleAtCommitmentEnd: true });
    expect(scheduled.status).toBe('scheduled');
    const page = await open('acme|Owner');
    const row = page.locator('pax8-approvals').locator(`tr[data-id="${scheduled.scheduledChangeId}"]`);
    await expectText(row, new RegExp(`quantity ${sub.quantity - 1}`));
    await row.getByRole('button', { name: /Cancel the change/ }).click();
    await expectText(page.locator('pax8-approvals').locator('[data-testid=message]'), 'Scheduled change cancelled.');
    const list = await e2e.http.get('/pax8/agent-tools/scheduled-changes?status=cancelled').set(e2e.as('acme')).expect(200);
    expect(list.body.items.map((c: Row) => c.id)).toContain(scheduled.scheduledChangeId);
    await page.context().close();
  });

  it('changes a tool policy and its thresholds; a view-only user reads them with no controls', async () => {
    const page = await open('acme|Owner');
    const el = page.locator('pax8-tool-policies');
    await el.getByLabel('Policy for pax8-search-products', { exact: true }).selectOption('off');
    await el.getByRole('button', { name: 'Save policy for pax8-search-products' }).click();
    await expectText(el.locator('[data-testid=message]'), 'pax8-search-products: Off.');
    await el.getByLabel('Auto-approve seats for pax8-update-subscription', { exact: true }).fill('3');
    await el.getByRole('button', { name: 'Save policy for pax8-update-subscription' }).click();
    await expectText(el.locator('[data-testid=message]'), 'pax8-update-subscription: Approval needed.');
    const policies = (await e2e.http.get('/pax8/agent-tools/policies').set(e2e.as('acme')).expect(200)).body.items as Row[];
    expect(policies.find((p) => p.tool === 'pax8-search-products')!.mode).toBe('off');
    expect(policies.find((p) => p.tool === 'pax8-update-subscription')!.autoApproveMaxSeats).toBe(3);
    await page.context().close();

    // A view-only user reads the policies, with no control to change them.
    const tech = await open('acme|Technician');
    const techEl = tech.locator('pax8-tool-policies');
    await expectText(techEl.locator('[data-testid=read-only]'), /View only/);
    await expectText(techEl.locator('tr[data-tool="pax8-search-products"] [data-testid=mode]'), 'Off');
    expect(await techEl.locator('select, input, button').count()).toBe(0);
    await tech.context().close();
  });

  it('shows a view-only user the approvals and scheduled changes without the controls they may not use', async () => {
    const pending = await invoke('pax8-create-order', { company: company.id, lineItems: [line] });
    const sub = ([...e2e.sandbox.store(ACME.clientId).subscriptions.values()] as Row[]).find((s) => s.status === 'Active' && s.commitment?.term === '1-Year' && Date.parse(s.commitment.endDate) > Date.now() + 86_400_000 && s.quantity > 3)!;
    const scheduled = await invoke('pax8-update-subscription', { subscriptionId: sub.id, quantity: sub.quantity - 2, scheduleAtCommitmentEnd: true });
    const page = await open('acme|Technician');
    const el = page.locator('pax8-approvals');
    await expectText(el.locator(`li[data-id="${pending.requestId}"]`), /an approver will decide/);
    await expectText(el.locator('[data-testid=read-only]'), /View only/);
    await expectText(el.locator(`tr[data-id="${scheduled.scheduledChangeId}"]`), new RegExp(`quantity ${sub.quantity - 2}`));
    expect(await el.locator('li button, tr button').count()).toBe(0);
    // Reading is still theirs: the filter and Refresh work.
    await el.getByLabel('Which requests to show').selectOption('all');
    await expectText(el.locator(`li[data-id="${pending.requestId}"] [data-testid=status]`), 'Waiting for approval');
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  it('shows an unlicensed tenant one "not in your plan" state, and a signed-out visitor a sign-in note', async () => {
    for (const [persona, testid, text] of [
      ['initech|Owner', 'unlicensed', /Pax8 is not included in your plan/],
      ['nobody|Nobody', 'gate', /Sign in/],
    ] as const) {
      const page = await open(persona);
      for (const tag of ['pax8-tool-policies', 'pax8-approvals']) {
        await expectText(page.locator(`${tag} [data-testid=${testid}]`), text);
        expect(await page.locator(`${tag} input, ${tag} select, ${tag} button`).count()).toBe(0);
        expect(await page.locator(`${tag} [role=alert]`).count()).toBe(0);
      }
      await page.context().close();
    }
  });
});
