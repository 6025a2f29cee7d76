import { Body, Controller, Headers, HttpCode, Inject, NotFoundException, Post, UnauthorizedException, UseFilters } from '@nestjs/common';
import { Access } from '../common/http/access.decorator';
import { DomainErrorFilter } from '../common/http/domain-error.filter';
import { PAX8_OPTIONS } from '../pax8.constants';
import type { ResolvedPax8Options } from '../pax8-options';
import { authorizationMatches, parseDelivery } from './webhook-delivery';
import { WebhookInboxService } from './webhook-inbox.service';
import { WebhookRefresher } from './webhook-refresher.service';

/**
 * Where Pax8 posts deliveries: `POST <prefix>/webhooks/pax8`. No host session (Pax8 calls it): the
 * static Authorization value set at registration is the check (§15: there is no signature). The answer
 * comes as soon as the delivery is filed, well inside Pax8's 10 s; the refresh runs afterwards.
 */
@Controller('webhooks')
@UseFilters(DomainErrorFilter)
export class WebhookReceiverController {
  constructor(
    @Inject(PAX8_OPTIONS) private readonly options: ResolvedPax8Options,
    private readonly inbox: WebhookInboxService,
    private readonly refresher: WebhookRefresher,
  ) {}

  @Post('pax8')
  @HttpCode(200)
  @Access('pax8')
  async receive(@Headers('authorization') authorization: string | undefined, @Body() body: unknown) {
    const expected = this.options.webhooks.authorization;
    if (!expected) throw new NotFoundException({ statusCode: 404, error: 'Not Found', message: 'Pax8 webhooks are not enabled here (webhooks.authorization is not set).' });
    if (!authorizationMatches(expected, authorization)) throw new UnauthorizedException({ statusCode: 401, error: 'Unauthorized', message: 'Missing or wrong Authorization value.' });
    const receivedAt = new Date();
    const delivery = parseDelivery(body, receivedAt);
    // Not a delivery we can read: accepted and ignored, so Pax8 does not retry it for nothing.
    if (!delivery) return { accepted: true, ignored: true, reason: 'not a Pax8 webhook delivery' };
    const result = await this.inbox.accept(delivery, receivedAt);
    result.toRefresh.forEach((t) => this.refresher.schedule(t));
    return { accepted: true, ignored: result.tenants === 0, duplicates: result.duplicates };
  }
}
