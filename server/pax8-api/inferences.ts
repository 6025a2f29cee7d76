/**
 * INFERENCES: every choice the client makes where Pax8's published material is silent or contradicted by
 * live behaviour (pax8-api.md tags these [I], [L], [3P], §13). Change them here, nowhere else.
 */
import type { DecimalString } from './money';

/** Known enum values (§6). Values outside these lists are kept raw and reported once, never rejected. */
export const KNOWN_VALUES = {
  companyStatus: ['Active', 'Inactive', 'Deleted'],
  subscriptionStatus: [
    'Active', 'Cancelled', 'PendingManual', 'PendingAutomated', 'PendingCancel', 'WaitingForDetails',
    'Trial', 'Converted', 'PendingActivation', 'Activated',
    // Outside the published enum, but seen live (§13): an ended trial or term.
    'Expired',
  ],
  billingTerm: ['Monthly', 'Annual', '2-Year', '3-Year', 'One-Time', 'Trial', 'Activation'],
  commitmentTerm: ['Monthly', '1-Year', '2-Year', '3-Year'],
  contactType: ['Admin', 'Billing', 'Technical'],
  valueType: ['Input', 'Single-Value', 'Multi-Value'],
  pricingType: ['Flat', 'Volume', 'Tiered', 'Mark-Up'],
  pricingChargeType: ['Per Unit', 'Flat Rate'],
  orderedBy: ['Pax8 Partner', 'Customer', 'Pax8'],
  invoiceStatus: ['Unpaid', 'Paid', 'Void', 'Carried', 'Nothing Due', 'Credited'],
  invoiceItemType: [
    'rebate', 'prorate', 'subscription', 'payment-credit', 'one-time', 'service-charge', 'service-credit', 'invoice-credit',
  ],
  invoiceItemRateType: ['markup', 'single', 'flat', 'volume', 'tiered'],
  invoiceItemChargeType: ['flat', 'per'],
} as const;

export type EnumKind = keyof typeof KNOWN_VALUES;

/** Spelling variants folded into one value before the known-value check (§6, §13). */
export const NORMALISE: Partial<Record<EnumKind, (raw: string) => string>> = {
  // Live reads say 'Pax8Partner' (2024-25) and 'Pax8 Partner' (spec, 2026): one value for callers.
  orderedBy: (raw) => (raw.replace(/\s+/g, '').toLowerCase() === 'pax8partner' ? 'Pax8 Partner' : raw),
  // py-pax8 reports underscores where the spec has hyphens.
  invoiceItemType: (raw) => raw.replace(/_/g, '-').toLowerCase(),
  // Live data has 'Flat' as well as 'flat'.
  invoiceItemRateType: (raw) => raw.toLowerCase(),
  invoiceItemChargeType: (raw) => raw.toLowerCase(),
};

/** Pricing rate with no startQuantityRange starts at 0; a missing/null endQuantityRange means no limit (§5, §13). */
export const PRICING_DEFAULT_START_QUANTITY = 0;

/**
 * Subscription price semantics are unsettled (§13): the spec calls `price` the customer price, a Pax8 Labs
 * maintainer says it is the partner's buy rate on the wire. We report `partnerCost` as the unit cost when
 * present and fall back to `price`, flagged "(retail)" so the UI can say the figure may be a retail price.
 */
export function subscriptionUnitCost(
  price: DecimalString | undefined,
  partnerCost: DecimalString | undefined,
): { amount: DecimalString; source: 'partnerCost' | 'price (retail)' } | undefined {
  if (partnerCost !== undefined) return { amount: partnerCost, source: 'partnerCost' };
  if (price !== undefined) return { amount: price, source: 'price (retail)' };
  return undefined;
}

/**
 * A record that should have an id but has none is a protocol violation: we throw Pax8ResponseError rather
 * than dropping it, because a silently dropped item would make a sync's count check retry forever.
 */
export const MISSING_ID_IS_AN_ERROR = true;

/** A date-time with no zone is read as UTC (Pax8 works in UTC). See dates.ts for every accepted format. */
export const ZONELESS_DATES_ARE_UTC = true;

/**
 * HTTP 500 is retried for GETs only (reads are safe to repeat and 500s under load are usually transient);
 * writes retry only the statuses §10 lists (429, 502, 503, 504), and order creation retries none (see
 * ORDER_CREATE_NO_DOUBLE_ORDER_GUARANTEE).
 */
export const RETRY_500_ON_GET = true;

/** An API 401 is answered before the request is processed, so repeating it once with a new token is safe for every method. */
export const API_401_IS_PRE_PROCESSING = true;

/** Token refresh margin: refresh when less than min(1 h, 10% of the lifetime) remains (§1, §10). */
export function tokenRefreshMarginMs(lifetimeMs: number): number {
  return Math.min(60 * 60_000, lifetimeMs * 0.1);
}

/**
 * vendorSku JSON sometimes carries skuId as a number (2 instead of "0002", §5). Microsoft SKU ids are four
 * digits with leading zeros, so a numeric skuId is padded to this width.
 */
export const NUMERIC_SKU_ID_WIDTH = 4;

/**
 * §14/§15: nothing documents how a delegated token names the partner that consented, yet webhook
 * deliveries name it as `accountId`. We read the first of these access-token claims that is present
 * (the token is decoded, not verified: it only routes webhooks, it grants nothing).
 */
export const PARTNER_ACCOUNT_CLAIMS = ['https://api.pax8.com/partner_id', 'partner_id', 'org_id', 'sub'] as const;
