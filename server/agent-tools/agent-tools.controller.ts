import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Res, UseFilters, UseGuards, UsePipes } from '@nestjs/common';
import type { Response } from 'express';
import { Access } from '../common/http/access.decorator';
import { Pax8RequestGuard } from '../common/http/pax8-request.guard';
import { Principal } from '../common/http/principal.decorator';
import { pax8ValidationPipe } from '../common/http/validation.pipe';
import type { RequestPrincipal } from '../host/tenant-context.port';
import { AgentToolsErrorFilter } from './agent-tools.error-filter';
import { AgentToolsService } from './agent-tools.service';
import { ApprovalsService } from './approvals.service';
import { InvokeToolDto, ListApprovalsQueryDto, ListScheduledChangesQueryDto, ListToolsQueryDto, RejectApprovalDto, SetPolicyDto } from './dto/agent-tools.dto';
import { PoliciesService } from './policies.service';
import { ScheduledChangesService } from './scheduled-changes.service';
import { TOOLS } from './tool-catalog';

const actorOf = (p: RequestPrincipal) => ({ id: p.userId, name: p.userName ?? null });

/** Tools for an AI agent, their policies, approvals and scheduled NCE changes. */
@Controller('agent-tools')
@UseGuards(Pax8RequestGuard)
@UsePipes(pax8ValidationPipe())
@UseFilters(AgentToolsErrorFilter)
export class AgentToolsController {
  constructor(
    private readonly tools: AgentToolsService,
    private readonly policies: PoliciesService,
    private readonly approvals: ApprovalsService,
    private readonly scheduled: ScheduledChangesService,
  ) {}

  /** The twelve tools with their JSON Schemas, in the shape agent frameworks take directly, plus the tenant's policy. */
  @Get()
  @Access('view')
  async list(@Principal() p: RequestPrincipal, @Query() q: ListToolsQueryDto) {
    const policies = new Map((await this.policies.list(p.tenantId)).map((x) => [x.tool, x.mode]));
    const tools = TOOLS.map((t) => {
      const policy = policies.get(t.name)!;
      if (q.format === 'openai') return { type: 'function', function: { name: t.name, description: t.description, parameters: t.inputSchema }, policy };
      if (q.format === 'anthropic') return { name: t.name, description: t.description, input_schema: t.inputSchema, policy };
      return { name: t.name, title: t.title, description: t.description, inputSchema: t.inputSchema, outputSchema: t.outputSchema, kind: t.kind, policy };
    });
    return { format: q.format, invokeUrl: 'agent-tools/{name}/invoke', mcpUrl: 'mcp', tools };
  }

  @Post(':tool/invoke')
  @Access('view')
  async invoke(@Principal() p: RequestPrincipal, @Param('tool') tool: string, @Body() dto: InvokeToolDto, @Res() res: Response) {
    const { httpStatus, answer } = await this.tools.invoke(p, tool, dto.input ?? {}, 'http');
    res.status(httpStatus).json(answer);
  }

  @Get('policies')
  @Access('view')
  async listPolicies(@Principal() p: RequestPrincipal) {
    return { items: await this.policies.list(p.tenantId) };
  }

  @Put('policies/:tool')
  @Access('manage')
  setPolicy(@Principal() p: RequestPrincipal, @Param('tool') tool: string, @Body() dto: SetPolicyDto) {
    return this.policies.set(p.tenantId, actorOf(p), tool, dto);
  }

  @Get('approvals')
  @Access('view')
  async listApprovals(@Principal() p: RequestPrincipal, @Query() q: ListApprovalsQueryDto) {
    return { canApprove: this.approvals.isApprover(p), ...(await this.approvals.list(p.tenantId, q.status, q.limit ?? 50, q.offset ?? 0)) };
  }

  /** The agent reads the outcome of its request here (or through the same data in MCP answers). */
  @Get('approvals/:id')
  @Access('view')
  getApproval(@Principal() p: RequestPrincipal, @Param('id') id: string) {
    return this.approvals.get(p.tenantId, id);
  }

  @Post('approvals/:id/approve')
  @HttpCode(200)
  @Access('view')
  approve(@Principal() p: RequestPrincipal, @Param('id') id: string) {
    return this.approvals.approve(p.tenantId, p, id);
  }

  @Post('approvals/:id/reject')
  @HttpCode(200)
  @Access('view')
  reject(@Principal() p: RequestPrincipal, @Param('id') id: string, @Body() dto: RejectApprovalDto) {
    return this.approvals.reject(p.tenantId, p, id, dto.reason);
  }

  @Get('scheduled-changes')
  @Access('view')
  listScheduled(@Principal() p: RequestPrincipal, @Query() q: ListScheduledChangesQueryDto) {
    return this.scheduled.list(p.tenantId, q.status ? [q.status] : undefined, q.limit ?? 100, q.offset ?? 0);
  }

  @Delete('scheduled-changes/:id')
  @Access('manage')
  cancelScheduled(@Principal() p: RequestPrincipal, @Param('id') id: string) {
    return this.scheduled.cancel(p.tenantId, actorOf(p), id);
  }
}
