import { Injectable } from '@nestjs/common';
import { AuditActor, AuditService, SYSTEM_ACTOR } from '../audit/audit.service';
import type { RequestPrincipal } from '../host/tenant-context.port';
import { APPROVAL_URI_PREFIX, describeRequest, ApprovalsService } from './approvals.service';
import { ToolNotFoundError } from './agent-tools.errors';
import { PoliciesService } from './policies.service';
import { ReadToolsService } from './read-tools.service';
import type { ToolAnswer } from './tool-answers';
import type { ScheduledChange } from './scheduled-change.entity';
import { ScheduledChangesService } from './scheduled-changes.service';
import { isToolName, ToolName, TOOLS_BY_NAME } from './tool-catalog';
import { ToolInputValidator } from './tool-input';
import { WriteCheck, WriteToolsService } from './write-tools.service';

export type ToolChannel = 'http' | 'mcp' | 'scheduler';

/** A tool's answer plus the HTTP status the invoke route uses (MCP marks 4xx answers `isError`). */
export interface InvokeOutcome {
  httpStatus: number;
  answer: ToolAnswer;
}

/**
 * The one way into a tool, for the HTTP route, MCP and the scheduler alike: schema check, the tenant's
 * policy (Off refuses, Approval needed makes a request, Auto runs), the tool, and an audit entry for
 * every invocation (tool, input, who, policy, outcome).
 */
@Injectable()
export class AgentToolsService {
  private readonly validator = new ToolInputValidator();

  constructor(
    private readonly policies: PoliciesService,
    private readonly reads: ReadToolsService,
    private readonly writes: WriteToolsService,
    private readonly approvals: ApprovalsService,
    private readonly scheduled: ScheduledChangesService,
    private readonly audit: AuditService,
  ) {}

  async invoke(principal: RequestPrincipal, toolName: string, rawInput: unknown, channel: ToolChannel): Promise<InvokeOutcome> {
    if (!isToolName(toolName)) throw new ToolNotFoundError(toolName);
    const actor: AuditActor = { id: principal.userId, name: principal.userName ?? null };
    const tenantId = principal.tenantId;
    const checked = this.validator.validate(toolName, rawInput);
    const policy = await this.policies.get(tenantId, toolName);
    let outcome: InvokeOutcome;
    if ('problems' in checked) {
      outcome = { httpStatus: 400, answer: { status: 'invalid', message: 'The input does not fit the tool\'s schema.', problems: checked.problems } };
    } else if (policy.mode === 'off') {
      outcome = { httpStatus: 403, answer: { status: 'refused', message: `The tool ${toolName} is turned off for this tenant. An administrator can change this in the agent tool policies.` } };
    } else if (TOOLS_BY_NAME.get(toolName)!.kind === 'read') {
      outcome = { httpStatus: 200, answer: await this.reads.run(tenantId, toolName, checked.input) };
    } else {
      outcome = await this.write(tenantId, actor, toolName, checked.input, policy);
    }
    await this.audit.record(tenantId, actor, 'agent.tool_invoked', { type: 'agent-tool', id: toolName }, {
      tool: toolName,
      channel,
      input: rawInput ?? null,
      policy: policy.mode,
      outcome: outcome.answer.status,
      requestId: outcome.answer.requestId ?? null,
    });
    return outcome;
  }

  private async write(tenantId: string, actor: AuditActor, tool: ToolName, input: Record<string, any>, policy: Awaited<ReturnType<PoliciesService['get']>>): Promise<InvokeOutcome> {
    const check: WriteCheck = tool === 'pax8-create-order' ? await this.writes.prepareOrder(tenantId, input) : await this.writes.prepareUpdate(tenantId, input);
    switch (check.status) {
      case 'ambiguous':
      case 'not-found':
        return { httpStatus: 200, answer: { ...check } };
      case 'invalid': {
        const recorded = check.dryRun && check.plan ? await this.approvals.recordRejectedDryRun(tenantId, actor, tool, input, check.plan, check.summary ?? {}, check.dryRun) : null;
        return { httpStatus: 400, answer: { status: 'invalid', message: check.message, problems: check.problems, errors: check.problems, dryRun: check.dryRun ?? null, requestId: recorded?.id ?? null } };
      }
      case 'refused': {
        if (input.scheduleAtCommitmentEnd && check.schedule) {
          const change = await this.scheduled.create(tenantId, actor, check.schedule.plan, check.schedule.effectiveAt);
          return {
            httpStatus: 200,
            answer: { status: 'scheduled', scheduledChangeId: change.id, commitmentEndDate: check.commitmentEndDate, message: `Scheduled for ${check.commitmentEndDate.slice(0, 10)}, the end of the commitment. It will run then under the tool's policy; it can be cancelled until then.` },
          };
        }
        return { httpStatus: 200, answer: { status: 'refused', message: check.message, commitmentEndDate: check.commitmentEndDate, offer: check.offer } };
      }
      case 'ready': {
        const request = await this.approvals.submit(tenantId, actor, tool, input, check, policy);
        const view = describeRequest(request);
        if (request.status === 'pending')
          return {
            httpStatus: 200,
            answer: {
              status: 'pending-approval',
              requestId: request.id,
              message: `Waiting for approval: ${(check.summary.text as string) ?? ''} Read the outcome later at ${APPROVAL_URI_PREFIX}${request.id} (MCP) or agent-tools/approvals/${request.id}.`,
              summary: check.summary,
              dryRun: check.dryRun,
            },
          };
        return {
          httpStatus: 200,
          answer: {
            status: request.status === 'executing' ? 'needs-human' : (request.status as string),
            requestId: request.id,
            message: request.autoApproved ? `Approved automatically (${policy.mode === 'auto' ? 'the tool\'s policy is Auto' : 'within the tenant\'s auto-approval thresholds'}); ${request.status}.` : request.status,
            summary: check.summary,
            dryRun: check.dryRun,
            result: view.result,
          },
        };
      }
    }
  }

  /** The scheduler hands over a change whose date has come: it runs under the tool's policy, as the system. */
  async submitScheduled(change: ScheduledChange, now = new Date()): Promise<void> {
    const tenantId = change.tenantId;
    const policy = await this.policies.get(tenantId, 'pax8-update-subscription');
    if (policy.mode === 'off') return this.scheduled.settle(change, { status: 'failed', error: 'pax8-update-subscription is turned off for this tenant' });
    const input = { subscriptionId: change.pax8SubscriptionId, ...(change.quantity !== null ? { quantity: change.quantity } : {}), ...(change.billingTerm ? { billingTerm: change.billingTerm } : {}) };
    try {
      const check = await this.writes.prepareUpdate(tenantId, input, now);
      if (check.status !== 'ready') return this.scheduled.settle(change, { status: 'failed', error: check.message });
      const request = await this.approvals.submit(tenantId, SYSTEM_ACTOR, 'pax8-update-subscription', { ...input, scheduledChangeId: change.id }, check, policy, change.id);
      await this.scheduled.settle(change, { status: 'submitted', approvalRequestId: request.id });
    } catch (e) {
      await this.scheduled.settle(change, { status: 'failed', error: (e as Error).message });
    }
  }
}
