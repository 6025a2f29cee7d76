import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import type { ToolPolicyMode } from '../agent-tool-policy.entity';
import type { ApprovalStatus } from '../approval-request.entity';

export class SetPolicyDto {
  @IsIn(['auto', 'approval', 'off'])
  mode: ToolPolicyMode;

  /** Auto-approve quantity increases of at most this many seats (write tools; null = never). */
  @IsOptional() @ValidateIf((_o, v) => v !== null) @IsInt() @Min(1) @Max(10000)
  autoApproveMaxSeats?: number | null;

  /** Auto-approve when the Pax8 cost rises by less than this per month (write tools; null = never). */
  @IsOptional() @ValidateIf((_o, v) => v !== null) @IsString() @Matches(/^\d{1,9}(\.\d{1,2})?$/, { message: 'must be an amount like 50 or 49.99' })
  autoApproveMaxMonthly?: string | null;
}

export class InvokeToolDto {
  /** The tool's input, checked against its JSON Schema. */
  @IsOptional() @IsObject()
  input?: Record<string, unknown>;
}

export class ListToolsQueryDto {
  /** mcp (name, description, inputSchema, outputSchema), openai (function tools) or anthropic (input_schema). */
  @IsOptional() @IsIn(['mcp', 'openai', 'anthropic'])
  format?: 'mcp' | 'openai' | 'anthropic' = 'mcp';
}

export class ListApprovalsQueryDto {
  @IsOptional() @IsIn(['pending', 'executing', 'executed', 'failed', 'needs-human', 'rejected', 'expired'])
  status?: ApprovalStatus;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit?: number = 50;

  @IsOptional() @Type(() => Number) @IsInt() @Min(0)
  offset?: number = 0;
}

export class RejectApprovalDto {
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(500)
  reason?: string;
}

export class ListScheduledChangesQueryDto {
  @IsOptional() @IsIn(['scheduled', 'submitted', 'cancelled', 'failed'])
  status?: 'scheduled' | 'submitted' | 'cancelled' | 'failed';

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit?: number = 100;

  @IsOptional() @Type(() => Number) @IsInt() @Min(0)
  offset?: number = 0;
}
