import { Body, Controller, Delete, Get, Param, Post, Put, UseFilters, UseGuards, UsePipes } from '@nestjs/common';
import { Access } from '../common/http/access.decorator';
import { DomainErrorFilter } from '../common/http/domain-error.filter';
import { Pax8RequestGuard } from '../common/http/pax8-request.guard';
import { actorOf, Principal } from '../common/http/principal.decorator';
import { pax8ValidationPipe } from '../common/http/validation.pipe';
import type { RequestPrincipal } from '../host/tenant-context.port';
import { CreatePricingRuleDto, UpdatePricingRuleDto } from './dto/billing.dto';
import { PricingRulesService } from './pricing-rules.service';

/** Pricing rules: default, vendor, product and client markups (audited). */
@Controller('pricing-rules')
@UseGuards(Pax8RequestGuard)
@UsePipes(pax8ValidationPipe())
@UseFilters(DomainErrorFilter)
export class PricingRulesController {
  constructor(private readonly rules: PricingRulesService) {}

  @Get()
  @Access('view')
  list(@Principal() p: RequestPrincipal) {
    return this.rules.list(p.tenantId);
  }

  @Get(':id')
  @Access('view')
  get(@Principal() p: RequestPrincipal, @Param('id') id: string) {
    return this.rules.get(p.tenantId, id);
  }

  @Post()
  @Access('manage')
  create(@Principal() p: RequestPrincipal, @Body() dto: CreatePricingRuleDto) {
    return this.rules.create(p.tenantId, actorOf(p), dto);
  }

  @Put(':id')
  @Access('manage')
  update(@Principal() p: RequestPrincipal, @Param('id') id: string, @Body() dto: UpdatePricingRuleDto) {
    return this.rules.update(p.tenantId, actorOf(p), id, dto);
  }

  @Delete(':id')
  @Access('manage')
  remove(@Principal() p: RequestPrincipal, @Param('id') id: string) {
    return this.rules.remove(p.tenantId, actorOf(p), id);
  }
}
