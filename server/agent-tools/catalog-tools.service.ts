import { Injectable } from '@nestjs/common';
import { TenantPax8ClientService } from '../connection/tenant-pax8-client.service';
import type { Order, Pax8Client } from '../pax8-api';
import { CompanyResolver } from './company-resolver';
import type { ToolName } from './tool-catalog';
import { liveAnswer, livePage, pageOf, ToolAnswer } from './tool-answers';
import { productOut } from './tool-shapes';

type Input = Record<string, any>;

/**
 * The catalog tools and the order list: always live, because Pax8 asks partners not to store pricing,
 * dependencies or provisioning details (pax8-api.md §2), and the plugin does not sync orders.
 */
@Injectable()
export class CatalogToolsService {
  constructor(
    private readonly pax8: TenantPax8ClientService,
    private readonly companies: CompanyResolver,
  ) {}

  run(tenantId: string, tool: ToolName, input: Input): Promise<ToolAnswer> {
    switch (tool) {
      case 'pax8-search-products': return this.searchProducts(tenantId, input);
      case 'pax8-get-product': return liveAnswer(this.pax8, tenantId, async (c) => ({ product: productOut(await c.products.get(input.productId)) }));
      case 'pax8-get-product-pricing': return this.pricing(tenantId, input);
      case 'pax8-get-product-dependencies': return this.dependencies(tenantId, input);
      case 'pax8-get-provision-details': return this.provisionDetails(tenantId, input);
      case 'pax8-list-orders': return this.listOrders(tenantId, input);
      default: throw new Error(`${tool} is not a catalog tool`);
    }
  }

  private async searchProducts(tenantId: string, input: Input): Promise<ToolAnswer> {
    const { limit, offset } = input;
    return liveAnswer(this.pax8, tenantId, async (c) => {
      const { items, info } = await livePage(offset, limit, (size, n) => c.products.page({ search: input.search, vendorName: input.vendor, size }, n));
      return { items: items.map(productOut), ...info };
    });
  }

  private async pricing(tenantId: string, input: Input): Promise<ToolAnswer> {
    let companyId: string | null = null;
    if (input.company) {
      const resolved = await this.companies.resolve(tenantId, input.company);
      if (resolved.status !== 'ok') return resolved;
      companyId = resolved.company.companyId;
    }
    return liveAnswer(this.pax8, tenantId, async (c) => {
      const pricing = await c.products.pricing(input.productId, companyId ? { companyId } : {});
      return {
        productId: input.productId,
        companyId,
        pricing: pricing.map((p) => ({
          billingTerm: p.billingTerm ?? null,
          commitmentTerm: p.commitmentTerm ?? null,
          commitmentTermInMonths: p.commitmentTermInMonths ?? null,
          type: p.type ?? null,
          unitOfMeasurement: p.unitOfMeasurement ?? null,
          currencyCode: p.currencyCode ?? null,
          rates: p.rates.map((r) => ({
            partnerBuyRate: r.partnerBuyRate ?? null,
            suggestedRetailPrice: r.suggestedRetailPrice ?? null,
            startQuantityRange: r.startQuantityRange,
            endQuantityRange: r.endQuantityRange ?? null,
            chargeType: r.chargeType ?? null,
          })),
        })),
      };
    });
  }

  private dependencies(tenantId: string, input: Input): Promise<ToolAnswer> {
    return liveAnswer(this.pax8, tenantId, async (c) => {
      const d = await c.products.dependencies(input.productId);
      return {
        productId: input.productId,
        commitments: d.commitmentDependencies.map((x) => ({
          commitmentTermId: x.id,
          term: x.term ?? null,
          allowForQuantityIncrease: x.allowForQuantityIncrease ?? null,
          allowForQuantityDecrease: x.allowForQuantityDecrease ?? null,
          allowForEarlyCancellation: x.allowForEarlyCancellation ?? null,
        })),
        prerequisites: d.productDependencies.map((p) => ({ relation: p.name ?? null, products: p.products.map(productOut) })),
      };
    });
  }

  private provisionDetails(tenantId: string, input: Input): Promise<ToolAnswer> {
    return liveAnswer(this.pax8, tenantId, async (c) => ({
      productId: input.productId,
      details: (await c.products.provisionDetails(input.productId)).map((d) => ({
        key: d.key ?? null,
        label: d.label ?? null,
        description: d.description ?? null,
        valueType: d.valueType ?? null,
        possibleValues: d.possibleValues ?? null,
      })),
    }));
  }

  /** Pax8 lists orders oldest first with no sort (§2): read them all, newest first here. */
  private async listOrders(tenantId: string, input: Input): Promise<ToolAnswer> {
    let companyId: string | undefined;
    if (input.company) {
      const resolved = await this.companies.resolve(tenantId, input.company);
      if (resolved.status !== 'ok') return resolved;
      companyId = resolved.company.companyId;
    }
    return liveAnswer(this.pax8, tenantId, async (c) => {
      const all: Array<{ order: Order; seq: number }> = [];
      for await (const o of c.orders.all({ companyId })) all.push({ order: o, seq: all.length });
      const day = (o: Order) => o.createdDate?.getTime() ?? 0;
      // Same-day orders keep Pax8's order reversed (the later one first).
      all.sort((a, b) => day(b.order) - day(a.order) || b.seq - a.seq);
      const page = pageOf(all, input.offset, input.limit);
      return {
        ...page,
        items: page.items.map(({ order: o }) => ({
          orderId: o.id,
          companyId: o.companyId ?? null,
          createdDate: o.createdDate ? o.createdDate.toISOString().slice(0, 10) : null,
          orderedBy: o.orderedBy ?? null,
          lineItems: o.lineItems.map((l) => ({ productId: l.productId ?? null, subscriptionId: l.subscriptionId ?? null, quantity: l.quantity ?? null, billingTerm: l.billingTerm ?? null, commitmentTermId: l.commitmentTermId ?? null })),
        })),
      };
    });
  }
}
