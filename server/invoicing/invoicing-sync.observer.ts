import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Pax8Client } from '../pax8-api';
import type { SubscriptionRecord } from '../sync/records/subscription-record';
import type { SyncObserver } from '../sync/sync-observer';
import { SubscriptionHistoryService } from './history/subscription-history.service';
import { InvoiceImportService } from './import/invoice-import.service';

/** Invoicing's part of a sync: versions inside each page's transaction, then the invoice import. */
@Injectable()
export class InvoicingSyncObserver implements SyncObserver {
  private readonly logger = new Logger('Pax8Invoicing');

  constructor(
    private readonly history: SubscriptionHistoryService,
    private readonly imports: InvoiceImportService,
  ) {}

  subscriptionsWritten(manager: EntityManager, tenantId: string, records: SubscriptionRecord[], seenAt: Date, allNew: boolean): Promise<void> {
    return this.history.record(manager, tenantId, records, seenAt, allNew);
  }

  recordsNothingFor(tenantId: string): Promise<boolean> {
    return this.history.isEmpty(tenantId);
  }

  /** An import that fails leaves the sync's own result alone; the next sync tries again. */
  async afterFullSync(tenantId: string, client: Pax8Client): Promise<Record<string, unknown>> {
    try {
      return { ...(await this.imports.importAll(tenantId, client)) };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.logger.warn(`Invoice import of tenant ${tenantId} failed: ${message}`);
      return { error: `Invoice import failed: ${message}` };
    }
  }
}
