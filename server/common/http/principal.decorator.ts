import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { RequestPrincipal } from '../../host/tenant-context.port';

/** Where the guard leaves the resolved principal on the request. */
export const PAX8_PRINCIPAL_KEY = 'pax8Principal';

/** The caller (tenant, user, roles) resolved by `Pax8RequestGuard`. */
export const Principal = createParamDecorator((_data: unknown, ctx: ExecutionContext): RequestPrincipal => {
  return ctx.switchToHttp().getRequest()[PAX8_PRINCIPAL_KEY];
});

/** The audit actor of a request's principal. */
export const actorOf = (p: RequestPrincipal) => ({ id: p.userId, name: p.userName ?? null });
