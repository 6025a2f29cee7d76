/** Who is calling: resolved by the host from its own session or token. */
export interface RequestPrincipal {
  tenantId: string;
  userId: string;
  userName?: string;
  /** Host roles, e.g. ['Owner'] or ['Technician']. */
  roles: string[];
  /** Host permissions, e.g. ['integrations.manage']. */
  permissions: string[];
}

/**
 * Port: the host tells the plugin which tenant and user a request belongs to. Return null when the
 * request is not authenticated (the plugin answers 401).
 */
export interface TenantContextPort {
  resolve(request: { headers: Record<string, string | string[] | undefined>; [key: string]: unknown }): Promise<RequestPrincipal | null> | RequestPrincipal | null;
}
export const PAX8_TENANT_CONTEXT = Symbol.for('pax8.port.tenant-context');
