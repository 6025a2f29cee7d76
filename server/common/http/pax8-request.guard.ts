import { CanActivate, ExecutionContext, ForbiddenException, Inject, Injectable, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { LicensePort, PAX8_LICENSE, PAX8_LICENSE_FEATURE } from '../../host/license.port';
import { PAX8_TENANT_CONTEXT, RequestPrincipal, TenantContextPort } from '../../host/tenant-context.port';
import { PAX8_OPTIONS } from '../../pax8.constants';
import type { ResolvedPax8Options } from '../../pax8-options';
import { Pax8Access, PAX8_ACCESS_KEY } from './access.decorator';
import { PAX8_PRINCIPAL_KEY } from './principal.decorator';

/**
 * Every plugin route passes here, in this order: who is calling (401), is the feature in the tenant's
 * plan (404, checked per request so a plan change needs no restart), may this user do this (403).
 * Methods are protected so a host can subclass the guard to adjust one step.
 */
@Injectable()
export class Pax8RequestGuard implements CanActivate {
  constructor(
    @Inject(PAX8_TENANT_CONTEXT) protected readonly tenantContext: TenantContextPort,
    @Inject(PAX8_LICENSE) protected readonly license: LicensePort,
    @Inject(PAX8_OPTIONS) protected readonly options: ResolvedPax8Options,
    protected readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest();
    const principal = await this.tenantContext.resolve(request);
    if (!principal || !principal.tenantId || !principal.userId) {
      throw new UnauthorizedException('Sign in to use the Pax8 integration.');
    }
    await this.assertLicensed(principal);
    const access =
      this.reflector.getAllAndOverride<Pax8Access>(PAX8_ACCESS_KEY, [context.getHandler(), context.getClass()]) ?? 'manage';
    if (!this.isAllowed(principal, access)) this.throwForbidden(access);
    request[PAX8_PRINCIPAL_KEY] = principal;
    return true;
  }

  protected async assertLicensed(principal: RequestPrincipal): Promise<void> {
    if (!(await this.license.isEnabled(principal.tenantId, PAX8_LICENSE_FEATURE))) {
      throw new NotFoundException({
        statusCode: 404,
        error: 'Not Found',
        feature: PAX8_LICENSE_FEATURE,
        message: 'The Pax8 integration is not included in your plan. Ask your administrator to enable the pax8Integration feature.',
      });
    }
  }

  protected isAllowed(principal: RequestPrincipal, access: Pax8Access): boolean {
    const { adminRoles, managePermission, viewPermission } = this.options.access;
    const roles = principal.roles ?? [];
    const permissions = principal.permissions ?? [];
    const canManage = roles.some((r) => adminRoles.includes(r)) && permissions.includes(managePermission);
    if (access === 'manage') return canManage;
    return canManage || permissions.includes(viewPermission);
  }

  protected throwForbidden(access: Pax8Access): never {
    const { adminRoles, managePermission, viewPermission } = this.options.access;
    throw new ForbiddenException(
      access === 'manage'
        ? `Configuring the Pax8 integration needs the ${adminRoles.join(' or ')} role and the "${managePermission}" permission.`
        : `Viewing the Pax8 integration needs the "${viewPermission}" or "${managePermission}" permission.`,
    );
  }
}
