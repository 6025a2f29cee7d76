import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import Decimal from 'decimal.js';
import { DataSource, LessThanOrEqual, MoreThan } from 'typeorm';
import { AuditActor, AuditService, SYSTEM_ACTOR } from '../audit/audit.service';
import { TenantRepository } from '../common/tenancy/tenant-repository';
import type { RequestPrincipal } from '../host/tenant-context.port';
import { PAX8_DATA_SOURCE, PAX8_OPTIONS } from '../pax8.constants';
import type { ResolvedPax8Options } from '../pax8-options';
import { ApprovalRequest, ApprovalStatus } from './approval-request.entity';
import { ApprovalConflictError, NotAnApproverError } from './agent-tools.errors';
import { OrderLedgerEntry } from './order-ledger-entry.entity';
import { OrderLedgerService } from './order-ledger.service';
import { EffectivePolicy, PoliciesService } from './policies.service';
import type { ToolName } from './tool-catalog';
import { planHash, WritePlan } from './write-plan';
import type { PreparedWrite } from './write-tools.service';

const LEDGER_TO_REQUEST: Record<OrderLedgerEntry['status'], ApprovalStatus> = {
  sending: 'executing',
  unknown: 'executing',
  placed: 'executed',
  'not-placed': 'failed',
  'needs-human': 'needs-human',
};

/** MCP resource URI of a request: the agent reads the outcome there (and at GET agent-tools/approvals/:id). */
export const APPROVAL_URI_PREFIX = 'pax8://approvals/';

export const describeRequest = (r: ApprovalRequest, ledger?: OrderLedgerEntry | null) => ({
  id: r.id,
  tool: r.toolName,
  status: r.status,
  summary: r.summary,
  dryRun: r.dryRun,
  input: (r.arguments as { input?: unknown }).input ?? null,
  requestedBy: r.requestedBy,
  requestedAt: r.createdAt,
  decidedBy: r.decidedBy,
  decidedAt: r.decidedAt,
  autoApproved: r.autoApproved,
  expiresAt: r.expiresAt,
  scheduledChangeId: r.scheduledChangeId,
  result: r.result,
  error: r.error,
  ledger: ledger ? { status: ledger.status, pax8OrderId: ledger.pax8OrderId, sentAt: ledger.sentAt, reconciledAt: ledger.reconciledAt, outcome: ledger.outcome } : null,
});

/**
 * Approval requests. Deciding is one conditional UPDATE out of `pending` (status, expiry and tenant in
 * the WHERE clause): of any number of concurrent approve calls exactly one changes a row, on every
 * database, and only that one sends the write, through the ledger (whose unique row is a second guard).
 */
