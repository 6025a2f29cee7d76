import type { HostClient } from '../host/client-directory.port';
import type { HostRecurringInvoice } from '../host/recurring-invoices.port';

/** The demo host's tenants, people and plan: enough to try every guarded path from the page. */
export const DEMO_TENANTS = [
  { id: 'acme', name: 'Acme MSP', licensed: true },
  { id: 'globex', name: 'Globex IT', licensed: true },
  { id: 'initech', name: 'Initech Services (no Pax8 in plan)', licensed: false },
] as const;

export const DEMO_ROLES: Record<string, { roles: string[]; permissions: string[] }> = {
  Owner: { roles: ['Owner'], permissions: ['integrations.manage', 'integrations.view', 'integrations.approve'] },
  Admin: { roles: ['Admin'], permissions: ['integrations.manage', 'integrations.view'] },
  'Admin without permission': { roles: ['Admin'], permissions: ['integrations.view'] },
  Technician: { roles: ['Technician'], permissions: ['integrations.view'] },
  Guest: { roles: ['Guest'], permissions: [] },
};

export interface DemoTenantData {
  clients: HostClient[];
  invoices: HostRecurringInvoice[];
}

/** Pax8 accounts the demo tenants can connect with (the sandbox's partners); the first starts connected and seeded. */
export const DEMO_PARTNERS = [
  { clientId: 'sandbox-client', clientSecret: 'sandbox-secret', seed: 1, size: 'demo' as const, tenant: 'acme' },
  { clientId: 'globex-client', clientSecret: 'globex-secret', seed: 2, size: 'small' as const, tenant: 'globex' },
];

/** The demo host has clients for the first dozen Pax8 companies of each tenant (the rest stay to map). */
export const DEMO_CLIENT_COMPANIES = 12;

/** A few clients per tenant; some mirror sandbox companies (exactly, by suffix variant, by domain) so auto-mapping has work. */
export function seedDemoTenant(tenantId: string, pax8Companies: Array<{ name: string; website?: string; externalId?: string }>): DemoTenantData {
  const clients: HostClient[] = [];
  pax8Companies.forEach((c, i) => {
    const id = `${tenantId}-client-${i + 1}`;
    if (i % 4 === 0) clients.push({ id, name: c.name, accountNumber: c.externalId ?? null, website: null });
    else if (i % 4 === 1) clients.push({ id, name: c.name.replace(/,?\s+(LLC|Inc\.?|Ltd|GmbH|Pty Ltd)$/i, '') + ' Inc.', accountNumber: null, website: null });
    else if (i % 4 === 2) clients.push({ id, name: `${c.name.split(' ')[0]} Holdings`, accountNumber: null, website: c.website ? `https://www.${c.website.replace(/^https?:\/\/(www\.)?/, '')}` : null });
  });
  clients.push({ id: `${tenantId}-client-walkin`, name: 'Walk-in Customer', accountNumber: null, website: null });
  const invoices: HostRecurringInvoice[] = clients.flatMap((c) => [
    { id: `${c.id}-monthly`, clientId: c.id, name: `${c.name}: Monthly services`, currencyCode: 'USD', active: true },
    { id: `${c.id}-annual`, clientId: c.id, name: `${c.name}: Annual licences`, currencyCode: 'USD', active: true },
  ]);
  return { clients, invoices };
}
