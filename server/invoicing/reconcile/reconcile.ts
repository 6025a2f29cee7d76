/**
 * The three-way reconciliation of one period, as a pure function: what Pax8 billed (invoice items of
 * the period's service month, credited invoices left out because their replacement counts), the
 * subscription as it stood at the period's start, and what the host invoiced (the issued-lines ledger).
 * Money is decimal.js; every amount is rounded once, to cents, half away from zero.
 */
import Decimal from 'decimal.js';

export type ReconClass = 'ok' | 'under-billed' | 'over-billed' | 'not-invoiced' | 'unexpected' | 'price-mismatch' | 'not-invoiced-by-pax8-yet';
export const RECON_CLASSES: readonly ReconClass[] = ['ok', 'under-billed', 'over-billed', 'not-invoiced', 'unexpected', 'price-mismatch', 'not-invoiced-by-pax8-yet'];
export type RowKind = 'recurring' | 'arrears' | 'one-time' | 'adjustment';

export interface Pax8ItemIn {
  itemId: string;
  invoiceId: string;
  subscriptionId: string | null;
  companyId: string | null;
  type: string | null;
  arrears: boolean;
  quantity: string | null;
  cost: string | null;
  costTotal: string | null;
  description: string | null;
  productName: string | null;
}

export interface SnapshotIn {
  /** Null when Pax8's quantity could not be stored exactly (see the sync warnings). */
  quantity: number | null;
  /** Unit cost as it stood: partner cost, else price (retail). */
  unitCost: string | null;
  retail: boolean;
  status: string | null;
  billingTerm: string | null;
}

export interface HostLineIn {
  subscriptionId: string;
  kind: 'recurring' | 'arrears';
  quantity: string;
  unitPrice: string;
  lineTotal: string;
  costTotal: string;
  recurringInvoiceId: string;
}

export interface SubscriptionInfo {
  productName: string | null;
  companyId: string | null;
  clientId: string | null;
}

export interface ReconInput {
  period: string;
  /** Is the Pax8 invoice that bills this period's recurring charges (dated the period's month) posted? And its arrears (dated the next month)? */
  posted: { recurring: boolean; arrears: boolean };
  items: Pax8ItemIn[];
  /** The subscription at the period's start; null = unknown then (no version covers it). */
  snapshots: Map<string, SnapshotIn | null>;
  /** Subscriptions that billed in the period as far as the plugin knows (active at its start): rows even when nobody billed them. */
  expectedActive: Set<string>;
  hostLines: HostLineIn[];
  info: Map<string, SubscriptionInfo>;
  /** Your price for a quantity at a unit cost (the subscription's pricing; cost when it has none). */
  price(subscriptionId: string | null, quantity: Decimal, unitCost: Decimal, usage?: boolean): { total: Decimal; source: string };
}

export interface ReconRow {
  kind: RowKind;
  subscriptionId: string | null;
  companyId: string | null;
  clientId: string | null;
  productName: string | null;
  class: ReconClass;
  /** Always two places; positive: money you lose (under-billed, not invoiced, Pax8 charged more) or overcharge at risk. */
  moneyAtStake: string;
  pax8: { quantity: string; cost: string; items: string[] } | null;
  snapshot: (SnapshotIn & { known: true }) | { known: false } | null;
  host: { quantity: string; revenue: string; cost: string; recurringInvoiceIds: string[] } | null;
  note: string | null;
}

export interface ClassTotal {
  rows: number;
  moneyAtStake: string;
}

export interface ReconTotals {
  pax8Cost: string;
  hostRevenue: string;
  margin: string;
  byClass: Record<ReconClass, ClassTotal>;
}

const ZERO = new Decimal(0);
/** Two places, half away from zero (decimal.js ROUND_HALF_UP, billing's one rounding rule). */
const cents = (d: Decimal) => (d.isZero() ? '0.00' : d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2));
// Decimals are immutable and a period repeats the same few amounts: parse each text once, and round
// each text to cents once (a period of 40,000 subscriptions has a few thousand distinct amounts).
const parsed = new Map<string, Decimal>();
function dec(v: string | null | undefined): Decimal {
  if (v === null || v === undefined) return ZERO;
  let d = parsed.get(v);
  if (!d) {
    if (parsed.size > 50_000) parsed.clear();
    parsed.set(v, (d = new Decimal(v)));
  }
  return d;
}
const centsOf = new Map<string, string>();
function centsOfText(v: string | null | undefined): string {
  if (v === null || v === undefined) return '0.00';
  let c = centsOf.get(v);
  if (c === undefined) {
    if (centsOf.size > 50_000) centsOf.clear();
    centsOf.set(v, (c = cents(dec(v))));
  }
  return c;
}
const plainOf = new Map<string, string>();
/** A quantity text in plain notation without trailing zeros ('12.0000' → '12'), once per text. */
function plainText(v: string | null | undefined): string {
  if (v === null || v === undefined) return '0';
  let p = plainOf.get(v);
  if (p === undefined) {
    if (plainOf.size > 50_000) plainOf.clear();
    plainOf.set(v, (p = dec(v).toFixed()));
  }
  return p;
}
const sum = <T>(list: T[], f: (t: T) => string | null) => (list.length === 1 ? dec(f(list[0])) : list.reduce((a, t) => a.plus(dec(f(t))), ZERO));
/** cents(sum(...)), without decimal arithmetic for the usual single item or line. */
const sumPlain = <T>(list: T[], f: (t: T) => string | null) => (list.length === 1 ? plainText(f(list[0])) : sum(list, f).toFixed());
const sumCents = <T>(list: T[], f: (t: T) => string | null) => (list.length === 1 ? centsOfText(f(list[0])) : cents(sum(list, f)));
const isAdjustment = (type: string | null) => !!type && (type === 'rebate' || type.endsWith('credit'));

