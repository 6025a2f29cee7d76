import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { chunks } from '../common/chunks';
import { CompanyUnmappedEvent, DisconnectCleanup, LIFECYCLE_STAGE } from '../common/lifecycle/tenant-lifecycle';
import { TenantRepository } from '../common/tenancy/tenant-repository';
import { Pax8Subscription } from '../sync/entities/pax8-subscription.entity';
import { InvoiceLink } from './invoice-link.entity';
import { PricingRule } from './pricing-rule.entity';
import { SubscriptionBilling } from './subscription-billing.entity';

/**
 * Billing cleans up after upstream events itself. Unmapping a company keeps its billing settings but
 * detaches its invoice links (those invoices belong to the old client); disconnecting removes billing.
 */
@Injectable()
export class BillingCleanup extends DisconnectCleanup {
  readonly stage = LIFECYCLE_STAGE.billing;
  protected readonly entities = [InvoiceLink, SubscriptionBilling, PricingRule];

  async companyUnmapped({ manager, tenantId, pax8CompanyId }: CompanyUnmappedEvent) {
    const subIds = (await new TenantRepository(manager, Pax8Subscription, tenantId).find({ pax8CompanyId }, { select: { pax8Id: true } })).map((s) => s.pax8Id);
    const links = new TenantRepository(manager, InvoiceLink, tenantId);
    let detachedInvoiceLinks = 0;
    for (const chunk of chunks(subIds)) {
      detachedInvoiceLinks += await links.count({ pax8SubscriptionId: In(chunk) });
      await links.delete({ pax8SubscriptionId: In(chunk) });
    }
    return { detachedInvoiceLinks };
  }
}
