import type { INestApplicationContext } from '@nestjs/common';
import { BillingService } from '../billing/billing.service';
import { InvoiceLinksService } from '../billing/invoice-links.service';
import { PricingRulesService } from '../billing/pricing-rules.service';
import { ConnectionService } from '../connection/connection.service';
import { IssuedLinesService } from '../invoicing/ledger/issued-lines.service';
import { SyncService } from '../sync/sync.service';
import type { SandboxHandle } from '../sandbox';
import { seedDemoBilling } from './demo-billing-seed';
import { DEMO_CLIENT_COMPANIES, seedDemoTenant } from './demo-data';
import { DemoStore } from './ports/demo-store';

const ACTOR = { id: 'demo-seed', name: 'Demo seed' };

/** The host's own clients and recurring invoices, made from each partner's first Pax8 companies (kept in memory). */
export function seedDemoClients(store: DemoStore, sandbox: SandboxHandle, partners: ReadonlyArray<{ tenant: string; clientId: string }>): void {
  for (const p of partners) {
    const companies = [...sandbox.store(p.clientId).companies.values()] as Array<{ name: string; website?: string; externalId?: string }>;
    store.tenants.set(p.tenant, seedDemoTenant(p.tenant, companies.slice(0, DEMO_CLIENT_COMPANIES)));
  }
}

export interface DemoSeedTenant {
  tenant: string;
  clientId: string;
  clientSecret: string;
}

/**
 * What `npm start` does before the page opens, so a first visit shows every state without a click:
 * connect the tenant with auto-map on, sync (which maps what matches and imports Pax8's invoices),
 * then the example billing with invoice links and last month's committed lines (demo-billing-seed.ts).
 * A tenant that is already connected is left alone, so a restart keeps what the visitor changed.
 */
export async function seedDemoAtStart(app: INestApplicationContext, t: DemoSeedTenant) {
  const get = <T>(type: new (...args: never[]) => T): T => app.get(type, { strict: false });
  const connection = get(ConnectionService);
  if ((await connection.status(t.tenant)).state !== 'not_connected') return { tenant: t.tenant, seeded: false as const };
  await connection.save(t.tenant, ACTOR, { clientId: t.clientId, clientSecret: t.clientSecret, autoMapEnabled: true });
  const run = await get(SyncService).runAndWait(t.tenant, { kind: 'full', trigger: 'manual', startedBy: ACTOR.id });
  const billing = await seedDemoBilling(t.tenant, { billing: get(BillingService), rules: get(PricingRulesService), links: get(InvoiceLinksService), ledger: get(IssuedLinesService), store: get(DemoStore) });
  return { tenant: t.tenant, seeded: true as const, syncStatus: run?.status ?? 'not started', billing };
}
