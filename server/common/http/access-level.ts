import type { RequestPrincipal } from '../../host/tenant-context.port';
import type { ResolvedPax8Options } from '../../pax8-options';

export type Pax8AccessLevel = 'manage' | 'view' | 'none';

/** manage = an admin role and the manage permission; view = the view permission or manage; else none. */
export function accessLevelOf(principal: RequestPrincipal, access: ResolvedPax8Options['access']): Pax8AccessLevel {
  const roles = principal.roles ?? [];
  const permissions = principal.permissions ?? [];
  if (roles.some((r) => access.adminRoles.includes(r)) && permissions.includes(access.managePermission)) return 'manage';
  return permissions.includes(access.viewPermission) ? 'view' : 'none';
}
