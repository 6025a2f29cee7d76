import type { Subscription } from '../../pax8-api';
import type { Pax8Subscription } from '../entities/pax8-subscription.entity';
import { isoString } from '../../common/iso-date';
import { hashedRecordBuilder } from './content-hash';

export type SubscriptionRecord = Omit<Pax8Subscription, 'id' | 'tenantId' | 'createdAt' | 'updatedAt' | 'removedAt' | 'oddValues' | 'assignId'>;

export interface ProductInfo {
  name: string | null;
  vendorName: string | null;
  sku: string | null;
}

const dateOnly = (d: Date | undefined) => (d ? isoString(d).slice(0, 10) : null);

const withHash = hashedRecordBuilder<Omit<SubscriptionRecord, 'contentHash'>>();

/** What the sync stores of a subscription; product name, vendor and SKU come from the product cache when the subscription lacks them (§13). */
export function toSubscriptionRecord(s: Subscription, product: ProductInfo | undefined): SubscriptionRecord {
  const fields = {
    pax8Id: s.id,
    pax8CompanyId: s.companyId ?? '',
    parentSubscriptionId: s.parentSubscriptionId ?? null,
    productId: s.productId ?? null,
    productName: s.productName ?? product?.name ?? null,
    vendorName: product?.vendorName ?? null,
    sku: product?.sku ?? null,
    vendorSubscriptionId: s.vendorSubscriptionId ?? null,
    vendorSkuId: s.vendorSkuId ?? null,
    quantity: s.quantity ?? 0,
    status: s.status ?? null,
    billingTerm: s.billingTerm ?? null,
    commitmentId: s.commitment?.id ?? null,
    commitmentTerm: s.commitment?.term ?? null,
    commitmentEndDate: s.commitment?.endDate ?? null,
    startDate: s.startDate ?? null,
    endDate: s.endDate ?? null,
    pax8CreatedAt: s.createdDate ?? null,
    pax8UpdatedAt: s.updatedDate ?? null,
    billingStart: dateOnly(s.billingStart),
    price: s.price ?? null,
    partnerCost: s.partnerCost ?? null,
    currencyCode: s.currencyCode ?? null,
    provisioningDetails: s.provisioningDetails?.length
      ? s.provisioningDetails.map((d) => ({ key: d.key, label: d.label, values: d.values ?? [] }))
      : null,
  };
  return withHash(fields);
}
