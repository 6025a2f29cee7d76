import { Body, Controller, Get, NotFoundException, Param, Post, UsePipes, ValidationPipe } from '@nestjs/common';
import { IsBoolean } from 'class-validator';
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
  constructor(private readonly store: DemoStore) {}

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
}
