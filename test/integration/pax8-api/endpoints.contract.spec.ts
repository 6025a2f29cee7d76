/** Contract: every endpoint and every error shape of the client against the Pax8 sandbox. */
import {
  Pax8ApiError,
  Pax8Client,
  Pax8NotFoundError,
  Pax8ValidationError,
  Subscription,
} from '../../../server/pax8-api';
import { SandboxHandle, startSandbox } from '../../../server/sandbox';
import { collect, factoryFor, rejection, tokenRequests } from './helpers';

const CREDS = { clientId: 'contract-client', clientSecret: 'contract-secret-1' };

describe('Pax8 client contract: endpoints', () => {
  let sb: SandboxHandle;
  let client: Pax8Client;
  let warnings: string[];

  beforeAll(async () => {
    sb = await startSandbox({ partners: [{ ...CREDS, size: 'small', seed: 7 }], provisioningDelayMs: 50 });
    const f = factoryFor(sb);
    warnings = f.warnings;
    client = f.factory.client('tenant-1', CREDS);
  });
  afterAll(() => sb.close());

  it('lists companies across pages with totals, filters, gets one and its contacts', async () => {
    const pages = await collect(client.companies.pages({ size: 15 }));
    expect(pages.map((p) => p.page.number)).toEqual([0, 1, 2, 3]);
    const all = pages.flatMap((p) => p.items);
    expect(all).toHaveLength(pages[0].page.totalElements);
    expect(new Set(all.map((c) => c.id)).size).toBe(all.length);
    expect(pages.every((p) => p.page.totalPages === 4 && p.page.size === 15)).toBe(true);

    const active = await collect(client.companies.all({ status: 'Active' }));
    expect(active.length).toBeGreaterThan(0);
    expect(active.every((c) => c.status === 'Active')).toBe(true);

    const one = await client.companies.get(all[0].id);
    expect(one.id).toBe(all[0].id);
    expect(one.name).toBe(all[0].name);
    const contacts = await collect(client.companies.contacts(one.id).all());
    expect(contacts.length).toBeGreaterThan(0);
    expect(contacts[0].types).toBeDefined();
  });

  it('maps 404 to Pax8NotFoundError with the Pax8 type, path and an actionable message', async () => {
    const err = await rejection(client.companies.get('00000000-0000-4000-8000-000000000000'));
    expect(err).toBeInstanceOf(Pax8NotFoundError);
    expect(err).toMatchObject({ status: 404, method: 'GET', path: '/companies/00000000-0000-4000-8000-000000000000', pax8Type: 'NOT_FOUND', attempts: 1 });
    expect(err.message).toContain('GET /companies/');
  });

  it('reads products, pricing (also per company), dependencies and provisioning details', async () => {
    const products = await collect(client.products.all());
    expect(products.length).toBeGreaterThan(10);
    const ms = await collect(client.products.all({ vendorName: 'Microsoft' }));
    expect(ms.length).toBeGreaterThan(0);
    expect(ms.every((p) => p.vendorName === 'Microsoft')).toBe(true);
    const nce = ms.find((p) => p.name?.includes('[New Commerce Experience]'))!;
    const found = await collect(client.products.all({ search: nce.name!.slice(0, 20) }));
    expect(found.some((p) => p.id === nce.id)).toBe(true);
    expect(products.some((p) => p.vendorSku?.format === 'json')).toBe(true);
    expect(products.some((p) => p.vendorSku?.format === 'pair')).toBe(true);

    const detail = await client.products.get(nce.id);
    expect(detail.id).toBe(nce.id);
    const pricing = await client.products.pricing(nce.id);
    expect(pricing.length).toBeGreaterThan(0);
    for (const entry of pricing) {
      for (const r of entry.rates) {
        expect(typeof r.startQuantityRange).toBe('number');
        if (r.partnerBuyRate !== undefined) expect(r.partnerBuyRate).toMatch(/^-?\d+(\.\d+)?$/);
      }
    }
    const company = (await client.companies.page({}, 0)).items[0];
    expect((await client.products.pricing(nce.id, { companyId: company.id })).length).toBeGreaterThan(0);
    const deps = await client.products.dependencies(nce.id);
    expect(deps.commitmentDependencies.length).toBeGreaterThan(0);
    const prov = await client.products.provisionDetails(nce.id);
    expect(prov.some((d) => d.key === 'msDomain')).toBe(true);
  });

  it('lists all subscriptions in 200-item pages, filters them, and fetches single pages', async () => {
    sb.resetStats();
    const pages = await collect(client.subscriptions.pages());
    expect(pages.map((p) => p.page.size)).toEqual([200, 200, 200]);
    const all = pages.flatMap((p) => p.items);
    expect(all).toHaveLength(pages[0].page.totalElements);
    expect(sb.stats().byRoute['GET /v1/subscriptions']).toBe(3);
    // Live (§13) and sandbox default: no productName on subscriptions.
    expect(all.every((s) => s.productName === undefined)).toBe(true);
    expect(all.some((s) => s.commitment?.id)).toBe(true);
    expect(all.every((s) => s.price === undefined || /^\d+(\.\d+)?$/.test(s.price))).toBe(true);

    const second = await client.subscriptions.page({}, 1);
    expect(second.items.map((s) => s.id)).toEqual(pages[1].items.map((s) => s.id));

    const companyId = all[0].companyId!;
    const ofCompany = await collect(client.subscriptions.all({ companyId }));
    expect(ofCompany.length).toBe(all.filter((s) => s.companyId === companyId).length);
    const active = await collect(client.subscriptions.all({ status: 'Active', billingTerm: 'Monthly', sort: 'quantity,desc' }));
    expect(active.every((s) => s.status === 'Active' && s.billingTerm === 'Monthly')).toBe(true);
    for (let i = 1; i < active.length; i++) expect(active[i - 1].quantity!).toBeGreaterThanOrEqual(active[i].quantity!);
    const byProduct = await collect(client.subscriptions.all({ productId: all[0].productId }));
    expect(byProduct.every((s) => s.productId === all[0].productId)).toBe(true);

    const one = await client.subscriptions.get(all[0].id);
    expect(one.id).toBe(all[0].id);
    const history = await client.subscriptions.history(all[0].id);
    expect(history.length).toBeGreaterThan(0);
  });

  it('maps 403 on a foreign companyId to Pax8ApiError', async () => {
    const err = await rejection(client.subscriptions.page({ companyId: '11111111-1111-4111-8111-111111111111' }, 0));
    expect(err).toBeInstanceOf(Pax8ApiError);
    expect((err as Pax8ApiError).status).toBe(403);
  });

  async function activeMonthly(): Promise<Subscription> {
    const subs = await collect(client.subscriptions.all({ status: 'Active' }));
    return subs.find((s) => !s.commitment || s.commitment.term === 'Monthly')!;
  }

  it('updates only the quantity and reports 422 details as Pax8ValidationError', async () => {
    const sub = await activeMonthly();
    const before = sb.store(CREDS.clientId).subscriptions.get(sub.id)!;
    const updated = await client.subscriptions.updateQuantity(sub.id, (sub.quantity ?? 1) + 3);
    expect(updated.quantity).toBe((sub.quantity ?? 1) + 3);
    const after = sb.store(CREDS.clientId).subscriptions.get(sub.id)!;
    expect(after.price).toEqual(before.price);

    const cancelled = (await collect(client.subscriptions.all({ status: 'Cancelled' })))[0];
    const err = await rejection(client.subscriptions.updateQuantity(cancelled.id, 5));
    expect(err).toBeInstanceOf(Pax8ValidationError);
    expect((err as Pax8ValidationError).status).toBe(422);
    expect((err as Pax8ValidationError).details.length).toBeGreaterThan(0);
    expect(() => client.subscriptions.updateQuantity(sub.id, 0)).toThrow(RangeError);
  });

  it('surfaces a {"errors":[string]} rejection of a subscription update as Pax8ValidationError with Pax8\'s messages', async () => {
    const store = sb.store(CREDS.clientId);
    const running = [...store.subscriptions.values()].find(
      (s) => s.status === 'Active' && (s.commitment as { term?: string } | undefined)?.term === '1-Year' && (s.quantity as number) > 1,
    )!;
    const endDate = String((running.commitment as { endDate: string }).endDate);
    const down = await rejection(client.subscriptions.updateQuantity(running.id as string, (running.quantity as number) - 1));
    expect(down).toBeInstanceOf(Pax8ValidationError);
    expect(down).toMatchObject({ status: 422, method: 'PUT', path: `/subscriptions/${running.id}`, attempts: 1 });
    expect((down as Pax8ValidationError).details).toEqual([{ message: `Quantity cannot be decreased during a 1-Year commitment (until ${endDate})` }]);
    expect(down.message).toContain(`Details: Quantity cannot be decreased during a 1-Year commitment (until ${endDate})`);
    const term = await rejection(client.subscriptions.updateBillingTerm(running.id as string, running.billingTerm === 'Monthly' ? 'Annual' : 'Monthly'));
    expect((term as Pax8ValidationError).details).toEqual([{ message: 'billingTerm cannot change during a 1-Year commitment' }]);
    // The same rejection in the §3 envelope reads the same messages (plus Pax8's type).
    sb.setQuirks({ subscriptionUpdateErrors: 'envelope' });
    try {
      const env = await rejection(client.subscriptions.updateQuantity(running.id as string, (running.quantity as number) - 1));
      expect(env).toBeInstanceOf(Pax8ValidationError);
      expect((env as Pax8ValidationError).details.map((d) => d.message)).toEqual((down as Pax8ValidationError).details.map((d) => d.message));
      expect((env as Pax8ValidationError).pax8Type).toBe('UNPROCESSABLE_ENTITY');
    } finally {
      sb.setQuirks({ subscriptionUpdateErrors: 'errors' });
    }
    expect(store.subscriptions.get(running.id as string)!.quantity).toBe(running.quantity);
  });

  it('cancels with and without a cancel date', async () => {
    const subs = (await collect(client.subscriptions.all({ status: 'Active' }))).filter((s) => !s.commitment || s.commitment.term === 'Monthly');
    const cancelDate = new Date(Date.now() + 5 * 86_400_000);
    await client.subscriptions.cancel(subs[1].id, cancelDate);
    const pending = await client.subscriptions.get(subs[1].id);
    expect(pending.status).toBe('PendingCancel');
    expect(pending.endDate).toBeDefined();
    await client.subscriptions.cancel(subs[2].id);
    expect(['PendingCancel', 'Cancelled']).toContain((await client.subscriptions.get(subs[2].id)).status);
    expect(await rejection(client.subscriptions.cancel('00000000-0000-4000-8000-000000000000'))).toBeInstanceOf(Pax8NotFoundError);
  });

  it('lists and gets orders, validates with isMock, creates one real order', async () => {
    const company = (await collect(client.companies.all({ status: 'Active' })))[0];
    const orders = await collect(client.orders.all({ companyId: company.id }));
    expect(orders.every((o) => o.companyId === company.id)).toBe(true);
    const anyOrder = (await client.orders.page({}, 0)).items[0];
    const got = await client.orders.get(anyOrder.id);
    expect(got.orderedBy).toBe('Pax8 Partner'); // 'Pax8Partner' on the wire, normalised
    expect(got.createdDate).toBeInstanceOf(Date);

    const product = (await collect(client.products.all({ vendorName: 'Microsoft' }))).find((p) => p.requiresCommitment)!;
    const deps = await client.products.dependencies(product.id);
    const monthly = deps.commitmentDependencies.find((d) => d.term === 'Monthly') ?? deps.commitmentDependencies[0];
    const body = {
      companyId: company.id,
      lineItems: [
        {
          lineItemNumber: 1,
          productId: product.id,
          quantity: 2,
          billingTerm: 'Monthly',
          commitmentTermId: monthly.id,
          provisioningDetails: [{ key: 'msDomain', values: ['contracttest'] }],
        },
      ],
    };
    const ordersBefore = sb.store(CREDS.clientId).orders.size;
    const mock = await client.orders.create(body, { isMock: true });
    expect(mock.lineItems.length).toBe(1);
    expect(sb.store(CREDS.clientId).orders.size).toBe(ordersBefore);

    const real = await client.orders.create(body);
    expect(real.id).toBeTruthy();
    expect(sb.store(CREDS.clientId).orders.size).toBe(ordersBefore + 1);
    expect(real.lineItems[0].subscriptionId).toBeTruthy();
    const sub = await client.subscriptions.get(real.lineItems[0].subscriptionId!);
    expect(['PendingAutomated', 'Active']).toContain(sub.status);

    // 422 with one detail per problem (missing commitment), and 400 for an unknown field.
    const bad = { ...body, lineItems: [{ ...body.lineItems[0], commitmentTermId: undefined }] };
    const err = await rejection(client.orders.create(bad, { isMock: true }));
    expect(err).toBeInstanceOf(Pax8ValidationError);
    expect((err as Pax8ValidationError).details.some((d) => /commitment/i.test(d.message))).toBe(true);
    const unknown = { ...body, lineItems: [{ ...body.lineItems[0], commitmentTerm: 'Monthly' }] } as never;
    const err400 = await rejection(client.orders.create(unknown, { isMock: true }));
    expect(err400).toBeInstanceOf(Pax8ValidationError);
    expect((err400 as Pax8ValidationError).status).toBe(400);
    expect(sb.store(CREDS.clientId).orders.size).toBe(ordersBefore + 1);
  });

  it('reads usage summaries per subscription, one summary, and its lines per usageDate', async () => {
    const subs = await collect(client.subscriptions.all());
    let found = false;
    for (const s of subs) {
      const summaries = await collect(client.subscriptions.usageSummaries(s.id).all());
      if (!summaries.length) continue;
      found = true;
      const summary = await client.usage.summary(summaries[0].id);
      expect(summary.subscriptionId).toBe(s.id);
      expect(summary.currentCharges).toMatch(/^\d+(\.\d+)?$/);
      const today = new Date();
      const lines = await collect(client.usage.lines(summary.id).all({ usageDate: today }));
      expect(Array.isArray(lines)).toBe(true);
      if (lines.length) expect(lines[0].usageDate?.toISOString().slice(0, 10)).toBe(today.toISOString().slice(0, 10));
      expect(() => client.usage.lines(summary.id).page({} as never)).toThrow(/usageDate/);
      break;
    }
    expect(found).toBe(true);
  });

  it('reads invoices, one invoice, its items and draft items', async () => {
    const invoices = await collect(client.invoices.all());
    expect(invoices.length).toBeGreaterThan(0);
    const inv = await client.invoices.get(invoices[0].id);
    expect(inv.total).toMatch(/^-?\d+(\.\d+)?$/);
    expect(inv.invoiceDate).toBeInstanceOf(Date);
    const itemPages = await collect(client.invoices.items(inv.id).pages());
    const items = itemPages.flatMap((p) => p.items);
    expect(items).toHaveLength(itemPages[0].page.totalElements);
    const draft = await collect(client.invoices.draftItems().all({ monthOffset: 0 }));
    expect(draft.length).toBeGreaterThan(0);
    expect(draft.every((i) => i.term !== 'Arrears')).toBe(true);
  });

  it('reads the spec-side variants too (commitmentTerm key, "Pax8 Partner", productName present)', async () => {
    sb.setQuirks({ commitmentKey: 'commitmentTerm', orderedBy: 'Pax8 Partner', omitSubscriptionProductName: false, mixedDateFormats: false });
    try {
      const subs = await collect(client.subscriptions.all());
      expect(subs.some((s) => s.commitment?.id && s.commitment.term)).toBe(true);
      expect(subs.some((s) => s.productName)).toBe(true);
      const order = (await client.orders.page({}, 0)).items[0];
      expect(order.orderedBy).toBe('Pax8 Partner');
    } finally {
      sb.setQuirks({ commitmentKey: 'commitment', orderedBy: 'Pax8Partner', omitSubscriptionProductName: true, mixedDateFormats: true });
    }
  });

  it('used one token for the whole run and reported no surprises in the data', () => {
    expect(tokenRequests(sb)).toBeLessThanOrEqual(1);
    expect(warnings.filter((w) => /unknown|unreadable/.test(w))).toEqual([]);
  });
});
