import { Body, Controller, Delete, Get, Param, Put, Query, UseFilters, UseGuards, UsePipes } from '@nestjs/common';
import { Access } from '../common/http/access.decorator';
import { DomainErrorFilter } from '../common/http/domain-error.filter';
import { Pax8RequestGuard } from '../common/http/pax8-request.guard';
import { actorOf, Principal } from '../common/http/principal.decorator';
import { pax8ValidationPipe } from '../common/http/validation.pipe';
import type { RequestPrincipal } from '../host/tenant-context.port';
import { BillingService } from './billing.service';
import { InvoiceLinkDto, LineItemsQueryDto, ListSubscriptionsQueryDto, SubscriptionBillingDto } from './dto/billing.dto';
import { InvoiceLinksService } from './invoice-links.service';
import { LineItemsService } from './line-items.service';
import { Pax8PricingService } from './pax8-pricing.service';

/** Subscriptions with prices, per-subscription billing, invoice links and line items. */
@Controller()
@UseGuards(Pax8RequestGuard)
@UsePipes(pax8ValidationPipe())
@UseFilters(DomainErrorFilter)
export class BillingController {
  constructor(
    private readonly billing: BillingService,
    private readonly links: InvoiceLinksService,
    private readonly lineItems: LineItemsService,
    private readonly pax8Pricing: Pax8PricingService,
  ) {}

  @Get('subscriptions')
  @Access('view')
  list(@Principal() p: RequestPrincipal, @Query() q: ListSubscriptionsQueryDto) {
    return this.billing.list(p.tenantId, q);
  }

  @Get('companies/:pax8CompanyId/subscriptions')
  @Access('view')
  listForCompany(@Principal() p: RequestPrincipal, @Param('pax8CompanyId') id: string, @Query() q: ListSubscriptionsQueryDto) {
    return this.billing.list(p.tenantId, q, id);
  }

  @Get('subscriptions/:pax8SubscriptionId/billing')
  @Access('view')
  get(@Principal() p: RequestPrincipal, @Param('pax8SubscriptionId') id: string) {
    return this.billing.get(p.tenantId, id);
  }

  @Put('subscriptions/:pax8SubscriptionId/billing')
  @Access('manage')
  put(@Principal() p: RequestPrincipal, @Param('pax8SubscriptionId') id: string, @Body() dto: SubscriptionBillingDto) {
    return this.billing.put(p.tenantId, actorOf(p), id, dto);
  }

  @Get('subscriptions/:pax8SubscriptionId/pax8-pricing')
  @Access('view')
  pax8PriceList(@Principal() p: RequestPrincipal, @Param('pax8SubscriptionId') id: string) {
    return this.pax8Pricing.forSubscription(p.tenantId, id);
  }

  @Get('subscriptions/:pax8SubscriptionId/invoices')
  @Access('view')
  invoices(@Principal() p: RequestPrincipal, @Param('pax8SubscriptionId') id: string) {
    return this.links.candidates(p.tenantId, id);
  }

  @Put('subscriptions/:pax8SubscriptionId/invoice-link')
  @Access('manage')
  link(@Principal() p: RequestPrincipal, @Param('pax8SubscriptionId') id: string, @Body() dto: InvoiceLinkDto) {
    return this.links.link(p.tenantId, actorOf(p), id, dto.recurringInvoiceId);
  }

  @Delete('subscriptions/:pax8SubscriptionId/invoice-link')
  @Access('manage')
  unlink(@Principal() p: RequestPrincipal, @Param('pax8SubscriptionId') id: string) {
    return this.links.unlink(p.tenantId, actorOf(p), id);
  }

  @Get('recurring-invoices/:invoiceId/line-items')
  @Access('view')
  lines(@Principal() p: RequestPrincipal, @Param('invoiceId') id: string, @Query() q: LineItemsQueryDto) {
    return this.lineItems.lineItemsForInvoice(p.tenantId, id, { asOf: q.asOf });
  }
}
