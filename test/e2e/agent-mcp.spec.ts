import type { AddressInfo } from 'node:net';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { TOOL_NAMES } from '../../server/agent-tools/tool-catalog';
import { testDatabases } from '../helpers/databases';
import { ACME, E2eApp, startE2eApp } from '../helpers/e2e-app';

type Row = Record<string, any>;

describe.each(testDatabases())('MCP server on $name', (db) => {
  let e2e: E2eApp;
  let url: URL;
  const clients: Client[] = [];

  /** The SDK's own client over Streamable HTTP, signed in as a demo persona through the host's tenant context. */
  async function connect(headers: Record<string, string>): Promise<Client> {
    const client = new Client({ name: 'pax8-plugin-test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(url, { requestInit: { headers } }));
    clients.push(client);
    return client;
  }

  beforeAll(async () => {
    e2e = await startE2eApp({ db, pax8: { agentTools: { schedulerEnabled: false } } });
    await e2e.app.listen(0, '127.0.0.1');
    url = new URL(`http://127.0.0.1:${(e2e.app.getHttpServer().address() as AddressInfo).port}/pax8/mcp`);
    await e2e.http.put('/pax8/connection').set(e2e.as('acme')).send(ACME).expect(200);
  });
  afterAll(async () => {
    for (const c of clients) await c.close();
    await e2e.close();
  });

  it('lists the twelve tools with their schemas and this tenant\'s policies', async () => {
    const client = await connect(e2e.as('acme', 'Technician'));
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual([...TOOL_NAMES]);
    const order = tools.find((t) => t.name === 'pax8-create-order')!;
    expect(order.inputSchema).toMatchObject({ type: 'object', required: ['company', 'lineItems'] });
    expect(order.outputSchema).toMatchObject({ type: 'object' });
    expect(order.description).toMatch(/Approval needed/);
    expect(tools.find((t) => t.name === 'pax8-list-companies')!.annotations).toMatchObject({ readOnlyHint: true });
  });

  it('calls a read tool and gets structured content that fits the output schema', async () => {
    const client = await connect(e2e.as('acme', 'Technician'));
    const result = await client.callTool({ name: 'pax8-list-companies', arguments: { limit: 3 } });
    expect(result.isError).toBe(false);
    const answer = result.structuredContent as Row;
    // Never synced: the tool says it went live.
    expect(answer).toMatchObject({ status: 'ok', source: 'live', limit: 3, offset: 0 });
    expect(answer.items).toHaveLength(3);
    expect(answer.total).toBe(e2e.sandbox.store(ACME.clientId).companies.size);
    expect(answer.hasMore).toBe(true);
    // A name resolves against Pax8 itself while nothing is synced.
    const name = answer.items[0].name as string;
    const company = (await client.callTool({ name: 'pax8-get-company', arguments: { company: name } })).structuredContent as Row;
    expect(company).toMatchObject({ status: 'ok', source: 'live', company: { companyId: answer.items[0].companyId, name } });
  });

  it('answers "pending approval" for a write, under the same policy and tenant as the HTTP routes', async () => {
    const client = await connect(e2e.as('acme'));
    const store = e2e.sandbox.store(ACME.clientId);
    const company = ([...store.companies.values()] as Row[]).find((c) => c.status === 'Active')!;
    const product = ([...store.products.values()] as Row[]).find((p) => p.name === 'Microsoft 365 Business Basic [New Commerce Experience]')!;
    const deps = (await client.callTool({ name: 'pax8-get-product-dependencies', arguments: { productId: product.id } })).structuredContent as Row;
    const monthly = deps.commitments.find((c: Row) => c.term === 'Monthly').commitmentTermId;
    const ordersBefore = store.orders.size;
    const result = await client.callTool({
      name: 'pax8-create-order',
      arguments: { company: company.id, lineItems: [{ productId: product.id, quantity: 2, billingTerm: 'Monthly', commitmentTermId: monthly, provisioningDetails: [{ key: 'msDomain', values: ['mcptest'] }] }] },
    });
    const answer = result.structuredContent as Row;
    expect(answer).toMatchObject({ status: 'pending-approval', requestId: expect.any(String), dryRun: { accepted: true } });
    expect((result.content as Array<{ text: string }>)[0].text).toMatch(/^Waiting for approval/);
    expect(store.orders.size).toBe(ordersBefore);
    const request = await e2e.http.get(`/pax8/agent-tools/approvals/${answer.requestId}`).set(e2e.as('acme')).expect(200);
    expect(request.body).toMatchObject({ status: 'pending', tool: 'pax8-create-order', requestedBy: 'acme-owner' });
    // The agent reads the outcome by id, as an MCP resource, after a person approved it.
    await e2e.http.post(`/pax8/agent-tools/approvals/${answer.requestId}/approve`).set(e2e.as('acme')).expect(200);
    const { resourceTemplates } = await client.listResourceTemplates();
    expect(resourceTemplates[0].uriTemplate).toBe('pax8://approvals/{id}');
    const read = await client.readResource({ uri: `pax8://approvals/${answer.requestId}` });
    expect(JSON.parse((read.contents[0] as { text: string }).text)).toMatchObject({ id: answer.requestId, status: 'executed', ledger: { status: 'placed' } });
    expect(store.orders.size).toBe(ordersBefore + 1);
    const other = await connect(e2e.as('globex'));
    await expect(other.readResource({ uri: `pax8://approvals/${answer.requestId}` })).rejects.toThrow(/No approval request/);
    const audit = await e2e.http.get('/pax8/audit?limit=50').set(e2e.as('acme')).expect(200);
    expect(audit.body.items.find((a: Row) => a.details?.requestId === answer.requestId).details.channel).toBe('mcp');

    // Off is Off here too.
    await e2e.http.put('/pax8/agent-tools/policies/pax8-create-order').set(e2e.as('acme')).send({ mode: 'off' }).expect(200);
    const refused = await client.callTool({ name: 'pax8-create-order', arguments: { company: company.id, lineItems: [{ productId: product.id, quantity: 1, billingTerm: 'Monthly' }] } });
    expect(refused.isError).toBe(true);
    expect((refused.structuredContent as Row).status).toBe('refused');
    await e2e.http.put('/pax8/agent-tools/policies/pax8-create-order').set(e2e.as('acme')).send({ mode: 'approval' }).expect(200);
    const invalid = await client.callTool({ name: 'pax8-get-subscription', arguments: {} });
    expect(invalid.isError).toBe(true);
  });

  it('authenticates through the host\'s tenant context and license like every route', async () => {
    await expect(connect({})).rejects.toThrow(/401|Sign in/);
    await expect(connect(e2e.as('acme', 'Guest'))).rejects.toThrow(/403/);
    e2e.store.licensed.set('acme', false);
    try {
      await expect(connect(e2e.as('acme'))).rejects.toThrow(/404/);
    } finally {
      e2e.store.licensed.set('acme', true);
    }
    const res = await fetch(url, { headers: e2e.as('acme') });
    expect(res.status).toBe(405);
  });
});
