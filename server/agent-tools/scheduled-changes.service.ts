import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, In, LessThanOrEqual } from 'typeorm';
import { AuditActor, AuditService, SYSTEM_ACTOR } from '../audit/audit.service';
import { TenantRepository } from '../common/tenancy/tenant-repository';
import { PAX8_DATA_SOURCE, PAX8_OPTIONS } from '../pax8.constants';
import type { ResolvedPax8Options } from '../pax8-options';
import { ApprovalConflictError } from './agent-tools.errors';
import { ScheduledChange, ScheduledChangeStatus } from './scheduled-change.entity';
import type { WritePlan } from './write-plan';

export const describeScheduledChange = (c: ScheduledChange, reminderDays: number) => ({
  id: c.id,
  subscriptionId: c.pax8SubscriptionId,
  companyId: c.pax8CompanyId,
  quantity: c.quantity,
  billingTerm: c.billingTerm,
  effectiveAt: c.effectiveAt,
  status: c.status,
  remindAt: new Date(c.effectiveAt.getTime() - reminderDays * 86_400_000),
  remindedAt: c.remindedAt,
  createdBy: c.createdBy,
  createdAt: c.createdAt,
  approvalRequestId: c.approvalRequestId,
  error: c.error,
});

/** NCE changes kept for their commitment end date: stored, listed, cancellable, reminded, then submitted. */
@Injectable()
export class ScheduledChangesService {
  constructor(
    @Inject(PAX8_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(PAX8_OPTIONS) private readonly options: ResolvedPax8Options,
    private readonly audit: AuditService,
  ) {}

  private repo(tenantId: string) {
    return new TenantRepository(this.dataSource, ScheduledChange, tenantId);
  }

  private describe = (c: ScheduledChange) => describeScheduledChange(c, this.options.agentTools.reminderDays);

  async create(tenantId: string, actor: AuditActor, plan: Extract<WritePlan, { kind: 'quantity' }>, effectiveAt: Date) {
    const repo = this.repo(tenantId);
    const change = await repo.save(
      repo.create({
        pax8SubscriptionId: plan.subscriptionId,
        pax8CompanyId: plan.companyId,
        quantity: plan.quantity ?? null,
        billingTerm: plan.billingTerm ?? null,
        effectiveAt,
        status: 'scheduled',
        remindedAt: null,
        createdBy: actor.id,
        approvalRequestId: null,
        error: null,
      }),
    );
    await this.audit.record(tenantId, actor, 'agent.change_scheduled', { type: 'scheduled-change', id: change.id }, { subscriptionId: plan.subscriptionId, quantity: plan.quantity ?? null, billingTerm: plan.billingTerm ?? null, effectiveAt: effectiveAt.toISOString() });
    return this.describe(change);
  }

  /** Soonest first; `total` counts them all when there are more than `limit`. */
  async list(tenantId: string, statuses: ScheduledChangeStatus[] | undefined, limit: number, offset: number) {
    const repo = this.repo(tenantId);
    const where = statuses ? { status: In(statuses) } : {};
    const [rows, total] = await Promise.all([repo.find(where, { order: { effectiveAt: 'ASC', id: 'ASC' }, take: limit, skip: offset }), repo.count(where)]);
    return { total, items: rows.map(this.describe) };
  }

  async cancel(tenantId: string, actor: AuditActor, id: string) {
    const existing = await this.repo(tenantId).findOne({ id });
    if (!existing) throw new NotFoundException('No scheduled change with this id for this tenant.');
    const done = (await this.repo(tenantId).update({ id, status: 'scheduled' }, { status: 'cancelled' })) as { affected?: number };
    if (done.affected !== 1) throw new ApprovalConflictError(`This change is already ${existing.status}; only a scheduled change can be cancelled.`, existing.status);
    await this.audit.record(tenantId, actor, 'agent.change_cancelled', { type: 'scheduled-change', id }, { subscriptionId: existing.pax8SubscriptionId });
    return this.describe({ ...existing, status: 'cancelled' } as ScheduledChange);
  }

  /** Marks reminders that fell due (audit entry + remindedAt, shown by the elements); returns how many. */
  async remind(now = new Date()): Promise<number> {
    const horizon = new Date(now.getTime() + this.options.agentTools.reminderDays * 86_400_000);
    const due = await this.dataSource.getRepository(ScheduledChange).find({ where: { status: 'scheduled', effectiveAt: LessThanOrEqual(horizon) }, take: 200 });
    let n = 0;
    for (const c of due.filter((x) => !x.remindedAt)) {
      await this.repo(c.tenantId).update({ id: c.id }, { remindedAt: now });
      await this.audit.record(c.tenantId, SYSTEM_ACTOR, 'agent.change_reminder', { type: 'scheduled-change', id: c.id }, { subscriptionId: c.pax8SubscriptionId, effectiveAt: c.effectiveAt.toISOString(), quantity: c.quantity, billingTerm: c.billingTerm });
      n++;
    }
    return n;
  }

  /** Claims changes whose date has come (conditional update, so two processes never submit one twice). */
  async claimDue(now = new Date()): Promise<ScheduledChange[]> {
    const due = await this.dataSource.getRepository(ScheduledChange).find({ where: { status: 'scheduled', effectiveAt: LessThanOrEqual(now) }, take: 100 });
    const claimed: ScheduledChange[] = [];
    for (const c of due) {
      const r = (await this.repo(c.tenantId).update({ id: c.id, status: 'scheduled' }, { status: 'submitted' })) as { affected?: number };
      if (r.affected === 1) claimed.push(Object.assign(c, { status: 'submitted' as const }));
    }
    return claimed;
  }

  async settle(c: ScheduledChange, values: { status: ScheduledChangeStatus; approvalRequestId?: string | null; error?: string | null }): Promise<void> {
    await this.repo(c.tenantId).update({ id: c.id }, values);
  }
}
