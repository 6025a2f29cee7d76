/** Host ports for the HTTP load bench: a header names the tenant, every tenant is licensed, clients live in memory. */
import { Injectable, Module } from '@nestjs/common';
import {
  ClientDirectoryPort,
  HostClient,
  PAX8_CLIENT_DIRECTORY,
  PAX8_LICENSE,
  PAX8_RECURRING_INVOICES,
  PAX8_TENANT_CONTEXT,
  RequestPrincipal,
  TenantContextPort,
} from '../server';
import { EveryoneLicensed, NoInvoices } from '../test/helpers/headless-host';

export const BENCH_TENANT_HEADER = 'x-bench-tenant';

/** The host's clients per tenant, filled by the bench after the first sync (see seedDemoTenant). */
@Injectable()
export class BenchClientStore {
  private readonly clients = new Map<string, HostClient[]>();
  /** By id, as a host's primary key finds them. */
  private readonly byId = new Map<string, Map<string, HostClient>>();
  /** Bumped by every put: what a host's change counter on its clients table would say. */
  private revision = 0;
  readonly revisions = new Map<string, number>();
  put(tenantId: string, clients: HostClient[]): void {
    this.clients.set(tenantId, clients);
    this.revisions.set(tenantId, ++this.revision);
    this.byId.set(tenantId, new Map(clients.map((c) => [c.id, c])));
  }
  of(tenantId: string): HostClient[] {
    return this.clients.get(tenantId) ?? [];
  }
  one(tenantId: string, clientId: string): HostClient | undefined {
    return this.byId.get(tenantId)?.get(clientId);
  }
}

/** A viewer of the tenant the header names (a real host reads its session here). */
@Injectable()
class HeaderTenantContext implements TenantContextPort {
  resolve(request: { headers: Record<string, string | string[] | undefined> }): RequestPrincipal | null {
    const tenantId = request.headers[BENCH_TENANT_HEADER];
    if (typeof tenantId !== 'string' || !tenantId) return null;
    return { tenantId, userId: `${tenantId}-viewer`, roles: ['Technician'], permissions: ['integrations.view'] };
  }
}

/** Answers like a host's directory: copies, never the store's own objects. */
@Injectable()
class MemoryClientDirectory implements ClientDirectoryPort {
  constructor(private readonly store: BenchClientStore) {}
  async getClient(tenantId: string, clientId: string): Promise<HostClient | null> {
    const c = this.store.one(tenantId, clientId);
    return c ? { ...c } : null;
  }
  async getClients(tenantId: string, clientIds: string[]): Promise<HostClient[]> {
    return clientIds.flatMap((id) => {
      const c = this.store.one(tenantId, id);
      return c ? [{ ...c }] : [];
    });
  }
  async searchClients(tenantId: string, query: { search?: string; limit: number }): Promise<HostClient[]> {
    const q = (query.search ?? '').toLowerCase();
    return this.store
      .of(tenantId)
      .filter((c) => c.name.toLowerCase().includes(q))
      .slice(0, query.limit)
      .map((c) => ({ ...c }));
  }
  async *listAllClients(tenantId: string): AsyncIterable<HostClient> {
    for (const c of this.store.of(tenantId)) yield { ...c };
  }
  async clientsVersion(tenantId: string): Promise<number> {
    return this.store.revisions.get(tenantId) ?? 0;
  }
}

@Module({
  providers: [
    BenchClientStore,
    { provide: PAX8_TENANT_CONTEXT, useClass: HeaderTenantContext },
    { provide: PAX8_LICENSE, useClass: EveryoneLicensed },
    { provide: PAX8_CLIENT_DIRECTORY, useClass: MemoryClientDirectory },
    { provide: PAX8_RECURRING_INVOICES, useClass: NoInvoices },
  ],
  exports: [BenchClientStore, PAX8_TENANT_CONTEXT, PAX8_LICENSE, PAX8_CLIENT_DIRECTORY, PAX8_RECURRING_INVOICES],
})
export class BenchHttpPortsModule {}
