/** The license feature that switches the plugin on for a tenant. */
export const PAX8_LICENSE_FEATURE = 'pax8Integration';

/** Port: the host's license check, asked on every request and before every scheduled sync. */
export interface LicensePort {
  isEnabled(tenantId: string, feature: typeof PAX8_LICENSE_FEATURE | string): Promise<boolean> | boolean;
}
export const PAX8_LICENSE = Symbol.for('pax8.port.license');
