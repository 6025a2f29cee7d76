import { Controller, Get, Inject, NotFoundException, UseGuards } from '@nestjs/common';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Access } from '../common/http/access.decorator';
import { Pax8RequestGuard } from '../common/http/pax8-request.guard';
import { PAX8_ROUTE_PREFIX } from '../pax8.constants';

/**
 * The document is generated at build time (scripts/build-openapi.ts) into dist/openapi.json; from the
 * package that is two folders up from here (dist/server/openapi/), from the sources it is ../../dist.
 */
const CANDIDATES = [join(__dirname, '..', '..', 'openapi.json'), join(__dirname, '..', '..', 'dist', 'openapi.json')];

/** GET /<prefix>/openapi.json: the OpenAPI 3.1 description of every plugin route, with this mount's prefix. */
@Controller()
@UseGuards(Pax8RequestGuard)
export class OpenApiController {
  private document?: Record<string, unknown>;

  constructor(@Inject(PAX8_ROUTE_PREFIX) private readonly prefix: string) {}

  @Get('openapi.json')
  @Access('view')
  openapi() {
    this.document ??= this.load();
    return this.document;
  }

  private load(): Record<string, unknown> {
    const file = CANDIDATES.find((f) => existsSync(f));
    if (!file) throw new NotFoundException('The OpenAPI document has not been built: run `npm run build:openapi`.');
    return { ...JSON.parse(readFileSync(file, 'utf8')), servers: [{ url: `/${this.prefix}` }] };
  }
}
