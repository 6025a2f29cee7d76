import { Body, Controller, Get, NotFoundException, Param, Post, UsePipes, ValidationPipe } from '@nestjs/common';
import { IsBoolean } from 'class-validator';
import { BillingService } from '../billing/billing.service';
import { InvoiceLinksService } from '../billing/invoice-links.service';
import { PricingRulesService } from '../billing/pricing-rules.service';
import { IssuedLinesService } from '../invoicing/ledger/issued-lines.service';
import { seedDemoBilling } from './demo-billing-seed';
import { DEMO_ROLES, DEMO_TENANTS } from './demo-data';
import { DemoStore } from './ports/demo-store';

class LicenseDto {
  @IsBoolean()
  enabled: boolean;
}

/** The demo host's own routes: personas for the switcher, its clients and invoices, and a plan toggle. */
@Controller('demo')
@UsePipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true }))
export class DemoController {
  constructor(
    private readonly store: DemoStore,
    private readonly billing: BillingService,
    private readonly rules: PricingRulesService,
    private readonly links: InvoiceLinksService,
    private readonly ledger: IssuedLinesService,
  ) {}

  @Get('personas')
  personas() {
    return {
      tenants: DEMO_TENANTS.map((t) => ({ ...t, licensed: this.store.licensed.get(t.id) ?? false })),
      roles: Object.keys(DEMO_ROLES),
    };
  }

  @Get('tenants/:tenantId/clients')
  clients(@Param('tenantId') tenantId: string) {
    return this.store.data(tenantId);
  }

  /** Flip the pax8Integration feature of a tenant's plan (the plugin checks it per request). */
  @Post('tenants/:tenantId/license')
  license(@Param('tenantId') tenantId: string, @Body() body: LicenseDto) {
    if (!DEMO_TENANTS.some((t) => t.id === tenantId)) throw new NotFoundException('Unknown demo tenant');
    this.store.licensed.set(tenantId, body.enabled === true);
    return { tenantId, licensed: this.store.licensed.get(tenantId) };
  }

  /** Example rules, overrides, invoice links and last month's committed lines for a tenant that has synced and mapped (see demo-billing-seed.ts). */
  @Post('tenants/:tenantId/billing-seed')
  billingSeed(@Param('tenantId') tenantId: string) {
    if (!DEMO_TENANTS.some((t) => t.id === tenantId)) throw new NotFoundException('Unknown demo tenant');
    return seedDemoBilling(tenantId, { billing: this.billing, rules: this.rules, links: this.links, ledger: this.ledger, store: this.store });
  }
}
