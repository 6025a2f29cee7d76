import { Column, Entity, Index } from 'typeorm';
import { IdColumn, MoneyColumn, ShortTextColumn } from '../common/orm/columns';
import { TenantEntity } from '../common/orm/tenant-entity';

/** auto: the agent runs the tool freely; approval: a person approves each write; off: never. */
export type ToolPolicyMode = 'auto' | 'approval' | 'off';

/** A tenant's choice for one tool; tools without a row use their default (tool-catalog.ts). */
@Entity('pax8_agent_tool_policies')
@Index('UQ_pax8_agent_tool_policies_tenant_tool', ['tenantId', 'toolName'], { unique: true })
export class AgentToolPolicy extends TenantEntity {
  @ShortTextColumn(64)
  toolName: string;

  @ShortTextColumn(16)
  mode: ToolPolicyMode;

  /** Write tools under approval: approve automatically a quantity increase of at most this many seats. */
  @Column({ type: 'int', nullable: true })
  autoApproveMaxSeats: number | null;

  /** Write tools under approval: approve automatically when the Pax8 cost rises by less than this per month. */
  @MoneyColumn({ nullable: true })
  autoApproveMaxMonthly: string | null;

  @IdColumn({ nullable: true })
  updatedBy: string | null;
}
