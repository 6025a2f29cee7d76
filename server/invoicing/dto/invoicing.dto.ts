import { BadRequestException } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { PERIOD_PATTERN } from '../periods';
import { RECON_CLASSES, ReconClass } from '../reconcile/reconcile';

const PERIOD_REASON = 'must be a month as YYYY-MM (e.g. 2026-05)';

export class ReconciliationQueryDto {
  @IsString() @Matches(PERIOD_PATTERN, { message: PERIOD_REASON })
  period: string;

  /** Only this host client's companies. */
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(64)
  clientId?: string;

  /** Only rows of this class (totals still cover every row). */
  @IsOptional() @IsIn(RECON_CLASSES as ReconClass[])
  class?: ReconClass;
}

export class LeaksQueryDto {
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(64)
  clientId?: string;
}

export class InvoicesQueryDto {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit?: number = 50;

  @IsOptional() @Type(() => Number) @IsInt() @Min(0)
  offset?: number = 0;
}

/** A period in a path: 400 with the same body shape as the validation pipe. */
export function checkPeriod(period: string): string {
  if (!PERIOD_PATTERN.test(period)) {
    throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: `period: ${PERIOD_REASON}`, errors: [{ field: 'period', reason: PERIOD_REASON }] });
  }
  return period;
}
