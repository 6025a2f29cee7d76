import { Injectable } from '@nestjs/common';
import { DEMO_TENANTS, DemoTenantData } from '../demo-data';

/** The demo host's own data (clients, recurring invoices, plan), kept in memory. */
@Injectable()
export class DemoStore {
  readonly tenants = new Map<string, DemoTenantData>();
  readonly licensed = new Map<string, boolean>(DEMO_TENANTS.map((t) => [t.id, t.licensed]));

  data(tenantId: string): DemoTenantData {
    return this.tenants.get(tenantId) ?? { clients: [], invoices: [] };
  }
}
