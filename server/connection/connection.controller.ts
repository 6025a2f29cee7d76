import { Body, Controller, Delete, Get, HttpCode, Post, Put, UseFilters, UseGuards, UsePipes } from '@nestjs/common';
import { DomainErrorFilter } from '../common/http/domain-error.filter';
import { Access } from '../common/http/access.decorator';
import { Pax8RequestGuard } from '../common/http/pax8-request.guard';
import { Principal } from '../common/http/principal.decorator';
import { pax8ValidationPipe } from '../common/http/validation.pipe';
import type { RequestPrincipal } from '../host/tenant-context.port';
import { ConnectionService } from './connection.service';
import { DisconnectDto, SaveConnectionDto, TestCredentialsDto } from './dto/connection.dto';

const actorOf = (p: RequestPrincipal) => ({ id: p.userId, name: p.userName ?? null });

/** Routes of the connection card, under /<prefix>/connection. */
@Controller('connection')
@UseGuards(Pax8RequestGuard)
@UsePipes(pax8ValidationPipe())
@UseFilters(DomainErrorFilter)
export class ConnectionController {
  constructor(private readonly connection: ConnectionService) {}

  @Get()
  @Access('view')
  status(@Principal() p: RequestPrincipal) {
    return this.connection.status(p.tenantId);
  }

  @Post('test')
  @HttpCode(200)
  @Access('manage')
  test(@Principal() p: RequestPrincipal, @Body() dto: TestCredentialsDto) {
    return this.connection.test(p.tenantId, dto);
  }

  @Put()
  @Access('manage')
  save(@Principal() p: RequestPrincipal, @Body() dto: SaveConnectionDto) {
    return this.connection.save(p.tenantId, actorOf(p), dto);
  }

  @Post('check')
  @HttpCode(200)
  @Access('manage')
  check(@Principal() p: RequestPrincipal) {
    return this.connection.check(p.tenantId);
  }

  @Delete()
  @Access('manage')
  disconnect(@Principal() p: RequestPrincipal, @Body() dto: DisconnectDto) {
    return this.connection.disconnect(p.tenantId, actorOf(p), dto);
  }
}
