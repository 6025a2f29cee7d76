import type Decimal from 'decimal.js';

/** Your price for a subscription's quantity at a unit cost, and where that price came from. */
export interface TenantPricing {
  /** `usage`: a usage cost billed in arrears (markup applies, an override unit price does not). */
  price(subscriptionId: string | null, quantity: Decimal, unitCost: Decimal, usage?: boolean): { total: Decimal; source: string };
}

/** Billing answers this (pricing rules and settings); reconciliation uses it for money at stake on lines nobody invoiced. */
export interface PriceResolver {
  resolve(tenantId: string, subscriptionIds: string[]): Promise<TenantPricing>;
}
export const PAX8_PRICE_RESOLVER = Symbol.for('pax8.invoicing.price-resolver');
