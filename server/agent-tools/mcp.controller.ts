import { Controller, Delete, Get, HttpException, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { Request, Response } from 'express';
import { Access } from '../common/http/access.decorator';
import { Pax8RequestGuard } from '../common/http/pax8-request.guard';
import { Principal } from '../common/http/principal.decorator';
import type { RequestPrincipal } from '../host/tenant-context.port';
import { Pax8NotConnectedError } from '../connection/tenant-pax8-client.service';
import { Pax8ApiError } from '../pax8-api';
import { ToolNotFoundError } from './agent-tools.errors';
import { AgentToolsErrorFilter } from './agent-tools.error-filter';
import { AgentToolsService } from './agent-tools.service';
import { APPROVAL_URI_PREFIX, ApprovalsService } from './approvals.service';
import { mcpSdk, type McpSdk } from './mcp-sdk';
import { PoliciesService } from './policies.service';
import { TOOLS } from './tool-catalog';

/**
 * MCP (Model Context Protocol) over Streamable HTTP at `<prefix>/mcp`, with the official SDK. The route
 * passes the same guard as every route (the host's tenant context, the license, view access), and each
 * request gets its own stateless server bound to that caller, so tools run under the caller's tenant
 * and policies exactly as through `agent-tools/:tool/invoke`. The SDK loads with the first request (see mcp-sdk.ts).
 */
@Controller('mcp')
@UseGuards(Pax8RequestGuard)
@UseFilters(AgentToolsErrorFilter)
export class McpController {
  constructor(
    private readonly tools: AgentToolsService,
    private readonly policies: PoliciesService,
    private readonly approvals: ApprovalsService,
  ) {}

  @Post()
  @Access('view')
  async handle(@Principal() principal: RequestPrincipal, @Req() req: Request, @Res() res: Response): Promise<void> {
    const sdk = await mcpSdk();
    const server = this.serverFor(sdk, principal);
    const transport = new sdk.StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res, req.body);
  }

  /** Stateless server: no session, so no server-sent stream to open and nothing to delete. */
  @Get()
  @Access('view')
  openStream(@Res() res: Response): void {
    this.notAllowed(res);
  }

  @Delete()
  @Access('view')
  endSession(@Res() res: Response): void {
    this.notAllowed(res);
  }

  private notAllowed(res: Response): void {
    res.status(405).set('Allow', 'POST').json({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed: this MCP server is stateless; use POST.' }, id: null });
  }

  private serverFor(sdk: McpSdk, principal: RequestPrincipal): Server {
    const server = new sdk.Server({ name: 'pax8-plugin', version: '0.1.0' }, { capabilities: { tools: {}, resources: {} } });
    this.serveApprovals(sdk, server, principal);
    server.setRequestHandler(sdk.ListToolsRequestSchema, async () => {
      const policies = new Map((await this.policies.list(principal.tenantId)).map((p) => [p.tool, p.mode]));
      return {
        tools: TOOLS.map((t) => ({
          name: t.name,
          title: t.title,
          description: `${t.description} Policy for this tenant: ${describePolicy(policies.get(t.name))}.`,
          inputSchema: t.inputSchema as { type: 'object' },
          outputSchema: t.outputSchema as { type: 'object' },
          annotations: { readOnlyHint: t.kind === 'read', destructiveHint: false, idempotentHint: t.kind === 'read', openWorldHint: true },
        })),
      };
    });
    server.setRequestHandler(sdk.CallToolRequestSchema, async (request) => {
      try {
        const { httpStatus, answer } = await this.tools.invoke(principal, request.params.name, request.params.arguments ?? {}, 'mcp');
        const text = typeof answer.message === 'string' ? `${answer.message}\n\n${JSON.stringify(answer)}` : JSON.stringify(answer);
        return { content: [{ type: 'text' as const, text }], structuredContent: answer, isError: httpStatus >= 400 };
      } catch (e) {
        // Known failures become a tool error the agent can read; nothing internal (or secret) is echoed.
        const known = e instanceof Pax8ApiError || e instanceof Pax8NotConnectedError || e instanceof ToolNotFoundError || e instanceof HttpException;
        const message = known ? (e as Error).message : 'The tool failed; try again later.';
        return { content: [{ type: 'text' as const, text: message }], isError: true };
      }
    });
    return server;
  }

  /** The agent reads the outcome of a request it made as a resource: pax8://approvals/{id}. */
  private serveApprovals({ ErrorCode, McpError, ListResourceTemplatesRequestSchema, ListResourcesRequestSchema, ReadResourceRequestSchema }: McpSdk, server: Server, principal: RequestPrincipal): void {
    const asResource = (r: { id: string; tool: string; status: string }) => ({ uri: `${APPROVAL_URI_PREFIX}${r.id}`, name: `approval-${r.id}`, title: `${r.tool}: ${r.status}`, mimeType: 'application/json' });
    server.setRequestHandler(ListResourceTemplatesRequestSchema, async () => ({
      resourceTemplates: [
        {
          uriTemplate: `${APPROVAL_URI_PREFIX}{id}`,
          name: 'approval-request',
          title: 'An approval request',
          description: "State and outcome of a write the agent asked for: pending, executed, failed, needs-human, rejected or expired, with the order ledger's findings.",
          mimeType: 'application/json',
        },
      ],
    }));
    server.setRequestHandler(ListResourcesRequestSchema, async () => ({ resources: (await this.approvals.list(principal.tenantId, undefined, 20, 0)).items.map(asResource) }));
    server.setRequestHandler(ReadResourceRequestSchema, async (request) => {
      const uri = request.params.uri;
      if (!uri.startsWith(APPROVAL_URI_PREFIX)) throw new McpError(ErrorCode.InvalidParams, `Unknown resource ${uri}`);
      const view = await this.approvals.get(principal.tenantId, uri.slice(APPROVAL_URI_PREFIX.length)).catch((e) => {
        if (e instanceof HttpException && e.getStatus() === 404) throw new McpError(ErrorCode.InvalidParams, 'No approval request with this id for this tenant.');
        throw e;
      });
      return { contents: [{ uri, mimeType: 'application/json', text: JSON.stringify(view) }] };
    });
  }
}


const describePolicy = (mode: string | undefined) => (mode === 'auto' ? 'Auto' : mode === 'approval' ? 'Approval needed (writes answer "pending approval")' : 'Off (calls are refused)');
