import { CanActivate, ExecutionContext, ForbiddenException, Inject, Injectable, NotFoundException, UnauthorizedException, UnsupportedMediaTypeException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { LicensePort, PAX8_LICENSE, PAX8_LICENSE_FEATURE } from '../../host/license.port';
import { PAX8_TENANT_CONTEXT, RequestPrincipal, TenantContextPort } from '../../host/tenant-context.port';
import { PAX8_OPTIONS } from '../../pax8.constants';
import type { ResolvedPax8Options } from '../../pax8-options';
import { Pax8Access, PAX8_ACCESS_KEY } from './access.decorator';
import { accessLevelOf } from './access-level';
import { PAX8_PRINCIPAL_KEY } from './principal.decorator';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const JSON_TYPE = /^application\/([\w.+-]+\+)?json\s*(;|$)/i;

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
    this.assertJsonBody(request);
    const principal = await this.tenantContext.resolve(request);
    if (!principal || !principal.tenantId || !principal.userId) {
      throw new UnauthorizedException('Sign in to use the Pax8 integration.');
    }
    const access =
      this.reflector.getAllAndOverride<Pax8Access>(PAX8_ACCESS_KEY, [context.getHandler(), context.getClass()]) ?? 'manage';
    if (access !== 'signed-in') {
      await this.assertLicensed(principal);
      if (!this.isAllowed(principal, access)) this.throwForbidden(access);
    }
    request[PAX8_PRINCIPAL_KEY] = principal;
    return true;
  }

  /**
   * Writes take JSON only (415 otherwise). A browser form can post text/plain or form-encoded bodies
   * to another site with its cookies and no CORS preflight; JSON cannot be sent that way, so this
   * closes form-post CSRF for hosts that authenticate with cookies.
   */
  protected assertJsonBody(request: { method: string; headers: Record<string, string | string[] | undefined> }): void {
    if (!WRITE_METHODS.has(request.method)) return;
    const type = request.headers['content-type'];
    const hasBody = Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
    if (type ? JSON_TYPE.test(String(type)) : !hasBody) return;
    throw new UnsupportedMediaTypeException({
      statusCode: 415,
      error: 'Unsupported Media Type',
      message: 'body: send JSON with Content-Type: application/json',
      errors: [{ field: 'body', reason: `Content-Type ${type ?? '(none)'} is not accepted; send application/json` }],
    });
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
    const level = accessLevelOf(principal, this.options.access);
    // 'pax8' routes (webhook deliveries) never pass the host guard as anything weaker than manage.
    return access === 'view' ? level !== 'none' : level === 'manage';
  }

  protected throwForbidden(access: Exclude<Pax8Access, 'signed-in'>): never {
    const { adminRoles, managePermission, viewPermission } = this.options.access;
    throw new ForbiddenException(
      access === 'manage'
        ? `Configuring the Pax8 integration needs the ${adminRoles.join(' or ')} role and the "${managePermission}" permission.`
        : `Viewing the Pax8 integration needs the "${viewPermission}" or "${managePermission}" permission.`,
    );
  }
}
