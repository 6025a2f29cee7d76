/** How companies, subscriptions and products appear in tool answers, from synced rows or live Pax8 records. */
import type { Company, Product, Subscription } from '../pax8-api';
import type { Pax8Company } from '../sync/entities/pax8-company.entity';
import type { Pax8Subscription } from '../sync/entities/pax8-subscription.entity';

export type HostClientRef = { clientId: string; clientName: string | null } | null;
export type ClientsByCompany = Map<string, { clientId: string; clientName: string | null }>;

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export function companyOut(c: Pax8Company | Company, clients: ClientsByCompany) {
  const synced = 'pax8Id' in c;
  const companyId = synced ? c.pax8Id : c.id;
  return {
    companyId,
    name: c.name ?? '',
    status: c.status ?? null,
    website: c.website ?? null,
    externalId: c.externalId ?? null,
    city: synced ? c.city : c.address?.city ?? null,
    country: synced ? c.country : c.address?.country ?? null,
    hostClient: clients.get(companyId) ?? null,
  };
}

export function subscriptionOut(s: Pax8Subscription | Subscription, clients: ClientsByCompany, companyNames: Map<string, string> = new Map()) {
  const synced = 'pax8Id' in s;
  const companyId = (synced ? s.pax8CompanyId : s.companyId) ?? '';
  return {
    subscriptionId: synced ? s.pax8Id : s.id,
    companyId,
    companyName: companyNames.get(companyId) ?? null,
    hostClient: clients.get(companyId) ?? null,
    productId: s.productId ?? null,
    productName: s.productName ?? null,
    quantity: s.quantity ?? 0,
    status: s.status ?? null,
    billingTerm: s.billingTerm ?? null,
    commitment: synced
      ? s.commitmentTerm || s.commitmentId
        ? { id: s.commitmentId, term: s.commitmentTerm, endDate: iso(s.commitmentEndDate) }
        : null
      : s.commitment
        ? { id: s.commitment.id ?? null, term: s.commitment.term ?? null, endDate: iso(s.commitment.endDate) }
        : null,
    startDate: iso(s.startDate),
    unitPrice: s.price ?? null,
    unitPartnerCost: s.partnerCost ?? null,
    currencyCode: s.currencyCode ?? null,
  };
}

export function productOut(p: Product) {
  return {
    productId: p.id,
    name: p.name ?? null,
    vendorName: p.vendorName ?? null,
    sku: p.sku ?? null,
    requiresCommitment: p.requiresCommitment ?? null,
    description: p.description ?? p.shortDescription ?? null,
  };
}

/** The commitment facts the NCE rules need, from a synced row or a live record. */
export function commitmentStateOf(s: Pax8Subscription | Subscription) {
  const synced = 'pax8Id' in s;
  return {
    quantity: s.quantity ?? 0,
    billingTerm: s.billingTerm ?? null,
    commitmentTerm: (synced ? s.commitmentTerm : s.commitment?.term) ?? null,
    commitmentEndDate: (synced ? s.commitmentEndDate : s.commitment?.endDate) ?? null,
    commitmentId: (synced ? s.commitmentId : s.commitment?.id) ?? null,
  };
}
