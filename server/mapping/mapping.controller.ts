import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, UseFilters, UseGuards, UsePipes } from '@nestjs/common';
import { Access } from '../common/http/access.decorator';
import { DomainErrorFilter } from '../common/http/domain-error.filter';
import { Pax8RequestGuard } from '../common/http/pax8-request.guard';
import { Principal } from '../common/http/principal.decorator';
import { pax8ValidationPipe } from '../common/http/validation.pipe';
import type { RequestPrincipal } from '../host/tenant-context.port';
import { ListCompaniesQueryDto, MapCompanyDto, SearchClientsQueryDto } from './dto/mapping.dto';
import { MappingService } from './mapping.service';

const actorOf = (p: RequestPrincipal) => ({ id: p.userId, name: p.userName ?? null });

/** Companies, their mapping to host clients, suggestions and auto-mapping. */
@Controller()
@UseGuards(Pax8RequestGuard)
@UsePipes(pax8ValidationPipe())
@UseFilters(DomainErrorFilter)
export class MappingController {
  constructor(private readonly mapping: MappingService) {}

  @Get('companies')
  @Access('view')
  list(@Principal() p: RequestPrincipal, @Query() q: ListCompaniesQueryDto) {
    return this.mapping.listCompanies(p.tenantId, q);
  }

  @Get('companies/:pax8CompanyId')
  @Access('view')
  get(@Principal() p: RequestPrincipal, @Param('pax8CompanyId') id: string) {
    return this.mapping.getCompany(p.tenantId, id);
  }

  @Get('companies/:pax8CompanyId/suggestions')
  @Access('view')
  async suggestions(@Principal() p: RequestPrincipal, @Param('pax8CompanyId') id: string) {
    return { items: await this.mapping.suggestionsFor(p.tenantId, id) };
  }

  @Put('companies/:pax8CompanyId/mapping')
  @Access('manage')
  map(@Principal() p: RequestPrincipal, @Param('pax8CompanyId') id: string, @Body() dto: MapCompanyDto) {
    return this.mapping.mapCompany(p.tenantId, actorOf(p), id, dto.clientId);
  }

  @Delete('companies/:pax8CompanyId/mapping')
  @Access('manage')
  unmap(@Principal() p: RequestPrincipal, @Param('pax8CompanyId') id: string) {
    return this.mapping.unmapCompany(p.tenantId, actorOf(p), id);
  }

  @Post('mapping/auto')
  @HttpCode(200)
  @Access('manage')
  autoMap(@Principal() p: RequestPrincipal) {
    return this.mapping.autoMapTenant(p.tenantId, actorOf(p));
  }

  @Get('clients')
  @Access('view')
  async clients(@Principal() p: RequestPrincipal, @Query() q: SearchClientsQueryDto) {
    return { items: await this.mapping.searchClients(p.tenantId, q.search, q.limit ?? 20) };
  }
}
