import { Controller, Get, Query, UseFilters, UseGuards, UsePipes } from '@nestjs/common';
import { DomainErrorFilter } from '../common/http/domain-error.filter';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { Access } from '../common/http/access.decorator';
import { Pax8RequestGuard } from '../common/http/pax8-request.guard';
import { Principal } from '../common/http/principal.decorator';
import { MAX_OFFSET, pax8ValidationPipe } from '../common/http/validation.pipe';
import type { RequestPrincipal } from '../host/tenant-context.port';
import { AuditService } from './audit.service';

export class AuditQueryDto {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit?: number = 50;

  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(MAX_OFFSET)
  offset?: number = 0;
}

@Controller('audit')
@UseGuards(Pax8RequestGuard)
@UsePipes(pax8ValidationPipe())
@UseFilters(DomainErrorFilter)
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** GET /pax8/audit: who did what and when (admins only: entries name users). */
  @Get()
  @Access('manage')
  async list(@Principal() principal: RequestPrincipal, @Query() query: AuditQueryDto) {
    const entries = await this.audit.list(principal.tenantId, query.limit ?? 50, query.offset ?? 0);
    return {
      items: entries.map((e) => ({
        id: e.id,
        at: e.createdAt,
        actor: { id: e.actorId, name: e.actorName },
        action: e.action,
        target: e.targetType ? { type: e.targetType, id: e.targetId } : null,
        details: e.details,
      })),
    };
  }
}
