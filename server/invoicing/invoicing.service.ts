import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { newId } from '../common/orm/tenant-entity';
import { TenantRepository } from '../common/tenancy/tenant-repository';
import { TenantPax8ClientService } from '../connection/tenant-pax8-client.service';
import { PAX8_DATA_SOURCE, PAX8_OPTIONS } from '../pax8.constants';
import type { ResolvedPax8Options } from '../pax8-options';
import { SyncAlreadyRunningError } from '../sync/sync-errors';
import { SyncLeaseService } from '../sync/sync-lease.service';
import { Pax8InvoiceItem } from './entities/pax8-invoice-item.entity';
import { Pax8Invoice } from './entities/pax8-invoice.entity';
import { SubscriptionHistoryService } from './history/subscription-history.service';
import { ImportReport, InvoiceImportService } from './import/invoice-import.service';
import { LeaksService } from './leaks/leaks.service';

/** The invoicing routes' service: on-demand import under the tenant's sync lease, and the imported data. */
@Injectable()
export class InvoicingService {
  constructor(
    @Inject(PAX8_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(PAX8_OPTIONS) private readonly options: ResolvedPax8Options,
    private readonly leases: SyncLeaseService,
    private readonly pax8: TenantPax8ClientService,
    private readonly imports: InvoiceImportService,
    private readonly history: SubscriptionHistoryService,
    private readonly leaks: LeaksService,
  ) {}

  /** Imports now; 409 while a sync (which imports too) or another import holds the tenant. */
  async importNow(tenantId: string): Promise<ImportReport> {
    const holder = newId();
    const ttl = this.options.sync.leaseSeconds * 1000;
    if (!(await this.leases.acquire(tenantId, holder, ttl))) throw new SyncAlreadyRunningError((await this.leases.current(tenantId))?.runId ?? null);
    const renew = setInterval(() => void this.leases.renew(tenantId, holder, ttl).catch(() => undefined), Math.max(1000, ttl / 3));
    try {
      return await this.imports.importAll(tenantId, await this.pax8.forTenant(tenantId));
    } finally {
      clearInterval(renew);
      await this.leases.release(tenantId, holder);
    }
  }

  async listInvoices(tenantId: string, limit: number, offset: number) {
    const repo = new TenantRepository(this.dataSource, Pax8Invoice, tenantId);
    const [rows, total] = await repo.repo.findAndCount({ where: { tenantId }, order: { invoiceDate: 'DESC', pax8Id: 'ASC' }, take: limit, skip: offset });
    return { total, items: rows.map(describeInvoice) };
  }

  async invoiceItems(tenantId: string, pax8InvoiceId: string) {
    const invoice = await new TenantRepository(this.dataSource, Pax8Invoice, tenantId).findOne({ pax8Id: pax8InvoiceId });
    if (!invoice) throw new NotFoundException('No imported Pax8 invoice with this id for this tenant.');
    const items = await new TenantRepository(this.dataSource, Pax8InvoiceItem, tenantId).find({ pax8InvoiceId }, { order: { servicePeriod: 'ASC', pax8ItemId: 'ASC' } });
    return {
      invoice: describeInvoice(invoice),
      items: items.map((i) => ({
        id: i.pax8ItemId, type: i.type, term: i.term, servicePeriod: i.servicePeriod, startPeriod: i.startPeriod, endPeriod: i.endPeriod,
        pax8CompanyId: i.pax8CompanyId, pax8SubscriptionId: i.pax8SubscriptionId, productId: i.productId, productName: i.productName, sku: i.sku,
        description: i.description, quantity: i.quantity, price: i.price, total: i.total, cost: i.cost, costTotal: i.costTotal, currencyCode: i.currencyCode,
      })),
    };
  }

  async subscriptionHistory(tenantId: string, pax8SubscriptionId: string) {
    const versions = await this.history.versionsOf(tenantId, pax8SubscriptionId);
    if (!versions.length) throw new NotFoundException('No history for this subscription: it has not been synced for this tenant.');
    return {
      pax8SubscriptionId,
      versions: versions.map((v) => ({
        validFrom: v.validFrom, validTo: v.validTo, quantity: v.quantity, price: v.price, partnerCost: v.partnerCost, status: v.status,
        billingTerm: v.billingTerm, commitmentTerm: v.commitmentTerm, commitmentEndDate: v.commitmentEndDate, source: v.source,
      })),
      /** Before the first version nothing is known (it predates the first sync and Pax8's history did not reach back). */
      knownFrom: versions[0].validFrom,
    };
  }

  currentLeaks(tenantId: string, clientId: string | null) {
    return this.leaks.report(tenantId, clientId);
  }
}

function describeInvoice(i: Pax8Invoice) {
  return {
    id: i.pax8Id, invoiceDate: i.invoiceDate, dueDate: i.dueDate, status: i.status, credited: i.status === 'Credited', total: i.total, balance: i.balance,
    currencyCode: i.currencyCode, pax8CompanyId: i.pax8CompanyId, itemsImported: i.itemsImportedAt !== null, itemCount: i.itemCount,
  };
}