export function reconcile(input: ReconInput): { rows: ReconRow[]; totals: ReconTotals } {
  const rows: ReconRow[] = [];
  // Per kind, per subscription: Pax8's items and the host's lines.
  const pax8 = { recurring: new Map<string, Pax8ItemIn[]>(), arrears: new Map<string, Pax8ItemIn[]>() };
  const host = { recurring: new Map<string, HostLineIn[]>(), arrears: new Map<string, HostLineIn[]>() };
  const push = <T>(map: Map<string, T[]>, key: string, value: T) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  for (const it of input.items) {
    if (!it.subscriptionId) rows.push(itemRow(input, it));
    else push(it.arrears ? pax8.arrears : pax8.recurring, it.subscriptionId, it);
  }
  for (const l of input.hostLines) push(l.kind === 'arrears' ? host.arrears : host.recurring, l.subscriptionId, l);
  const recurring = new Set([...pax8.recurring.keys(), ...host.recurring.keys(), ...input.expectedActive]);
  const arrears = new Set([...pax8.arrears.keys(), ...host.arrears.keys()]);
  // Arrears rows first, then recurring, each by subscription id (the order of "kind:subscription" keys).
  for (const sub of [...arrears].sort()) rows.push(subscriptionRow(input, 'arrears', sub, pax8.arrears.get(sub) ?? [], host.arrears.get(sub) ?? []));
  for (const sub of [...recurring].sort()) rows.push(subscriptionRow(input, 'recurring', sub, pax8.recurring.get(sub) ?? [], host.recurring.get(sub) ?? []));
  return { rows, totals: totalsOf(rows) };
}

function base(input: ReconInput, kind: RowKind, sub: string | null, it?: Pax8ItemIn): Omit<ReconRow, 'class' | 'moneyAtStake' | 'pax8' | 'host' | 'note' | 'snapshot'> {
  const info = sub ? input.info.get(sub) : undefined;
  return {
    kind,
    subscriptionId: sub,
    companyId: info?.companyId ?? it?.companyId ?? null,
    clientId: info?.clientId ?? null,
    productName: info?.productName ?? it?.productName ?? it?.description ?? null,
  };
}

/** A Pax8 item with no subscription: a one-time charge nobody invoiced, or a rebate or credit (nothing to bill). */
function itemRow(input: ReconInput, it: Pax8ItemIn): ReconRow {
  const adjustment = isAdjustment(it.type);
  const quantity = dec(it.quantity);
  const expected = adjustment ? ZERO : input.price(null, quantity, dec(it.cost)).total;
  return {
    ...base(input, adjustment ? 'adjustment' : 'one-time', null, it),
    class: adjustment ? 'ok' : 'not-invoiced',
    moneyAtStake: cents(expected),
    pax8: { quantity: quantity.toFixed(), cost: cents(dec(it.costTotal)), items: [it.itemId] },
    snapshot: null,
    host: null,
    note: adjustment ? `Pax8 ${it.type}: changes your cost, nothing to invoice` : 'Charged by Pax8 with no subscription; not on any host invoice',
  };
}

