import { SetMetadata } from '@nestjs/common';

/** view: status and lists (view or manage permission); manage: configuration (admin role + manage permission). */
export type Pax8Access = 'view' | 'manage';
export const PAX8_ACCESS_KEY = 'pax8:access';

/** Declares what a route needs; routes without it need `manage` (closed by default). */
export const Access = (access: Pax8Access) => SetMetadata(PAX8_ACCESS_KEY, access);
