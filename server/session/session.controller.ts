import { Controller, Get, Inject, UseGuards } from '@nestjs/common';
import { Access } from '../common/http/access.decorator';
import { accessLevelOf, Pax8AccessLevel } from '../common/http/access-level';
import { Pax8RequestGuard } from '../common/http/pax8-request.guard';
import { Principal } from '../common/http/principal.decorator';
import { LicensePort, PAX8_LICENSE, PAX8_LICENSE_FEATURE } from '../host/license.port';
import type { RequestPrincipal } from '../host/tenant-context.port';
import { PAX8_OPTIONS } from '../pax8.constants';
import type { ResolvedPax8Options } from '../pax8-options';

export interface Pax8Session {
  /** Whether the tenant's plan includes the feature (asked now, like every other route). */
  licensed: boolean;
  feature: string;
  /** What this user may do once licensed. */
  access: Pax8AccessLevel;
  user: { id: string; name: string | null };
}

/**
 * What the elements should show: read-only screens for view access, one "not in your plan" state for
 * unlicensed tenants. Answers any signed-in user (401 otherwise), licensed or not, and holds no tenant data.
 */
@Controller()
@UseGuards(Pax8RequestGuard)
export class SessionController {
  constructor(
    @Inject(PAX8_LICENSE) private readonly license: LicensePort,
    @Inject(PAX8_OPTIONS) private readonly options: ResolvedPax8Options,
  ) {}

  @Get('session')
  @Access('signed-in')
  async session(@Principal() p: RequestPrincipal): Promise<Pax8Session> {
    return {
      licensed: await this.license.isEnabled(p.tenantId, PAX8_LICENSE_FEATURE),
      feature: PAX8_LICENSE_FEATURE,
      access: accessLevelOf(p, this.options.access),
      user: { id: p.userId, name: p.userName ?? null },
    };
  }
}
