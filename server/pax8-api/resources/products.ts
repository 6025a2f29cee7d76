import { PagedList } from '../pagination';
import { parseContentList } from '../parse/page';
import { parsePricing } from '../parse/pricing';
import { parseDependencies, parseProduct, parseProvisioningDetail } from '../parse/product';
import type { Pax8Transport } from '../http';
import type { Pricing, Product, ProductDependencies, ProductQuery, ProvisioningDetail } from '../types';

/** Products. Pricing, dependencies and provisioning details are dynamic: fetch when needed, never store (§2). */
export class ProductsResource extends PagedList<ProductQuery, Product> {
  constructor(private readonly t: Pax8Transport, size: number) {
    super(t, '/products', parseProduct, size);
  }

  private at(productId: string, sub = ''): string {
    return `/products/${encodeURIComponent(productId)}${sub}`;
  }

  get(productId: string): Promise<Product> {
    return this.t.send({ method: 'GET', path: this.at(productId), parse: (c, b) => parseProduct(c, b) });
  }

  /** One entry per purchasable combination; `companyId` gives company-specific prices. */
  pricing(productId: string, query: { companyId?: string } = {}): Promise<Pricing[]> {
    return this.t.send({ method: 'GET', path: this.at(productId, '/pricing'), query, parse: (c, b) => parseContentList(c, b, parsePricing) });
  }

  dependencies(productId: string): Promise<ProductDependencies> {
    return this.t.send({ method: 'GET', path: this.at(productId, '/dependencies'), parse: (c, b) => parseDependencies(c, b) });
  }

  provisionDetails(productId: string): Promise<ProvisioningDetail[]> {
    return this.t.send({ method: 'GET', path: this.at(productId, '/provision-details'), parse: (c, b) => parseContentList(c, b, parseProvisioningDetail) });
  }
}
