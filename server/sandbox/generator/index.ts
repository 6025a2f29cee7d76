/** Builds one partner's data set from its seed and size. Deterministic: same seed, size and anchor, same data. */
import type { SandboxBillingOptions, SandboxPartner, SandboxPlant } from '../sandbox.types';
import { Dice, hashString } from '../random';
import { catalog, ProductDef, Row } from './products';
import { generateCompanies } from './companies';
import { generateSubscriptions } from './subscriptions';
import { DEFAULT_BILLING, generateInvoices, InvoiceMeta } from './invoices';
import { generateHistory } from './history';

export const SIZES = {
  demo: { companies: 6, subscriptions: 30 },
  small: { companies: 50, subscriptions: 500 },
  bench: { companies: 2000, subscriptions: 40000 },
} as const;

export function resolveSize(size: SandboxPartner['size']): { companies: number; subscriptions: number } {
  if (size === undefined) return SIZES.demo;
  if (typeof size === 'string') {
    if (!(size in SIZES)) throw new Error(`Unknown sandbox size '${size}' (demo|small|bench)`);
    return SIZES[size];
  }
  return size;
}

export interface GeneratedData {
  companies: Map<string, Row>;
  contacts: Map<string, Row[]>;
  products: Map<string, Row>;
  productDefs: Map<string, ProductDef>;
  subscriptions: Map<string, Row>;
  orders: Map<string, Row>;
  usageSummaries: Map<string, Row>;
  invoices: Map<string, Row>;
  invoiceMeta: Map<string, InvoiceMeta>;
  /** Past versions of subscriptions that changed (oldest first). */
  history: Map<string, Row[]>;
  pendingCancel: Map<string, number>;
}

export function generate(
  seed: number,
  size: SandboxPartner['size'],
  anchor: number,
  partnerName: string,
  plants: SandboxPlant[] = [],
  billing: Required<SandboxBillingOptions> = DEFAULT_BILLING,
): GeneratedData {
  const counts = resolveSize(size);
  // Separate dice per part, so changing the company count does not reshuffle every product choice.
  const base = hashString(`pax8-sandbox:${seed}`);
  const defs = catalog();
  const c = generateCompanies(new Dice(base ^ 0x1111), counts.companies, anchor);
  const s = generateSubscriptions(new Dice(base ^ 0x2222), counts.subscriptions, c.meta, defs, anchor);
  const invoices = generateInvoices(new Dice(base ^ 0x3333), anchor, partnerName, c.companies, plants, billing);
  const history = generateHistory(new Dice(base ^ 0x4444), s.subscriptions, anchor);
  const byId = <T extends Row>(rows: T[]) => new Map(rows.map((r) => [r.id as string, r]));
  return {
    companies: byId(c.companies),
    contacts: c.contacts,
    products: byId(defs.map((p) => p.product)),
    productDefs: new Map(defs.map((p) => [p.product.id as string, p])),
    subscriptions: byId(s.subscriptions),
    orders: byId(s.orders),
    usageSummaries: byId(s.usageSummaries),
    invoices: byId(invoices.invoices),
    invoiceMeta: invoices.meta,
    history,
    pendingCancel: s.pendingCancel,
  };
}