function subscriptionRow(input: ReconInput, kind: 'recurring' | 'arrears', sub: string, items: Pax8ItemIn[], lines: HostLineIn[]): ReconRow {
  const snap = input.snapshots.get(sub);
  const snapshot: ReconRow['snapshot'] = kind === 'arrears' ? null : snap ? { ...snap, known: true } : { known: false };
  const charged = items.length === 1 && items[0].type !== 'prorate' ? items : items.filter((i) => i.type !== 'prorate');
  const pax8 = items.length ? { quantity: sumPlain(charged, (i) => i.quantity), cost: sumCents(items, (i) => i.costTotal), items: items.map((i) => i.itemId) } : null;
  const host = lines.length
    ? {
        quantity: sumPlain(lines, (l) => l.quantity), revenue: sumCents(lines, (l) => l.lineTotal), cost: sumCents(lines, (l) => l.costTotal),
        recurringInvoiceIds: lines.length === 1 ? [lines[0].recurringInvoiceId] : [...new Set(lines.map((l) => l.recurringInvoiceId))],
      }
    : null;
  const info = input.info.get(sub);
  // One object per row, in the ReconRow field order (tens of thousands of rows: no spreads).
  const out = (cls: ReconClass, stake: Decimal, note: string | null = null): ReconRow => ({
    kind, subscriptionId: sub, companyId: info?.companyId ?? null, clientId: info?.clientId ?? null, productName: info?.productName ?? null,
    class: cls, moneyAtStake: cents(stake), pax8, snapshot, host, note,
  });

  if (!(kind === 'arrears' ? input.posted.arrears : input.posted.recurring)) return out('not-invoiced-by-pax8-yet', ZERO, 'Not invoiced by Pax8 yet');
  if (!pax8 && !host) return out('ok', ZERO, 'Neither Pax8 nor the host billed it in this period');
  const pax8Qty = dec(pax8?.quantity);
  const pax8UnitCost = charged.length ? dec(charged[0].cost) : ZERO;
  if (!host) {
    const expected = kind === 'arrears' ? input.price(sub, new Decimal(1), dec(pax8!.cost), true) : input.price(sub, pax8Qty, pax8UnitCost);
    return out('not-invoiced', expected.total, `Pax8 billed it; no host invoice did (revenue leak at your price, ${expected.source})`);
  }
  if (!pax8) return out('unexpected', dec(host.revenue), 'The host invoiced it; Pax8 did not bill it in this period');

  const hostUnit = dec(lines[0].unitPrice);
  if (kind === 'arrears') {
    const diff = dec(pax8.cost).minus(dec(host.cost));
    if (diff.isZero()) return out('ok', ZERO);
    const expected = input.price(sub, new Decimal(1), dec(pax8.cost), true).total;
    const gap = expected.minus(dec(host.revenue));
    return diff.isPositive()
      ? out('under-billed', gap.abs(), `Usage invoiced by Pax8 (${pax8.cost}) is above the usage the host billed (${host.cost})`)
      : out('over-billed', gap.abs(), `Usage invoiced by Pax8 (${pax8.cost}) is below the usage the host billed (${host.cost})`);
  }
  const hostQty = dec(host.quantity);
  if (hostQty.lt(pax8Qty)) return out('under-billed', pax8Qty.minus(hostQty).times(hostUnit), `Pax8 billed ${pax8Qty} units, the host ${hostQty}`);
  if (hostQty.gt(pax8Qty)) return out('over-billed', hostQty.minus(pax8Qty).times(hostUnit), `The host billed ${hostQty} units, Pax8 ${pax8Qty}`);
  if (snap && snap.unitCost !== null && !pax8UnitCost.eq(dec(snap.unitCost))) {
    return out('price-mismatch', pax8UnitCost.minus(snap.unitCost).times(pax8Qty).abs(), `Pax8 charged ${pax8UnitCost.toFixed(4)} a unit; the subscription's cost then was ${new Decimal(snap.unitCost).toFixed(4)}`);
  }
  if (snap && snap.quantity !== null && pax8Qty.toNumber() !== snap.quantity) return out('ok', ZERO, `Pax8 and the host agree on ${pax8Qty} units; the subscription had ${snap.quantity} at the period's start`);
  return out('ok', ZERO, snap ? null : 'The subscription as it stood then is unknown (before the first sync; Pax8 history not read yet)');
}

// Totals add tens of thousands of amounts that are already whole cents ('12.34'): as integer cents
// (BigInt, exact at any size), where decimal.js would allocate a number per addition.
const toCents = (text: string): bigint => BigInt(text.replace('.', ''));
function fromCents(c: bigint): string {
  const abs = c < 0n ? -c : c;
  const whole = abs / 100n;
  const frac = (abs % 100n).toString().padStart(2, '0');
  return `${c < 0n ? '-' : ''}${whole}.${frac}`;
}

function totalsOf(rows: ReconRow[]): ReconTotals {
  const byClass = Object.fromEntries(RECON_CLASSES.map((c) => [c, { rows: 0, stake: 0n }])) as Record<ReconClass, { rows: number; stake: bigint }>;
  let cost = 0n;
  let revenue = 0n;
  for (const r of rows) {
    byClass[r.class].rows++;
    if (r.moneyAtStake !== '0.00') byClass[r.class].stake += toCents(r.moneyAtStake);
    if (r.pax8) cost += toCents(r.pax8.cost);
    if (r.host) revenue += toCents(r.host.revenue);
  }
  return {
    pax8Cost: fromCents(cost),
    hostRevenue: fromCents(revenue),
    margin: fromCents(revenue - cost),
    byClass: Object.fromEntries(RECON_CLASSES.map((c) => [c, { rows: byClass[c].rows, moneyAtStake: fromCents(byClass[c].stake) }])) as Record<ReconClass, ClassTotal>,
  };
}
