import { Injectable } from '@nestjs/common';
import { deleteTenantRows, LIFECYCLE_STAGE, TenantDisconnectingEvent, TenantLifecycle, TenantLifecycleParticipant } from '../common/lifecycle/tenant-lifecycle';
import { Pax8InvoiceItem } from './entities/pax8-invoice-item.entity';
import { Pax8Invoice } from './entities/pax8-invoice.entity';
import { SubscriptionVersion } from './entities/subscription-version.entity';
import { UsageTotal } from './entities/usage-total.entity';

/**
 * On disconnect invoicing removes what it copied from Pax8 (invoices, items, versions, usage). The
 * issued-lines ledger stays: it records what the host invoiced, and keeping it is what stops a period
 * from being billed twice after a reconnect.
 */
@Injectable()
export class InvoicingCleanup implements TenantLifecycleParticipant {
  readonly stage = LIFECYCLE_STAGE.invoicing;

  constructor(lifecycle: TenantLifecycle) {
    lifecycle.register(this);
  }

  tenantDisconnecting({ manager, tenantId }: TenantDisconnectingEvent) {
    return deleteTenantRows(manager, tenantId, [Pax8InvoiceItem, Pax8Invoice, SubscriptionVersion, UsageTotal]);
  }
}
