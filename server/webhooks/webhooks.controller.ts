import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, UseFilters, UseGuards, UsePipes } from '@nestjs/common';
import { Access } from '../common/http/access.decorator';
import { DomainErrorFilter } from '../common/http/domain-error.filter';
import { Pax8RequestGuard } from '../common/http/pax8-request.guard';
import { Principal } from '../common/http/principal.decorator';
import { pax8ValidationPipe } from '../common/http/validation.pipe';
import type { RequestPrincipal } from '../host/tenant-context.port';
import { RegisterWebhookDto } from './dto/webhooks.dto';
import { WebhooksService } from './webhooks.service';

const actorOf = (p: RequestPrincipal) => ({ id: p.userId, name: p.userName ?? null });

/** The webhook registration card: state, register, unregister, replay a failed delivery. */
@Controller('webhooks')
@UseGuards(Pax8RequestGuard)
@UsePipes(pax8ValidationPipe())
@UseFilters(DomainErrorFilter)
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Get()
  @Access('manage')
  state(@Principal() p: RequestPrincipal) {
    return this.webhooks.state(p.tenantId);
  }

  @Put('registration')
  @Access('manage')
  register(@Principal() p: RequestPrincipal, @Body() dto: RegisterWebhookDto) {
    return this.webhooks.register(p.tenantId, actorOf(p), dto.topics);
  }

  @Delete('registration')
  @Access('manage')
  unregister(@Principal() p: RequestPrincipal) {
    return this.webhooks.unregister(p.tenantId, actorOf(p));
  }

  @Post('deliveries/:logId/replay')
  @HttpCode(202)
  @Access('manage')
  replay(@Principal() p: RequestPrincipal, @Param('logId') logId: string) {
    return this.webhooks.replay(p.tenantId, logId);
  }
}
