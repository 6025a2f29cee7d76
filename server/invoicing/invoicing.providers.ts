import type { Provider } from '@nestjs/common';
import { BillingLineSource, BillingPriceResolver } from './billing-adapters';
import { SubscriptionHistoryService } from './history/subscription-history.service';
import { InvoiceImportService } from './import/invoice-import.service';
import { InvoicingCleanup } from './invoicing.cleanup';
import { InvoicingSyncObserver } from './invoicing-sync.observer';
import { InvoicingController } from './invoicing.controller';
import { InvoicingService } from './invoicing.service';
import { LeaksService } from './leaks/leaks.service';
import { PAX8_RECURRING_LINE_SOURCE } from './ledger/line-source';
import { IssuedLinesService } from './ledger/issued-lines.service';
import { PAX8_PRICE_RESOLVER } from './reconcile/price-resolver';
import { ReconciliationService } from './reconcile/reconciliation.service';
import { PAX8_SYNC_OBSERVER } from '../sync/sync-observer';

/** Invoicing's part of the module: Pax8 invoices, history, the ledger, reconciliation. */
export const invoicingProviders: Provider[] = [
  SubscriptionHistoryService,
  InvoiceImportService,
  IssuedLinesService,
  ReconciliationService,
  LeaksService,
  InvoicingService,
  InvoicingSyncObserver,
  InvoicingCleanup,
  BillingLineSource,
  BillingPriceResolver,
  { provide: PAX8_SYNC_OBSERVER, useExisting: InvoicingSyncObserver },
  { provide: PAX8_RECURRING_LINE_SOURCE, useExisting: BillingLineSource },
  { provide: PAX8_PRICE_RESOLVER, useExisting: BillingPriceResolver },
];
export const invoicingControllers = [InvoicingController];
/** What a host calls: commit lines when it generates an invoice, read the report, import on demand. */
export const invoicingExports = [IssuedLinesService, ReconciliationService, InvoiceImportService, SubscriptionHistoryService];
