import { Body, Controller, Get, HttpCode, Inject, Post, Query, Req, Res, UseFilters, UseGuards, UsePipes } from '@nestjs/common';
import { IsOptional } from 'class-validator';
import { Access } from '../../common/http/access.decorator';
import { DomainErrorFilter } from '../../common/http/domain-error.filter';
import { Pax8RequestGuard } from '../../common/http/pax8-request.guard';
import { Principal } from '../../common/http/principal.decorator';
import { pax8ValidationPipe } from '../../common/http/validation.pipe';
import type { RequestPrincipal } from '../../host/tenant-context.port';
import { PAX8_OPTIONS } from '../../pax8.constants';
import type { ResolvedPax8Options } from '../../pax8-options';
import { CallbackQuery, CallbackResult, DelegatedConnectService } from './delegated-connect.service';

/** No fields: the tenant and user come from the request, everything else from the module options. */
export class StartDelegatedDto {
  @IsOptional()
  readonly _?: never;
}

const actorOf = (p: RequestPrincipal) => ({ id: p.userId, name: p.userName ?? null });
const text = (v: unknown) => (typeof v === 'string' ? v.slice(0, 2048) : undefined);
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

interface HttpResponse {
  status(code: number): HttpResponse;
  redirect(code: number, url: string): void;
  type(t: string): HttpResponse;
  send(body: string): void;
  json(body: unknown): void;
}

/** "Connect with Pax8": start (returns the URL to open) and the callback Pax8 sends the browser to. */
@Controller('connection/delegated')
@UseGuards(Pax8RequestGuard)
@UsePipes(pax8ValidationPipe())
@UseFilters(DomainErrorFilter)
export class DelegatedController {
  constructor(
    private readonly connect: DelegatedConnectService,
    @Inject(PAX8_OPTIONS) private readonly options: ResolvedPax8Options,
  ) {}

  @Post('start')
  @HttpCode(200)
  @Access('manage')
  start(@Principal() p: RequestPrincipal, @Body() _dto: StartDelegatedDto) {
    return this.connect.start(p.tenantId, p.userId);
  }

  /**
   * Pax8 redirects here. Answers with a redirect to `delegated.returnUrl` when set, else a small page
   * (browsers) or JSON (API clients); 400 when nothing was connected because of a bad request.
   */
  @Get('callback')
  @Access('manage')
  async callback(@Principal() p: RequestPrincipal, @Query() raw: Record<string, unknown>, @Req() req: { headers: Record<string, string | undefined> }, @Res() res: HttpResponse) {
    const query: CallbackQuery = { code: text(raw.code), state: text(raw.state), error: text(raw.error), error_description: text(raw.error_description) };
    const result = await this.connect.complete(p.tenantId, actorOf(p), query);
    const status = result.outcome === 'failed' ? 400 : 200;
    const returnUrl = this.options.delegated?.returnUrl;
    if (returnUrl) {
      const url = new URL(returnUrl);
      url.searchParams.set('pax8Connect', result.outcome);
      url.searchParams.set('message', result.message);
      return res.redirect(303, url.toString());
    }
    if ((req.headers.accept ?? '').includes('text/html')) return res.status(status).type('html').send(resultPage(result));
    return res.status(status).json(result.outcome === 'failed' ? { statusCode: 400, error: 'Bad Request', ...result } : result);
  }
}

function resultPage(r: CallbackResult): string {
  const title = r.outcome === 'connected' ? 'Connected with Pax8' : r.outcome === 'declined' ? 'Not connected' : 'Could not connect';
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body style="font-family:sans-serif;max-width:36rem;margin:3rem auto">
<h1>${title}</h1><p id="pax8-connect-result" data-outcome="${r.outcome}">${esc(r.message)}</p><p><a href="/">Back</a></p></body></html>`;
}
