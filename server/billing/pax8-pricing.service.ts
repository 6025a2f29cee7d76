import { Injectable } from '@nestjs/common';
import { TenantPax8ClientService } from '../connection/tenant-pax8-client.service';
import { Pax8NotFoundError } from '../pax8-api';
import { BillingService } from './billing.service';
import { matchPax8Rate } from './pricing';

/**
 * Pax8's live price list for one subscription's product, with the company's own prices (`companyId`).
 * Pax8 says not to store pricing (pax8-api.md §2), so this is fetched when the billing dialog opens;
 * it tells whether the charge is "Flat Rate" and which quantity range applies.
 */
@Injectable()
export class Pax8PricingService {
  constructor(
    private readonly billing: BillingService,
    private readonly pax8: TenantPax8ClientService,
  ) {}

  async forSubscription(tenantId: string, pax8SubscriptionId: string) {
    const sub = await this.billing.requireSubscription(tenantId, pax8SubscriptionId);
    if (!sub.productId) return { available: false as const, reason: 'Pax8 gave no product for this subscription.' };
    const client = await this.pax8.forTenant(tenantId);
    let entries;
    try {
      entries = await client.products.pricing(sub.productId, { companyId: sub.pax8CompanyId });
    } catch (e) {
      if (e instanceof Pax8NotFoundError) return { available: false as const, reason: 'Pax8 has no price list for this product (usage products billed in arrears often have none).' };
      throw e;
    }
    if (sub.quantity === null) return { available: false as const, reason: 'Pax8 sent a quantity the plugin cannot store exactly, so no quantity range applies (see the sync warnings).' };
    const match = matchPax8Rate(entries, { billingTerm: sub.billingTerm, commitmentTerm: sub.commitmentTerm, quantity: sub.quantity });
    return {
      available: true as const,
      productId: sub.productId,
      entries,
      matched: match ? { entry: match.entry, rate: match.rate } : null,
      chargeType: match?.chargeType ?? null,
    };
  }
}
