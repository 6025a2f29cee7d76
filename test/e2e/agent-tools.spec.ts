import Ajv from 'ajv';
import Decimal from 'decimal.js';
import { CompanyMapping } from '../../server/mapping/company-mapping.entity';
import { SubscriptionBilling } from '../../server/billing/subscription-billing.entity';
import addFormats from 'ajv-formats';
import { AgentToolsScheduler } from '../../server/agent-tools/agent-tools.scheduler';
import { ApprovalRequest } from '../../server/agent-tools/approval-request.entity';
import { OrderLedgerEntry } from '../../server/agent-tools/order-ledger-entry.entity';
import { TOOLS } from '../../server/agent-tools/tool-catalog';
import { testDatabases } from '../helpers/databases';
import { ACME, E2eApp, GLOBEX, startE2eApp, waitForRun } from '../helpers/e2e-app';

type Row = Record<string, any>;
const BASE = 'Microsoft 365 Business Standard [New Commerce Experience]';
const DAY = 86_400_000;

describe.each(testDatabases())('agent tools on $name', (db) => {
  let e2e: E2eApp;
  let acmeStore: ReturnType<E2eApp['sandbox']['store']>;
  let active: Row; // an Active acme company
  let committed: Row; // an Active 1-Year commitment subscription, running (the sandbox's live object)
  let seats: number; // its quantity before the tests change it
  let productId: string;
  let monthlyCommitmentId: string;
  const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
  const outputOf = new Map(TOOLS.map((t) => [t.name, ajv.compile(t.outputSchema)]));

  const invoke = (tool: string, input: Row, tenant = 'acme', role = 'Owner') =>
    e2e.http.post(`/pax8/agent-tools/${tool}/invoke`).set(e2e.as(tenant, role)).send({ input });
  /** Invokes and checks the answer against the tool's published output schema. */
  const call = async (tool: string, input: Row, status = 200, tenant = 'acme') => {
    const res = await invoke(tool, input, tenant);
    if (res.status !== status) throw new Error(`${tool}: ${res.status} ${JSON.stringify(res.body)}`);
    const validate = outputOf.get(tool as never)!;
    if (!validate(res.body)) throw new Error(`${tool} answer breaks its output schema: ${ajv.errorsText(validate.errors)}`);
    return res.body as Row;
  };
  const orderLine = (quantity: number) => ({ productId, quantity, billingTerm: 'Monthly', commitmentTermId: monthlyCommitmentId, provisioningDetails: [{ key: 'msDomain', values: ['acmetest'] }] });
  const approve = (id: string, tenant = 'acme', role = 'Owner') => e2e.http.post(`/pax8/agent-tools/approvals/${id}/approve`).set(e2e.as(tenant, role));
  const tick = (at: Date) => e2e.app.get(AgentToolsScheduler).tick(at);

  beforeAll(async () => {
    e2e = await startE2eApp({ db, pax8: { agentTools: { schedulerEnabled: false } }, sandbox: { provisioningDelayMs: 0 } });
    acmeStore = e2e.sandbox.store(ACME.clientId);
    const companies = [...acmeStore.companies.values()] as Row[];
    const actives = companies.filter((c) => c.status === 'Active');
    active = actives[0];
    // Two companies whose names share a word, for the ambiguity rule.
    actives[1].name = 'Globocorp East LLC';
    actives[2].name = 'Globocorp West LLC';
    const now = Date.now();
    committed = ([...acmeStore.subscriptions.values()] as Row[]).find(
      (s) => s.status === 'Active' && s.commitment?.term === '1-Year' && Date.parse(s.commitment.endDate) > now + 30 * DAY && s.quantity >= 3 && companies.find((c) => c.id === s.companyId)?.status === 'Active',
    )!;
    expect(committed).toBeDefined();
    seats = committed.quantity;
    productId = ([...acmeStore.products.values()] as Row[]).find((p) => p.name === BASE)!.id;
    await e2e.http.put('/pax8/connection').set(e2e.as('acme')).send(ACME).expect(200);
    await e2e.http.put('/pax8/connection').set(e2e.as('globex')).send(GLOBEX).expect(200);
    const run = await e2e.http.post('/pax8/sync').set(e2e.as('acme')).expect(202);
    expect((await waitForRun(e2e, 'acme', run.body.id)).status).toBe('succeeded');
    await e2e.http.post('/pax8/mapping/auto').set(e2e.as('acme')).expect(200);
    const deps = await call('pax8-get-product-dependencies', { productId });
    monthlyCommitmentId = deps.commitments.find((c: Row) => c.term === 'Monthly').commitmentTermId;
  });
  afterAll(() => e2e.close());

  it('lists the twelve tools with JSON Schemas in the shapes agent frameworks take', async () => {
    const mcp = await e2e.http.get('/pax8/agent-tools').set(e2e.as('acme', 'Technician')).expect(200);
    expect(mcp.body.tools.map((t: Row) => t.name)).toEqual(TOOLS.map((t) => t.name));
    expect(mcp.body.tools.find((t: Row) => t.name === 'pax8-create-order')).toMatchObject({ policy: 'approval', inputSchema: { type: 'object' }, outputSchema: { type: 'object' } });
    const openai = await e2e.http.get('/pax8/agent-tools?format=openai').set(e2e.as('acme')).expect(200);
    expect(openai.body.tools[0]).toMatchObject({ type: 'function', function: { name: 'pax8-list-companies', parameters: { type: 'object' } } });
    const anthropic = await e2e.http.get('/pax8/agent-tools?format=anthropic').set(e2e.as('acme')).expect(200);
    expect(anthropic.body.tools[0].input_schema.type).toBe('object');
    await e2e.http.get('/pax8/agent-tools?format=xml').set(e2e.as('acme')).expect(400);
    await e2e.http.get('/pax8/agent-tools').set(e2e.as('acme', 'Guest')).expect(403);
    await e2e.http.get('/pax8/agent-tools').expect(401);
  });

  it('answers every read tool from synced data or live Pax8, saying which, paged without silent truncation', async () => {
    const page1 = await call('pax8-list-companies', { limit: 2 });
    expect(page1).toMatchObject({ status: 'ok', source: 'synced', limit: 2, offset: 0, hasMore: true, nextOffset: 2 });
    expect(page1.total).toBe([...acmeStore.companies.values()].filter((c) => c.status !== 'Deleted').length);
    const all = await call('pax8-list-companies', { limit: 100 });
    expect(all.items.length).toBe(all.total);
    expect(all.items.some((c: Row) => c.hostClient?.clientId)).toBe(true);
    const activeOnly = await call('pax8-list-companies', { status: 'Active', limit: 100 });
    expect(activeOnly.items.every((c: Row) => c.status === 'Active')).toBe(true);

    const company = await call('pax8-get-company', { company: active.id });
    expect(company.company).toMatchObject({ companyId: active.id, name: active.name });
    const ofActive = [...acmeStore.subscriptions.values()].filter((s) => s.companyId === active.id && s.status !== 'Cancelled').length;
    expect(company.subscriptions.length).toBe(Math.min(ofActive, 100));
    expect(company.subscriptionsTotal).toBe(ofActive);

    const subs = await call('pax8-list-subscriptions', { company: committed.companyId, limit: 100 });
    const sub = subs.items.find((s: Row) => s.subscriptionId === committed.id);
    expect(sub).toMatchObject({ quantity: committed.quantity, commitment: { term: '1-Year' }, productName: expect.any(String) });
    const one = await call('pax8-get-subscription', { subscriptionId: committed.id });
    expect(one.subscription.commitment.endDate.slice(0, 10)).toBe(String(committed.commitment.endDate).slice(0, 10));

    const found = await call('pax8-search-products', { search: 'Business Standard', vendor: 'Microsoft', limit: 5 });
    expect(found).toMatchObject({ status: 'ok', source: 'live' });
    expect(found.items.map((p: Row) => p.productId)).toContain(productId);
    expect((await call('pax8-get-product', { productId })).product).toMatchObject({ productId, name: BASE, requiresCommitment: true });
    const pricing = await call('pax8-get-product-pricing', { productId, company: active.id });
    expect(pricing.pricing.map((p: Row) => `${p.billingTerm}/${p.commitmentTerm}`)).toEqual(expect.arrayContaining(['Monthly/Monthly', 'Monthly/1-Year', 'Annual/1-Year']));
    expect(pricing.pricing[0].rates[0].partnerBuyRate).toMatch(/^\d+\.\d+$/);
    const deps = await call('pax8-get-product-dependencies', { productId });
    expect(deps.commitments.find((c: Row) => c.term === 'Monthly').commitmentTermId).toBe(monthlyCommitmentId);
    expect(deps.commitments.find((c: Row) => c.term === '1-Year')).toMatchObject({ allowForQuantityDecrease: false });
    const details = await call('pax8-get-provision-details', { productId });
    expect(details.details.map((d: Row) => d.key)).toContain('msDomain');
    const orders = await call('pax8-list-orders', { limit: 5 });
    expect(orders).toMatchObject({ status: 'ok', source: 'live', offset: 0 });

    // globex has never synced: the same tool answers live.
    const live = await call('pax8-list-companies', { limit: 100 }, 200, 'globex');
    expect(live.source).toBe('live');
    expect(live.total).toBe([...e2e.sandbox.store(GLOBEX.clientId).companies.values()].length);
    expect((await invoke('pax8-get-product', { productId: '00000000-0000-0000-0000-00000000beef' })).body.status).toBe('not-found');
  });

  it('resolves a company by its name or its client, and asks when a name is ambiguous', async () => {
    const ambiguous = await call('pax8-get-company', { company: 'globocorp' });
    expect(ambiguous.status).toBe('ambiguous');
    expect(ambiguous.candidates.map((c: Row) => c.name).sort()).toEqual(['Globocorp East LLC', 'Globocorp West LLC']);
    expect(ambiguous.question).toMatch(/Which one/);
    expect((await call('pax8-get-company', { company: 'Globocorp East' })).company.name).toBe('Globocorp East LLC');
    expect((await call('pax8-list-subscriptions', { company: 'Nothing Like This Co' })).status).toBe('not-found');
    const order = await call('pax8-create-order', { company: 'Globocorp', lineItems: [orderLine(1)] });
    expect(order.status).toBe('ambiguous');
  });

  it('refuses bad input with 400 and field errors, and refuses tools that are Off', async () => {
    const bad = await invoke('pax8-list-companies', { limit: 1000, colour: 'red' }).expect(400);
    expect(bad.body.problems).toEqual(expect.arrayContaining([{ field: 'limit', reason: 'must be <= 100' }, { field: 'colour', reason: 'is not a field of this tool' }]));
    await invoke('pax8-no-such-tool', {}).expect(404);
    await e2e.http.put('/pax8/agent-tools/policies/pax8-search-products').set(e2e.as('acme', 'Technician')).send({ mode: 'off' }).expect(403);
    await e2e.http.put('/pax8/agent-tools/policies/pax8-search-products').set(e2e.as('acme')).send({ mode: 'sometimes' }).expect(400);
    await e2e.http.put('/pax8/agent-tools/policies/pax8-search-products').set(e2e.as('acme')).send({ mode: 'auto', autoApproveMaxSeats: 3 }).expect(400);
    await e2e.http.put('/pax8/agent-tools/policies/pax8-search-products').set(e2e.as('acme')).send({ mode: 'off' }).expect(200);
    const off = await invoke('pax8-search-products', { search: 'x' }).expect(403);
    expect(off.body).toMatchObject({ status: 'refused', message: expect.stringMatching(/turned off/) });
    // Another tenant keeps the default.
    await call('pax8-search-products', { search: 'Business' }, 200, 'globex');
    const policies = await e2e.http.get('/pax8/agent-tools/policies').set(e2e.as('acme')).expect(200);
    expect(policies.body.items.find((p: Row) => p.tool === 'pax8-search-products')).toMatchObject({ mode: 'off', defaultMode: 'auto', updatedBy: 'acme-owner' });
    await e2e.http.put('/pax8/agent-tools/policies/pax8-search-products').set(e2e.as('acme')).send({ mode: 'auto' }).expect(200);
  });

  it('dry-runs an order, answers pending approval with the cost, and places it exactly once under 20 concurrent approvals', async () => {
    const ordersBefore = acmeStore.orders.size;
    const subsBefore = acmeStore.subscriptions.size;
    const pending = await call('pax8-create-order', { company: active.id, lineItems: [orderLine(3)] });
    expect(pending).toMatchObject({ status: 'pending-approval', requestId: expect.any(String), dryRun: { accepted: true } });
    expect(pending.summary.lines[0]).toMatchObject({ productId, quantityAfter: pending.summary.lines[0].quantityBefore + 3, pax8MonthlyCostBefore: '0.00' });
    expect(pending.summary.lines[0].pax8MonthlyCostAfter).toMatch(/^\d+\.\d{2}$/);
    expect(pending.summary.text).toContain('3 ×');
    expect(acmeStore.orders.size).toBe(ordersBefore); // isMock created nothing

    await approve(pending.requestId, 'acme', 'Admin').expect(403); // Admin lacks the approver permission
    const answers = await Promise.all(Array.from({ length: 20 }, () => approve(pending.requestId)));
    // Every loser hears 409 with the request's state; a failure shows what the odd answers said.
    const odd = answers.filter((r) => r.status !== 200 && r.status !== 409).map((r) => ({ status: r.status, body: r.body }));
    expect(odd).toEqual([]);
    expect(answers.filter((r) => r.status === 200)).toHaveLength(1);
    expect(acmeStore.orders.size).toBe(ordersBefore + 1);
    expect(acmeStore.subscriptions.size).toBe(subsBefore + 1);
    const done = await e2e.http.get(`/pax8/agent-tools/approvals/${pending.requestId}`).set(e2e.as('acme', 'Technician')).expect(200);
    expect(done.body).toMatchObject({ status: 'executed', decidedBy: 'acme-owner', ledger: { status: 'placed', pax8OrderId: expect.any(String) } });
    expect(acmeStore.orders.has(done.body.ledger.pax8OrderId)).toBe(true);
    // Newest first, although Pax8 answers oldest first.
    const orders = await call('pax8-list-orders', { company: active.id, limit: 1 });
    expect(orders.items[0].orderId).toBe(done.body.ledger.pax8OrderId);
    const audit = await e2e.http.get('/pax8/audit?limit=200').set(e2e.as('acme')).expect(200);
    const invoked = audit.body.items.find((a: Row) => a.action === 'agent.tool_invoked' && a.details.requestId === pending.requestId);
    expect(invoked.details).toMatchObject({ tool: 'pax8-create-order', policy: 'approval', outcome: 'pending-approval', channel: 'http' });
    expect(invoked.actor.id).toBe('acme-owner');
  });

  it('records a dry run Pax8 rejects, and validates before sending (Active company, provisioning details)', async () => {
    const inactive = ([...acmeStore.companies.values()] as Row[]).find((c) => c.status === 'Inactive');
    if (inactive) {
      const r = await call('pax8-create-order', { company: inactive.id, lineItems: [orderLine(1)] }, 400);
      expect(r.problems[0]).toMatchObject({ field: 'company', reason: expect.stringMatching(/Active/) });
    }
    const badKey = await call('pax8-create-order', { company: active.id, lineItems: [{ ...orderLine(1), provisioningDetails: [{ key: 'favouriteColour', values: ['red'] }] }] }, 400);
    expect(badKey.problems[0].field).toBe('lineItems[0].provisioningDetails[0].key');
    // Pax8 itself requires msDomain on NCE products: only the isMock dry run knows (§5), and the request keeps its exact words.
    const noDomain = await call('pax8-create-order', { company: active.id, lineItems: [{ ...orderLine(1), provisioningDetails: undefined }] }, 400);
    expect(noDomain).toMatchObject({ status: 'invalid', dryRun: { accepted: false, rejection: { status: 422 } }, requestId: expect.any(String) });
    expect(noDomain.problems[0].reason).toMatch(/msDomain/);
    const recorded = await e2e.http.get(`/pax8/agent-tools/approvals/${noDomain.requestId}`).set(e2e.as('acme')).expect(200);
    expect(recorded.body).toMatchObject({ status: 'failed', dryRun: { accepted: false } });
  });

  it('rejects, expires, and never runs a decided request', async () => {
    const a = await call('pax8-create-order', { company: active.id, lineItems: [orderLine(1)] });
    const rejected = await e2e.http.post(`/pax8/agent-tools/approvals/${a.requestId}/reject`).set(e2e.as('acme')).send({ reason: 'not this month' }).expect(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', error: 'Rejected: not this month' });
    await approve(a.requestId).expect(409);
    const b = await call('pax8-create-order', { company: active.id, lineItems: [orderLine(1)] });
    expect((await tick(new Date(Date.now() + 2 * DAY))).expired).toBeGreaterThanOrEqual(1);
    const late = await approve(b.requestId).expect(409);
    expect(late.body.currentStatus).toBe('expired');
    const list = await e2e.http.get('/pax8/agent-tools/approvals?status=expired').set(e2e.as('acme')).expect(200);
    expect(list.body.items.map((r: Row) => r.id)).toContain(b.requestId);
  });

  it('never repeats an order whose answer was lost: it reconciles to placed, not placed or needs a human', async () => {
    const place = async (fault: Row) => {
      const p = await call('pax8-create-order', { company: active.id, lineItems: [orderLine(4)] });
      e2e.sandbox.setFaults(fault);
      const posts = e2e.sandbox.stats().byRoute['POST /v1/orders'] ?? 0;
      const res = await approve(p.requestId).expect(200);
      e2e.sandbox.setFaults(undefined);
      expect((e2e.sandbox.stats().byRoute['POST /v1/orders'] ?? 0) - posts).toBe(1); // sent once, never again
      return res.body;
    };
    // Processed, then the connection dropped.
    let before = acmeStore.orders.size;
    const lost = await place({ lostResponse: { count: 1, route: 'POST /v1/orders' } });
    expect(lost).toMatchObject({ status: 'executed', ledger: { status: 'placed', outcome: { reconciled: true } } });
    expect(acmeStore.orders.size).toBe(before + 1);
    // Dropped before Pax8 saw it.
    before = acmeStore.orders.size;
    const dropped = await place({ connectionReset: { count: 1, route: 'POST /v1/orders' } });
    expect(dropped).toMatchObject({ status: 'failed', ledger: { status: 'not-placed', outcome: { reconciled: true } } });
    expect(acmeStore.orders.size).toBe(before);
    // A 502 after processing, with an identical order someone placed by hand today: two candidates.
    const manual = structuredClone([...acmeStore.orders.values()].pop()!) as Row;
    acmeStore.orders.set('manual-order', { ...manual, id: 'manual-order' });
    const unclear = await place({ lostResponse: { count: 1, route: 'POST /v1/orders', mode: 'gateway' } });
    expect(unclear).toMatchObject({ status: 'needs-human', ledger: { status: 'needs-human' } });
    expect(unclear.ledger.outcome.candidates).toHaveLength(2);
    acmeStore.orders.delete('manual-order');

    // The process died after sending: the row still says "sending". The scheduler reconciles it, never resends.
    const p = await call('pax8-create-order', { company: active.id, lineItems: [orderLine(5)] });
    const placed = (await approve(p.requestId).expect(200)).body;
    const ledger = e2e.dataSource.getRepository(OrderLedgerEntry);
    await ledger.update({ tenantId: 'acme', approvalRequestId: p.requestId }, { status: 'sending', pax8OrderId: null, outcome: null, sentAt: new Date(Date.now() - 3_600_000) });
    await e2e.dataSource.getRepository(ApprovalRequest).update({ tenantId: 'acme', id: p.requestId }, { status: 'executing', result: null });
    before = acmeStore.orders.size;
    const posts = e2e.sandbox.stats().byRoute['POST /v1/orders'];
    expect((await tick(new Date())).reconciled).toBe(1);
    const recovered = (await e2e.http.get(`/pax8/agent-tools/approvals/${p.requestId}`).set(e2e.as('acme')).expect(200)).body;
    expect(recovered).toMatchObject({ status: 'executed', ledger: { status: 'placed', pax8OrderId: placed.ledger.pax8OrderId } });
    expect(acmeStore.orders.size).toBe(before);
    expect(e2e.sandbox.stats().byRoute['POST /v1/orders']).toBe(posts);
  });

  it('refuses an NCE decrease before any approver, and schedules it for the commitment end', async () => {
    const input = { subscriptionId: committed.id, quantity: seats - 1 };
    const refused = await call('pax8-update-subscription', input);
    expect(refused).toMatchObject({ status: 'refused', offer: { tool: 'pax8-update-subscription', input: { ...input, scheduleAtCommitmentEnd: true } } });
    expect(refused.commitmentEndDate.slice(0, 10)).toBe(String(committed.commitment.endDate).slice(0, 10));
    expect(refused.message).toMatch(/cannot go down/);
    const pendingBefore = (await e2e.http.get('/pax8/agent-tools/approvals?status=pending').set(e2e.as('acme'))).body.total;

    const first = await call('pax8-update-subscription', { ...input, scheduleAtCommitmentEnd: true });
    expect(first.status).toBe('scheduled');
    const second = await call('pax8-update-subscription', { ...input, quantity: seats - 2, scheduleAtCommitmentEnd: true });
    const listed = await e2e.http.get('/pax8/agent-tools/scheduled-changes?status=scheduled').set(e2e.as('acme', 'Technician')).expect(200);
    expect(listed.body.items.map((c: Row) => c.id)).toEqual(expect.arrayContaining([first.scheduledChangeId, second.scheduledChangeId]));
    await e2e.http.delete(`/pax8/agent-tools/scheduled-changes/${first.scheduledChangeId}`).set(e2e.as('acme', 'Technician')).expect(403);
    await e2e.http.delete(`/pax8/agent-tools/scheduled-changes/${first.scheduledChangeId}`).set(e2e.as('acme')).expect(200);
    await e2e.http.delete(`/pax8/agent-tools/scheduled-changes/${first.scheduledChangeId}`).set(e2e.as('acme')).expect(409);

    const end = new Date(refused.commitmentEndDate).getTime();
    expect((await tick(new Date(end - 3 * DAY))).reminded).toBe(1);
    expect((await tick(new Date(end - 2 * DAY))).reminded).toBe(0);
    const submitted = await tick(new Date(end + 3_600_000));
    expect(submitted.submitted).toBe(1);
    const after = (await e2e.http.get('/pax8/agent-tools/scheduled-changes').set(e2e.as('acme')).expect(200)).body.items;
    const ran = after.find((c: Row) => c.id === second.scheduledChangeId);
    expect(ran).toMatchObject({ status: 'submitted', remindedAt: expect.any(String), approvalRequestId: expect.any(String) });
    expect(after.find((c: Row) => c.id === first.scheduledChangeId).status).toBe('cancelled');
    const request = await e2e.http.get(`/pax8/agent-tools/approvals/${ran.approvalRequestId}`).set(e2e.as('acme')).expect(200);
    expect(request.body).toMatchObject({ status: 'pending', requestedBy: 'system', scheduledChangeId: second.scheduledChangeId, summary: { quantityBefore: seats, quantityAfter: seats - 2 } });
    expect((await e2e.http.get('/pax8/agent-tools/approvals?status=pending').set(e2e.as('acme'))).body.total).toBe(pendingBefore + 1);
  });

  it('auto-approves under the tenant\'s thresholds and runs Auto writes at once, recorded as such', async () => {
    await e2e.http.put('/pax8/agent-tools/policies/pax8-update-subscription').set(e2e.as('acme')).send({ mode: 'approval', autoApproveMaxSeats: 2 }).expect(200);
    const small = await call('pax8-update-subscription', { subscriptionId: committed.id, quantity: seats + 1 });
    expect(small).toMatchObject({ status: 'executed', message: expect.stringMatching(/thresholds/) });
    expect(acmeStore.subscriptions.get(committed.id)!.quantity).toBe(seats + 1);
    expect(small.summary).toMatchObject({ quantityBefore: seats, quantityAfter: seats + 1 });
    expect(small.summary.pax8MonthlyCostAfter).toMatch(/^\d+\.\d{2}$/);
    // Billed to the client at cost + 20 %: the summary shows the client's price change too.
    // Billed means priced for a client: the company must be mapped (auto-map may have left it).
    const mappings = e2e.dataSource.getRepository(CompanyMapping);
    if (!(await mappings.findOneBy({ tenantId: 'acme', pax8CompanyId: committed.companyId }))) {
      await mappings.save(mappings.create({ tenantId: 'acme', pax8CompanyId: committed.companyId, clientId: 'agent-test-client', source: 'manual', rule: null, mappedBy: 'test' }));
    }
    const billing = e2e.dataSource.getRepository(SubscriptionBilling);
    await billing.save(billing.create({ tenantId: 'acme', pax8SubscriptionId: committed.id, enabled: true, markupType: 'percent', markupValue: '20.0000', overridePrice: null, chargeType: null, lineDescription: null, updatedBy: 'test' }));
    const big = await call('pax8-update-subscription', { subscriptionId: committed.id, quantity: seats + 10 });
    expect(big.status).toBe('pending-approval');
    const unit = new Decimal(String(committed.partnerCost ?? committed.price)).times('1.2');
    const months = ({ Monthly: 1, Annual: 12, '3-Year': 36 } as Record<string, number>)[committed.billingTerm];
    const monthly = (q: number) => unit.times(q).dividedBy(months).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
    expect(big.summary).toMatchObject({ clientMonthlyPriceBefore: monthly(seats + 1), clientMonthlyPriceAfter: monthly(seats + 10) });
    expect(big.summary.clientPriceChange).toBe(new Decimal(monthly(seats + 10)).minus(monthly(seats + 1)).toFixed(2));
    expect(big.summary.text).toMatch(/the client's price per month/);
    const request = (await e2e.http.get(`/pax8/agent-tools/approvals/${big.requestId}`).set(e2e.as('acme'))).body;
    expect(request.autoApproved).toBe(false);
    await e2e.http.put('/pax8/agent-tools/policies/pax8-update-subscription').set(e2e.as('acme')).send({ mode: 'auto' }).expect(200);
    const auto = await call('pax8-update-subscription', { subscriptionId: committed.id, quantity: seats + 2 });
    expect(auto.status).toBe('executed');
    await e2e.http.put('/pax8/agent-tools/policies/pax8-update-subscription').set(e2e.as('acme')).send({ mode: 'off' }).expect(200);
    // Nothing bypasses Off: not a pending request approved later.
    const blocked = await approve(big.requestId).expect(409);
    expect(blocked.body.message).toMatch(/turned off/);
    await e2e.http.put('/pax8/agent-tools/policies/pax8-update-subscription').set(e2e.as('acme')).send({ mode: 'approval' }).expect(200);
  });

  it('changes a billing term when no commitment binds, through approval', async () => {
    const monthlyNce = ([...acmeStore.subscriptions.values()] as Row[]).find(
      (s) => s.status === 'Active' && s.commitment?.term === 'Monthly' && s.billingTerm === 'Monthly' && / \[New Commerce Experience\]$/.test(String(acmeStore.products.get(s.productId as string)?.name)),
    )!;
    const p = await call('pax8-update-subscription', { subscriptionId: monthlyNce.id, billingTerm: 'Annual' });
    expect(p).toMatchObject({ status: 'pending-approval', summary: { billingTermBefore: 'Monthly', billingTermAfter: 'Annual' } });
    expect(p.summary.text).toMatch(/billing term Monthly → Annual/);
    const done = await approve(p.requestId).expect(200);
    expect(done.body).toMatchObject({ status: 'executed', ledger: { status: 'placed', outcome: { subscription: { billingTerm: 'Annual' } } } });
    expect(acmeStore.subscriptions.get(monthlyNce.id)!.billingTerm).toBe('Annual');
  });

  it('runs only what was approved: a stored request changed afterwards is refused, nothing is sent', async () => {
    const p = await call('pax8-create-order', { company: active.id, lineItems: [orderLine(1)] });
    const repo = e2e.dataSource.getRepository(ApprovalRequest);
    const row = await repo.findOneByOrFail({ tenantId: 'acme', id: p.requestId });
    const args = row.arguments as Row;
    args.plan.body.lineItems[0].quantity = 500;
    await repo.update({ tenantId: 'acme', id: p.requestId }, { arguments: args });
    const orders = acmeStore.orders.size;
    const res = await approve(p.requestId).expect(200);
    expect(res.body).toMatchObject({ status: 'failed', error: expect.stringMatching(/does not match what was approved/), ledger: null });
    expect(acmeStore.orders.size).toBe(orders);
  });

  it('keeps tenants apart', async () => {
    const mine = await call('pax8-create-order', { company: active.id, lineItems: [orderLine(1)] });
    await e2e.http.get(`/pax8/agent-tools/approvals/${mine.requestId}`).set(e2e.as('globex')).expect(404);
    await approve(mine.requestId, 'globex').expect(404);
    expect((await e2e.http.get('/pax8/agent-tools/approvals').set(e2e.as('globex')).expect(200)).body.total).toBe(0);
    const theirs = await call('pax8-list-companies', { limit: 100 }, 200, 'globex');
    const acmeIds = new Set([...acmeStore.companies.keys()]);
    expect(theirs.items.some((c: Row) => acmeIds.has(c.companyId))).toBe(false);
    expect((await call('pax8-get-company', { company: active.id }, 200, 'globex')).status).toBe('not-found');
  });
});