@Injectable()
export class ApprovalsService {
  constructor(
    @Inject(PAX8_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(PAX8_OPTIONS) private readonly options: ResolvedPax8Options,
    private readonly ledger: OrderLedgerService,
    private readonly policies: PoliciesService,
    private readonly audit: AuditService,
  ) {}

  private repo(tenantId: string) {
    return new TenantRepository(this.dataSource, ApprovalRequest, tenantId);
  }

  isApprover(p: RequestPrincipal): boolean {
    return (p.permissions ?? []).includes(this.options.agentTools.approverPermission);
  }

  async list(tenantId: string, status: ApprovalStatus | undefined, limit: number, offset: number) {
    const repo = this.repo(tenantId);
    const where = status ? { status } : {};
    const [items, total] = await Promise.all([repo.find(where, { order: { createdAt: 'DESC', id: 'DESC' }, take: limit, skip: offset }), repo.count(where)]);
    const ledgers = new Map((await this.ledger.findForApprovals(tenantId, items.map((r) => r.id))).map((l) => [l.approvalRequestId, l]));
    return { total, items: items.map((r) => describeRequest(r, ledgers.get(r.id))) };
  }

  async get(tenantId: string, id: string) {
    const r = await this.require(tenantId, id);
    return describeRequest(r, await this.ledger.findForApproval(tenantId, id));
  }

  private async require(tenantId: string, id: string): Promise<ApprovalRequest> {
    const r = await this.repo(tenantId).findOne({ id });
    if (!r) throw new NotFoundException('No approval request with this id for this tenant.');
    return r;
  }

  /** Records a checked write: pending for a person, or executed at once under the tenant's thresholds or an Auto policy. */
  async submit(
    tenantId: string,
    actor: AuditActor,
    tool: ToolName,
    input: Record<string, unknown>,
    prepared: PreparedWrite,
    policy: EffectivePolicy,
    scheduledChangeId: string | null = null,
  ): Promise<ApprovalRequest> {
    const auto = policy.mode === 'auto' ? 'policy' : this.withinThresholds(prepared, policy) ? 'threshold' : null;
    const repo = this.repo(tenantId);
    const now = new Date();
    const request = await repo.save(
      repo.create({
        toolName: tool,
        arguments: { input, plan: prepared.plan },
        inputHash: planHash(prepared.plan),
        status: auto ? 'executing' : 'pending',
        summary: { ...prepared.summary, ...(auto === 'threshold' ? { autoApprovedBecause: this.thresholdText(policy) } : {}) },
        dryRun: prepared.dryRun,
        requestedBy: actor.id,
        decidedBy: auto ? SYSTEM_ACTOR.id : null,
        decidedAt: auto ? now : null,
        autoApproved: !!auto,
        expiresAt: new Date(now.getTime() + this.options.agentTools.approvalTtlMinutes * 60_000),
        scheduledChangeId,
        result: null,
        error: null,
      }),
    );
    await this.audit.record(tenantId, actor, auto ? 'agent.approval_auto' : 'agent.approval_requested', { type: 'approval-request', id: request.id }, { tool, policy: policy.mode, autoApproved: auto, summary: prepared.summary.text });
    return auto ? this.run(tenantId, request) : request;
  }

  /** Records a write Pax8 refused in the dry run, so the exact rejection stays on file; nobody is asked. */
  async recordRejectedDryRun(tenantId: string, actor: AuditActor, tool: ToolName, input: Record<string, unknown>, plan: WritePlan, summary: Record<string, unknown>, dryRun: Record<string, unknown>): Promise<ApprovalRequest> {
    const repo = this.repo(tenantId);
    return repo.save(
      repo.create({
        toolName: tool, arguments: { input, plan }, inputHash: planHash(plan), status: 'failed', summary, dryRun,
        requestedBy: actor.id, decidedBy: null, decidedAt: null, autoApproved: false, expiresAt: new Date(),
        scheduledChangeId: null, result: null, error: 'Pax8 rejected the dry run (isMock); nothing was ordered.',
      }),
    );
  }

  private withinThresholds(prepared: PreparedWrite, policy: EffectivePolicy): boolean {
    const seatsOk = policy.autoApproveMaxSeats !== null && prepared.seatsAdded > 0 && prepared.seatsAdded <= policy.autoApproveMaxSeats;
    const moneyOk =
      policy.autoApproveMaxMonthly !== null && prepared.monthlyCostChange !== null && prepared.seatsAdded >= 0 && new Decimal(prepared.monthlyCostChange).lessThan(policy.autoApproveMaxMonthly);
    return seatsOk || moneyOk;
  }

  private thresholdText(policy: EffectivePolicy): string {
    return [
      policy.autoApproveMaxSeats !== null ? `an increase of at most ${policy.autoApproveMaxSeats} seats` : null,
      policy.autoApproveMaxMonthly !== null ? `less than ${policy.autoApproveMaxMonthly} more per month` : null,
    ].filter(Boolean).join(' or ');
  }

  async approve(tenantId: string, principal: RequestPrincipal, id: string) {
    if (!this.isApprover(principal)) throw new NotAnApproverError(this.options.agentTools.approverPermission);
    const request = await this.require(tenantId, id);
    const policy = await this.policies.get(tenantId, request.toolName as ToolName);
    if (policy.mode === 'off') throw new ApprovalConflictError(`The tool ${request.toolName} is turned off for this tenant; the request cannot run. Turn the tool on first.`, request.status);
    const now = new Date();
    const actor = { id: principal.userId, name: principal.userName ?? null };
    const claimed = await this.transition(tenantId, id, 'executing', { decidedBy: actor.id, decidedAt: now }, now);
    if (!claimed) throw await this.conflict(tenantId, id, now);
    await this.audit.record(tenantId, actor, 'agent.approval_approved', { type: 'approval-request', id }, { tool: request.toolName });
    const done = await this.run(tenantId, Object.assign(request, { status: 'executing', decidedBy: actor.id, decidedAt: now }));
    return describeRequest(done, await this.ledger.findForApproval(tenantId, id));
  }

  async reject(tenantId: string, principal: RequestPrincipal, id: string, reason: string | undefined) {
    if (!this.isApprover(principal)) throw new NotAnApproverError(this.options.agentTools.approverPermission);
    const request = await this.require(tenantId, id);
    const now = new Date();
    const actor = { id: principal.userId, name: principal.userName ?? null };
    const claimed = await this.transition(tenantId, id, 'rejected', { decidedBy: actor.id, decidedAt: now, error: reason ? `Rejected: ${reason}` : 'Rejected' }, now);
    if (!claimed) throw await this.conflict(tenantId, id, now);
    await this.audit.record(tenantId, actor, 'agent.approval_rejected', { type: 'approval-request', id }, { tool: request.toolName, reason: reason ?? null });
    return this.get(tenantId, id);
  }

  /** The conditional UPDATE: true only for the one caller that moved the row out of `pending`. */
  private async transition(tenantId: string, id: string, to: ApprovalStatus, values: Partial<ApprovalRequest>, now: Date): Promise<boolean> {
    const result = (await this.repo(tenantId).update({ id, status: 'pending', expiresAt: MoreThan(now) }, { status: to, ...values } as never)) as { affected?: number };
    return result.affected === 1;
  }

  private async conflict(tenantId: string, id: string, now: Date): Promise<ApprovalConflictError> {
    const r = await this.require(tenantId, id);
    if (r.status === 'pending' && r.expiresAt <= now) {
      await this.expire(tenantId, now);
      return new ApprovalConflictError(`This request expired at ${r.expiresAt.toISOString()}; ask the agent again.`, 'expired');
    }
    const by = r.decidedBy ? ` by ${r.decidedBy}` : '';
    return new ApprovalConflictError(`This request is already ${r.status}${by}; it runs at most once.`, r.status);
  }

  /** Executes the stored plan once (after the hash check) and records the ledger's outcome on the request. */
  private async run(tenantId: string, request: ApprovalRequest): Promise<ApprovalRequest> {
    const plan = (request.arguments as { plan: WritePlan }).plan;
    if (planHash(plan) !== request.inputHash) return this.finish(tenantId, request, 'failed', null, 'The stored request does not match what was approved; nothing was sent.');
    try {
      const entry = await this.ledger.execute(tenantId, request.id, plan);
      return await this.finishFromLedger(tenantId, request, entry);
    } catch (e) {
      // The ledger row decides: none means nothing was sent; one still "sending" is left to the scheduler's reconciliation.
      const entry = await this.ledger.findForApproval(tenantId, request.id);
      if (!entry) return this.finish(tenantId, request, 'failed', null, `Nothing was sent to Pax8: ${(e as Error).message}`);
      return this.finish(tenantId, request, 'executing', { ledger: entry.status }, 'Interrupted while sending; the outcome will be reconciled from Pax8.');
    }
  }

  async finishFromLedger(tenantId: string, request: ApprovalRequest, entry: OrderLedgerEntry): Promise<ApprovalRequest> {
    const status = LEDGER_TO_REQUEST[entry.status];
    const error = status === 'failed' ? 'Pax8 did not carry out the change' : status === 'needs-human' ? 'The outcome is unclear; a person must check Pax8' : null;
    const saved = await this.finish(tenantId, request, status, { ledger: entry.status, pax8OrderId: entry.pax8OrderId, ...(entry.outcome ?? {}) }, error);
    await this.audit.record(tenantId, SYSTEM_ACTOR, 'agent.write_outcome', { type: 'approval-request', id: request.id }, { tool: request.toolName, ledger: entry.status, pax8OrderId: entry.pax8OrderId });
    return saved;
  }

  private async finish(tenantId: string, request: ApprovalRequest, status: ApprovalStatus, result: Record<string, unknown> | null, error: string | null): Promise<ApprovalRequest> {
    await this.repo(tenantId).update({ id: request.id }, { status, result, error } as never);
    return Object.assign(request, { status, result, error });
  }

  /** Pending requests past their time become expired (one UPDATE per tenant). */
  async expire(tenantId: string, now = new Date()): Promise<number> {
    const r = (await this.repo(tenantId).update({ status: 'pending', expiresAt: LessThanOrEqual(now) }, { status: 'expired', error: 'Expired before anyone approved it' })) as { affected?: number };
    return r.affected ?? 0;
  }

  /** Tenants with pending requests past their time (system-wide, for the scheduler). */
  async tenantsWithExpired(now = new Date()): Promise<string[]> {
    const rows = await this.dataSource.getRepository(ApprovalRequest).createQueryBuilder('a').select('DISTINCT a.tenantId', 'tenantId').where({ status: 'pending', expiresAt: LessThanOrEqual(now) }).getRawMany();
    return rows.map((r) => r.tenantId);
  }

  async forLedger(entry: OrderLedgerEntry): Promise<ApprovalRequest | null> {
    return this.repo(entry.tenantId).findOne({ id: entry.approvalRequestId });
  }
}
