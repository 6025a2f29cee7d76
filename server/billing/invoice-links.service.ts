import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditActor, AuditService } from '../audit/audit.service';
import { fieldErrors } from '../common/http/validation.pipe';
import { runInTransaction } from '../common/orm/transaction';
import { TenantRepository } from '../common/tenancy/tenant-repository';
import { PAX8_RECURRING_INVOICES, RecurringInvoicesPort } from '../host/recurring-invoices.port';
import { CompanyMapping } from '../mapping/company-mapping.entity';
import { PAX8_DATA_SOURCE } from '../pax8.constants';
import { BILLING_MESSAGES } from './billing-errors';
import { currenciesDiffer } from './billing-rows';
import { BillingService } from './billing.service';
import { InvoiceLink } from './invoice-link.entity';

/** Links a subscription to one recurring invoice of its company's mapped client, through the host's port. */
@Injectable()
export class InvoiceLinksService {
  constructor(
    @Inject(PAX8_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(PAX8_RECURRING_INVOICES) private readonly invoices: RecurringInvoicesPort,
    private readonly billing: BillingService,
    private readonly audit: AuditService,
  ) {}

  /** The mapped client's recurring invoices, for the link picker; each says whether its currency differs. */
  async candidates(tenantId: string, pax8SubscriptionId: string) {
    const sub = await this.billing.requireSubscription(tenantId, pax8SubscriptionId);
    const clientId = await this.mappedClient(tenantId, sub.pax8CompanyId);
    const list = await this.invoices.listForClient(tenantId, clientId);
    const items = list
      .filter((i) => i.clientId === clientId)
      .map((i) => ({ ...i, currencyMismatch: currenciesDiffer(i.currencyCode, sub.currencyCode) }));
    return { clientId, items };
  }

  async link(tenantId: string, actor: AuditActor, pax8SubscriptionId: string, recurringInvoiceId: string) {
    const sub = await this.billing.requireSubscription(tenantId, pax8SubscriptionId);
    const clientId = await this.mappedClient(tenantId, sub.pax8CompanyId);
    const invoice = await this.invoices.getInvoice(tenantId, recurringInvoiceId);
    const refuse = (reason: string) => fieldErrors([{ field: 'recurringInvoiceId', reason }]);
    if (!invoice) throw refuse('no such recurring invoice in this tenant');
    if (invoice.clientId !== clientId) throw refuse("belongs to another client than this subscription's company is mapped to");
    if (!invoice.active) throw refuse('is inactive; pick an active recurring invoice');
    const currencyMismatch = currenciesDiffer(invoice.currencyCode, sub.currencyCode);
    await runInTransaction(this.dataSource, async (manager) => {
      // Re-read inside the transaction: the company may have been unmapped since.
      const mapping = await new TenantRepository(manager, CompanyMapping, tenantId).findOne({ pax8CompanyId: sub.pax8CompanyId });
      if (mapping?.clientId !== clientId) throw BILLING_MESSAGES.mapFirst(sub.pax8CompanyId);
      const links = new TenantRepository(manager, InvoiceLink, tenantId);
      const existing = await links.findOne({ pax8SubscriptionId });
      const row = existing ?? links.create({ pax8SubscriptionId });
      Object.assign(row, { recurringInvoiceId: invoice.id, clientId, invoiceName: invoice.name.slice(0, 255), invoiceCurrencyCode: invoice.currencyCode ?? null, linkedBy: actor.id });
      await links.save(row);
      await this.audit.record(tenantId, actor, 'billing.invoice_linked', { type: 'pax8Subscription', id: pax8SubscriptionId }, {
        recurringInvoiceId: invoice.id, previousInvoiceId: existing?.recurringInvoiceId ?? null, currencyMismatch,
      }, manager);
    });
    return {
      pax8SubscriptionId,
      recurringInvoiceId: invoice.id,
      invoiceName: invoice.name,
      clientId,
      currencyCode: invoice.currencyCode ?? null,
      subscriptionCurrencyCode: sub.currencyCode,
      currencyMismatch,
      warning: currencyMismatch ? `The subscription is billed in ${sub.currencyCode} and the invoice in ${invoice.currencyCode}: amounts are not converted.` : null,
    };
  }

  async unlink(tenantId: string, actor: AuditActor, pax8SubscriptionId: string) {
    await this.billing.requireSubscription(tenantId, pax8SubscriptionId);
    return runInTransaction(this.dataSource, async (manager) => {
      const links = new TenantRepository(manager, InvoiceLink, tenantId);
      const existing = await links.findOne({ pax8SubscriptionId });
      if (!existing) return { pax8SubscriptionId, unlinked: false };
      await links.delete({ id: existing.id });
      await this.audit.record(tenantId, actor, 'billing.invoice_unlinked', { type: 'pax8Subscription', id: pax8SubscriptionId }, { recurringInvoiceId: existing.recurringInvoiceId }, manager);
      return { pax8SubscriptionId, unlinked: true, recurringInvoiceId: existing.recurringInvoiceId };
    });
  }

  private async mappedClient(tenantId: string, pax8CompanyId: string): Promise<string> {
    const mapping = await new TenantRepository(this.dataSource, CompanyMapping, tenantId).findOne({ pax8CompanyId });
    if (!mapping) throw BILLING_MESSAGES.mapFirst(pax8CompanyId);
    return mapping.clientId;
  }
}
