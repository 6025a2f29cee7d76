import { Entity, Index } from 'typeorm';
import { IdColumn, ShortTextColumn } from '../common/orm/columns';
import { TenantEntity } from '../common/orm/tenant-entity';

/** allow: the agent runs the tool freely; approval: a person must approve each call; deny: never. */
export type ToolPolicyMode = 'allow' | 'approval' | 'deny';

@Entity('pax8_agent_tool_policies')
@Index('UQ_pax8_agent_tool_policies_tenant_tool', ['tenantId', 'toolName'], { unique: true })
export class AgentToolPolicy extends TenantEntity {
  @ShortTextColumn(64)
  toolName: string;

  @ShortTextColumn(16)
  mode: ToolPolicyMode;

  @IdColumn({ nullable: true })
  updatedBy: string | null;
}
