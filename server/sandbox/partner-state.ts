/**
 * One partner's live state: the store (wire-shaped maps that tests may mutate) plus the side tables the
 * API needs but does not show (pricing, dependencies, history, pending status transitions).
 */
import type { SandboxBillingOptions, SandboxPartner, SandboxPlant, SandboxStore } from './sandbox.types';
import { Dice, hashString, uuidFromString } from './random';
import { generate } from './generator';
import type { ProductDef, Row } from './generator/products';
import { isoSeconds } from './dates';
import { SANDBOX_CHOICES } from './quirks';
import { DEFAULT_BILLING, InvoiceMeta } from './generator/invoices';
import type { Entry } from './generator/invoice-items';
import { CompanyIndexedMap } from './company-index';

export interface PartnerStore extends SandboxStore {
  subscriptions: CompanyIndexedMap;
  contacts: Map<string, Row[]>;
  usageSummaries: Map<string, Row>;
  invoices: Map<string, Row>;
}


export interface PartnerState {
  clientId: string;
  clientSecret: string;
  partnerName: string;
  /** Pax8's id of the partner account (webhook `accountId`, delegated tokens' partner claim). */
  accountId: string;
  anchor: number;
  store: PartnerStore;
  productDefs: Map<string, ProductDef>;
  history: Map<string, Row[]>;
  /** subscription id -> time it turns Active (order-created subscriptions). */
  pendingActivation: Map<string, number>;
  /** subscription id -> time it turns Cancelled. */
  pendingCancel: Map<string, number>;
  /** Hidden facts of each invoice (service month, company, approval time, credit role). */
  invoiceMeta: Map<string, InvoiceMeta>;
  /** Items of an invoice, computed once when it is first shown (an approved invoice never changes). */
  invoiceEntries: Map<string, Entry[]>;
  plants: SandboxPlant[];
  billing: Required<SandboxBillingOptions>;
  /** Dice for ids of objects created through the API, so a scripted test run gets the same ids. */
  ids: Dice;
  /** How long order-created subscriptions stay PendingAutomated. */
  activationDelayMs: number;
  /** Told about every change (the webhooks side listens here). */
  onChange?: (topic: string, payloadData: Row) => void;
}

export function createPartnerState(
  p: SandboxPartner,
  anchor: number,
  activationDelayMs: number = SANDBOX_CHOICES.provisioningDelayMs,
  billingOptions: SandboxBillingOptions = {},
): PartnerState {
  const seed = p.seed ?? 1;
  const partnerName = `${p.clientId} MSP`;
  const billing = { ...DEFAULT_BILLING, ...billingOptions };
  const g = generate(seed, p.size, anchor, partnerName, p.plants ?? [], billing);
  return {
    clientId: p.clientId,
    clientSecret: p.clientSecret,
    partnerName,
    accountId: uuidFromString(`account:${p.clientId}`),
    anchor,
    store: {
      companies: g.companies,
      subscriptions: new CompanyIndexedMap(g.subscriptions),
      products: g.products,
      orders: g.orders,
      contacts: g.contacts,
      usageSummaries: g.usageSummaries,
      invoices: g.invoices,
    },
    productDefs: g.productDefs,
    history: g.history,
    pendingActivation: new Map(),
    pendingCancel: g.pendingCancel,
    invoiceMeta: g.invoiceMeta,
    invoiceEntries: new Map(),
    plants: p.plants ?? [],
    billing,
    ids: new Dice(hashString(`ids:${seed}:${p.clientId}`)),
    activationDelayMs,
  };
}

/** Applies time-driven status changes (§11.6, §11.8). Cheap: only the pending tables are scanned. */
export function tick(state: PartnerState, now: number): void {
  for (const [id, at] of state.pendingActivation) {
    if (at > now) continue;
    state.pendingActivation.delete(id);
    const s = state.store.subscriptions.get(id);
    if (s && s.status === 'PendingAutomated') changeSubscription(state, s, { status: 'Active' }, now);
  }
  for (const [id, at] of state.pendingCancel) {
    if (at > now) continue;
    state.pendingCancel.delete(id);
    const s = state.store.subscriptions.get(id);
    if (s && s.status === 'PendingCancel') changeSubscription(state, s, { status: 'Cancelled' }, now);
  }
}

/** Every change goes through here so history gets one full snapshot per change (§7). */
export function changeSubscription(state: PartnerState, s: Row, patch: Row, now: number): void {
  let h = state.history.get(s.id as string);
  if (!h) {
    h = [structuredClone(s)];
    state.history.set(s.id as string, h);
  }
  const before = s.status;
  Object.assign(s, patch, { updatedDate: isoSeconds(now) });
  h.push(structuredClone(s));
  const type = patch.status === 'PendingCancel' || patch.status === 'Cancelled' ? 'Cancel' : patch.status === 'Active' && before === 'PendingAutomated' ? 'New' : 'Change';
  announceSubscription(state, s, type);
}

/** A subscription event as a completed line item (§15): the webhook tells what changed, not the state. */
export function announceSubscription(state: PartnerState, s: Row, type: string): void {
  state.onChange?.('SUBSCRIPTION', { type, subscriptionId: s.id, companyId: s.companyId, productId: s.productId, quantity: s.quantity });
}

export function historyOf(state: PartnerState, s: Row): Row[] {
  return state.history.get(s.id as string) ?? [structuredClone(s)];
}
