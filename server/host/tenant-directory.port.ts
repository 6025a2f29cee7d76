/**
 * Port (optional): the host's tenants, for the scheduler to know which tenants still exist. When not
 * provided, the scheduler considers every tenant that has an active integration row.
 */
export interface TenantDirectoryPort {
  tenantExists(tenantId: string): Promise<boolean> | boolean;
}
export const PAX8_TENANT_DIRECTORY = Symbol.for('pax8.port.tenant-directory');
