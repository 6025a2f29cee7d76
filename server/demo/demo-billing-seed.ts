import { BillingService } from '../billing/billing.service';
import type { ListSubscriptionsQueryDto } from '../billing/dto/billing.dto';
import { InvoiceLinksService } from '../billing/invoice-links.service';
import { Money } from '../billing/pricing';
import { PricingRulesService } from '../billing/pricing-rules.service';
import { IssuedLinesService } from '../invoicing/ledger/issued-lines.service';
import { addMonths, monthOf } from '../invoicing/periods';
import type { DemoStore } from './ports/demo-store';

const ACTOR = { id: 'demo-seed', name: 'Demo seed' };

export interface DemoBillingServices {
  billing: BillingService;
  rules: PricingRulesService;
  links: InvoiceLinksService;
  ledger: IssuedLinesService;
  store: DemoStore;
}

/**
 * Example billing for a demo tenant that has synced and mapped companies, made through the plugin's
 * services as a host would: a rule of each scope, an override, an own markup, and invoice links
 * (monthly-billed subscriptions on the client's "Monthly services" invoice, the others on "Annual
 * licences"), then last month's lines of those invoices committed as the host would when it issued
 * them, so the reconciliation report (which opens on last month) has host lines to hold against
 * Pax8's invoices. Runs once: a tenant that already has rules is left alone.
 */
export async function seedDemoBilling(tenantId: string, s: DemoBillingServices, now = new Date()) {
  if ((await s.rules.list(tenantId)).total > 0) return { seeded: false, reason: 'This tenant already has pricing rules.' };
  const query = { status: 'Active', limit: 200, offset: 0, includeRemoved: false } as ListSubscriptionsQueryDto;
  const mapped = (await s.billing.list(tenantId, query)).items.filter((i) => i.clientId !== null);
  if (!mapped.length) return { seeded: false, reason: 'Sync and map at least one company first.' };

  await s.rules.create(tenantId, ACTOR, { scope: 'default', markup: { type: 'percent', value: '15' } });
  await s.rules.create(tenantId, ACTOR, { scope: 'vendor', target: 'Microsoft', markup: { type: 'percent', value: '12' } });
  await s.rules.create(tenantId, ACTOR, { scope: 'product', target: 'Microsoft 365 Business Premium', markup: { type: 'percent', value: '18' } });
  await s.rules.create(tenantId, ACTOR, { scope: 'client', target: mapped[0].clientId!, markup: { type: 'percent', value: '20' } });

  // Subscriptions with a cost above zero: an override or a markup on a free one would show nothing.
  const priced = mapped.filter((i) => i.cost !== null && new Money(i.cost).gt(0));
  if (priced[0]) await s.billing.put(tenantId, ACTOR, priced[0].id, { overridePrice: new Money(priced[0].cost!).times('1.3').toFixed(2) });
  if (priced[1]) await s.billing.put(tenantId, ACTOR, priced[1].id, { markup: { type: 'fixed', value: '1.5' } });

  let linked = 0;
  const invoiceIds = new Set<string>();
  for (const sub of mapped.slice(0, 24)) {
    const invoices = s.store.data(tenantId).invoices.filter((i) => i.clientId === sub.clientId && i.active);
    const monthly = invoices.find((i) => /monthly/i.test(i.name)) ?? invoices[0];
    const annual = invoices.find((i) => /annual/i.test(i.name)) ?? monthly;
    const target = sub.billingTerm === 'Monthly' ? monthly : annual;
    if (!target) continue;
    await s.links.link(tenantId, ACTOR, sub.id, target.id);
    linked++;
    invoiceIds.add(target.id);
  }
  const period = addMonths(monthOf(now), -1);
  for (const invoiceId of invoiceIds) await s.ledger.commit(tenantId, invoiceId, period, ACTOR.id, now);
  return { seeded: true, rules: 4, overrides: priced.length ? 1 : 0, ownMarkups: priced.length > 1 ? 1 : 0, linked, committed: { period, invoices: invoiceIds.size } };
}
