import type { CommitmentDependency, Product, ProductDependencies, ProvisioningDetail } from '../types';
import { compact, ParseContext } from './context';
import { parseVendorSku } from './vendor-sku';

export function parseProduct(c: ParseContext, value: unknown): Product {
  const r = c.record(value, 'product');
  return compact({
    id: c.id(r, 'product'),
    name: c.str(r.name),
    vendorName: c.str(r.vendorName),
    shortDescription: c.str(r.shortDescription),
    description: c.str(r.description),
    sku: c.str(r.sku),
    vendorSku: parseVendorSku(r.vendorSku),
    altVendorSku: c.str(r.altVendorSku),
    requiresCommitment: c.bool(r.requiresCommitment),
  });
}

export function parseProvisioningDetail(c: ParseContext, value: unknown): ProvisioningDetail {
  const r = c.obj(value) ?? {};
  return compact({
    label: c.str(r.label),
    key: c.str(r.key),
    description: c.str(r.description),
    valueType: c.enumValue('valueType', r.valueType),
    possibleValues: c.strings(r.possibleValues),
    values: c.strings(r.values),
  });
}

export function parseCommitmentDependency(c: ParseContext, value: unknown): CommitmentDependency {
  const r = c.record(value, 'commitment dependency');
  return compact({
    id: c.id(r, 'commitment dependency'),
    term: c.enumValue('commitmentTerm', r.term),
    autoRenew: c.bool(r.autoRenew),
    renewalWindowDaysBeforeTermEnd: c.num(r.renewalWindowDaysBeforeTermEnd),
    renewalWindowDaysAfterTermEnd: c.num(r.renewalWindowDaysAfterTermEnd),
    allowForQuantityIncrease: c.bool(r.allowForQuantityIncrease),
    allowForQuantityDecrease: c.bool(r.allowForQuantityDecrease),
    allowForEarlyCancellation: c.bool(r.allowForEarlyCancellation),
    cancellationFeeApplied: c.bool(r.cancellationFeeApplied),
    isTransferable: c.bool(r.isTransferable),
  });
}

export function parseDependencies(c: ParseContext, value: unknown): ProductDependencies {
  const r = c.obj(value) ?? {};
  return {
    commitmentDependencies: c.arr(r.commitmentDependencies).map((d) => parseCommitmentDependency(c, d)),
    productDependencies: c.arr(r.productDependencies).map((d) => {
      const o = c.obj(d) ?? {};
      return compact({ name: c.str(o.name), products: c.arr(o.products).map((p) => parseProduct(c, p)) });
    }),
  };
}
