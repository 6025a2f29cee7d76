import { Controller, Get, HttpCode, NotFoundException, Param, Post, Query, UseFilters, UseGuards, UsePipes } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { Access } from '../common/http/access.decorator';
import { DomainErrorFilter } from '../common/http/domain-error.filter';
import { Pax8RequestGuard } from '../common/http/pax8-request.guard';
import { Principal } from '../common/http/principal.decorator';
import { pax8ValidationPipe } from '../common/http/validation.pipe';
import type { RequestPrincipal } from '../host/tenant-context.port';
import { SyncRunsService } from './sync-runs.service';
import { SyncService } from './sync.service';

class RunsQueryDto {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  limit?: number = 20;
}

/**
 * Sync routes. Progress is polled: POST answers 202 with the run; GET sync/runs/:id reports its phase
 * and pages done out of pages total until `status` is no longer "running".
 */
@Controller('sync')
@UseGuards(Pax8RequestGuard)
@UsePipes(pax8ValidationPipe())
@UseFilters(DomainErrorFilter)
export class SyncController {
  constructor(
    private readonly sync: SyncService,
    private readonly runs: SyncRunsService,
  ) {}

  @Post()
  @HttpCode(202)
  @Access('manage')
  async syncNow(@Principal() p: RequestPrincipal) {
    const { run, done } = await this.sync.start(p.tenantId, { kind: 'full', trigger: 'manual', startedBy: p.userId });
    done.catch(() => undefined); // the run records its own failure
    return SyncRunsService.describe(run);
  }

  @Post('companies/:pax8CompanyId')
  @HttpCode(202)
  @Access('manage')
  async syncCompany(@Principal() p: RequestPrincipal, @Param('pax8CompanyId') pax8CompanyId: string) {
    if (!(await this.runs.companyExists(p.tenantId, pax8CompanyId))) throw new NotFoundException('No Pax8 company with this id has been synced for this tenant.');
    const { run, done } = await this.sync.start(p.tenantId, { kind: 'company', trigger: 'manual', startedBy: p.userId, pax8CompanyId });
    done.catch(() => undefined);
    return SyncRunsService.describe(run);
  }

  @Get('runs')
  @Access('view')
  async list(@Principal() p: RequestPrincipal, @Query() q: RunsQueryDto) {
    return { items: (await this.runs.recent(p.tenantId, q.limit ?? 20)).map(SyncRunsService.describe) };
  }

  @Get('runs/:runId')
  @Access('view')
  async get(@Principal() p: RequestPrincipal, @Param('runId') runId: string) {
    const run = await this.runs.get(p.tenantId, runId);
    if (!run) throw new NotFoundException('No sync run with this id for this tenant.');
    return SyncRunsService.describe(run);
  }
}
