import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { DataSource, QueryFailedError } from 'typeorm';
import { AuditActor, AuditService } from '../audit/audit.service';
import { TenantRepository } from '../common/tenancy/tenant-repository';
import { PAX8_DATA_SOURCE } from '../pax8.constants';
import { AgentToolPolicy, ToolPolicyMode } from './agent-tool-policy.entity';
import { ToolNotFoundError } from './agent-tools.errors';
import { ToolName, TOOLS, TOOLS_BY_NAME } from './tool-catalog';

export interface EffectivePolicy {
  tool: ToolName;
  kind: 'read' | 'write';
  mode: ToolPolicyMode;
  defaultMode: ToolPolicyMode;
  autoApproveMaxSeats: number | null;
  autoApproveMaxMonthly: string | null;
  updatedBy: string | null;
  updatedAt: Date | null;
}

/** Per tenant and tool: Auto, Approval needed or Off; tools without a row keep their default. */
@Injectable()
export class PoliciesService {
  constructor(
    @Inject(PAX8_DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  private repo(tenantId: string) {
    return new TenantRepository(this.dataSource, AgentToolPolicy, tenantId);
  }

  async list(tenantId: string): Promise<EffectivePolicy[]> {
    const rows = new Map((await this.repo(tenantId).find()).map((r) => [r.toolName, r]));
    return TOOLS.map((t) => this.describe(t.name, rows.get(t.name) ?? null));
  }

  async get(tenantId: string, tool: ToolName): Promise<EffectivePolicy> {
    return this.describe(tool, await this.repo(tenantId).findOne({ toolName: tool }));
  }

  private describe(tool: ToolName, row: AgentToolPolicy | null): EffectivePolicy {
    const def = TOOLS_BY_NAME.get(tool)!;
    return {
      tool,
      kind: def.kind,
      mode: row?.mode ?? def.defaultPolicy,
      defaultMode: def.defaultPolicy,
      autoApproveMaxSeats: row?.autoApproveMaxSeats ?? null,
      autoApproveMaxMonthly: row?.autoApproveMaxMonthly ?? null,
      updatedBy: row?.updatedBy ?? null,
      updatedAt: row?.updatedAt ?? null,
    };
  }

  async set(
    tenantId: string,
    actor: AuditActor,
    tool: string,
    change: { mode: ToolPolicyMode; autoApproveMaxSeats?: number | null; autoApproveMaxMonthly?: string | null },
  ): Promise<EffectivePolicy> {
    const def = TOOLS_BY_NAME.get(tool);
    if (!def) throw new ToolNotFoundError(tool);
    const thresholds = change.autoApproveMaxSeats != null || change.autoApproveMaxMonthly != null;
    if (def.kind === 'read' && thresholds)
      throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: 'Auto-approval thresholds apply to write tools only', errors: [{ field: 'autoApproveMaxSeats', reason: 'applies to write tools only' }] });
    const before = await this.get(tenantId, def.name);
    const values = {
      mode: change.mode,
      autoApproveMaxSeats: change.autoApproveMaxSeats ?? null,
      autoApproveMaxMonthly: change.autoApproveMaxMonthly ?? null,
      updatedBy: actor.id,
    };
    const repo = this.repo(tenantId);
    const save = async () => {
      const row = await repo.findOne({ toolName: def.name });
      if (row) await repo.update({ id: row.id }, values);
      else await repo.save(repo.create({ toolName: def.name, ...values }));
    };
    // Two first-time saves at once: the unique (tenant, tool) index lets one insert; the other updates.
    await save().catch((e) => (e instanceof QueryFailedError ? save() : Promise.reject(e)));
    const after = await this.get(tenantId, def.name);
    await this.audit.record(tenantId, actor, 'agent.policy_changed', { type: 'agent-tool', id: def.name }, {
      tool: def.name,
      from: { mode: before.mode, autoApproveMaxSeats: before.autoApproveMaxSeats, autoApproveMaxMonthly: before.autoApproveMaxMonthly },
      to: { mode: after.mode, autoApproveMaxSeats: after.autoApproveMaxSeats, autoApproveMaxMonthly: after.autoApproveMaxMonthly },
    });
    return after;
  }
}
