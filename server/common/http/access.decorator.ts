import { SetMetadata } from '@nestjs/common';

/**
 * view: status and lists (view or manage permission); manage: configuration (admin role + manage
 * permission); signed-in: any signed-in user, licensed or not (only the session route, which tells the
 * elements what to show); pax8: called by Pax8 itself (webhook deliveries), outside the host session
 * and the request guard, checked by its own Authorization value.
 */
export type Pax8Access = 'view' | 'manage' | 'signed-in' | 'pax8';
export const PAX8_ACCESS_KEY = 'pax8:access';

/** Declares what a route needs; routes without it need `manage` (closed by default). */
export const Access = (access: Pax8Access) => SetMetadata(PAX8_ACCESS_KEY, access);
