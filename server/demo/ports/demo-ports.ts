import { hash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { ClientDirectoryPort, HostClient } from '../../host/client-directory.port';
import type { LicensePort } from '../../host/license.port';
import type { HostRecurringInvoice, RecurringInvoicesPort } from '../../host/recurring-invoices.port';
import type { RequestPrincipal, TenantContextPort } from '../../host/tenant-context.port';
import { DEMO_ROLES, DEMO_TENANTS } from '../demo-data';
import { DemoStore } from './demo-store';

const header = (h: Record<string, string | string[] | undefined>, name: string) => {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
};
const cookie = (h: Record<string, string | string[] | undefined>, name: string) =>
  (header(h, 'cookie') ?? '')
    .split(';')
    .map((p) => p.trim().split('='))
    .find(([k]) => k === name)?.[1];

/**
 * Demo sign-in: the persona comes from the `x-demo-tenant` / `x-demo-role` / `x-demo-user` headers
 * (tests) or the `demo_persona` cookie the page's switcher sets (`tenant|role|user`). A real host
 * reads its own session here.
 */
@Injectable()
export class DemoTenantContext implements TenantContextPort {
  resolve(request: { headers: Record<string, string | string[] | undefined> }): RequestPrincipal | null {
    const fromCookie = decodeURIComponent(cookie(request.headers, 'demo_persona') ?? '').split('|');
    const tenantId = header(request.headers, 'x-demo-tenant') ?? fromCookie[0];
    const role = header(request.headers, 'x-demo-role') ?? fromCookie[1];
    const userId = header(request.headers, 'x-demo-user') ?? fromCookie[2] ?? (role ? `${tenantId}-${role.toLowerCase().replace(/\W+/g, '-')}` : undefined);
    if (!tenantId || !role || !userId || !DEMO_TENANTS.some((t) => t.id === tenantId) || !DEMO_ROLES[role]) return null;
    return { tenantId, userId, userName: `${role} of ${tenantId}`, ...DEMO_ROLES[role] };
  }
}

@Injectable()
export class DemoLicense implements LicensePort {
  constructor(private readonly store: DemoStore) {}
  isEnabled(tenantId: string, feature: string): boolean {
    return feature === 'pax8Integration' && this.store.licensed.get(tenantId) === true;
  }
}

@Injectable()
export class DemoClientDirectory implements ClientDirectoryPort {
  constructor(private readonly store: DemoStore) {}
  async getClient(tenantId: string, clientId: string): Promise<HostClient | null> {
    return this.store.data(tenantId).clients.find((c) => c.id === clientId) ?? null;
  }
  async getClients(tenantId: string, clientIds: string[]): Promise<HostClient[]> {
    const wanted = new Set(clientIds);
    return this.store.data(tenantId).clients.filter((c) => wanted.has(c.id));
  }
  async searchClients(tenantId: string, query: { search?: string; limit: number }): Promise<HostClient[]> {
    const q = (query.search ?? '').toLowerCase();
    return this.store.data(tenantId).clients.filter((c) => c.name.toLowerCase().includes(q)).slice(0, query.limit);
  }
  async *listAllClients(tenantId: string): AsyncIterable<HostClient> {
    yield* this.store.data(tenantId).clients;
  }
  /**
   * The demo's clients are a plain list in memory that its tests also edit in place, so its version is a
   * digest of what matching reads; a host with a database would return a change counter or its latest update time.
   */
  async clientsVersion(tenantId: string): Promise<string> {
    return hash('sha1', JSON.stringify(this.store.data(tenantId).clients.map((c) => [c.id, c.name, c.accountNumber ?? null, c.website ?? null])), 'hex');
  }
}

@Injectable()
export class DemoRecurringInvoices implements RecurringInvoicesPort {
  constructor(private readonly store: DemoStore) {}
  async listForClient(tenantId: string, clientId: string): Promise<HostRecurringInvoice[]> {
    return this.store.data(tenantId).invoices.filter((i) => i.clientId === clientId);
  }
  async getInvoice(tenantId: string, invoiceId: string): Promise<HostRecurringInvoice | null> {
    return this.store.data(tenantId).invoices.find((i) => i.id === invoiceId) ?? null;
  }
}
