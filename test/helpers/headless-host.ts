import { Injectable, Module } from '@nestjs/common';
import {
  ClientDirectoryPort,
  HostClient,
  LicensePort,
  PAX8_CLIENT_DIRECTORY,
  PAX8_LICENSE,
  PAX8_RECURRING_INVOICES,
  PAX8_TENANT_CONTEXT,
  RecurringInvoicesPort,
  TenantContextPort,
} from '../../server';

/**
 * Ports of a host that serves no HTTP traffic (benchmark, queue workers): nobody signs in, every
 * tenant is licensed, there are no clients or invoices.
 */
@Injectable()
class NoRequests implements TenantContextPort {
  resolve() {
    return null;
  }
}
@Injectable()
export class EveryoneLicensed implements LicensePort {
  isEnabled() {
    return true;
  }
}
@Injectable()
export class NoClients implements ClientDirectoryPort {
  async getClient(): Promise<HostClient | null> {
    return null;
  }
  async searchClients(): Promise<HostClient[]> {
    return [];
  }
  async *listAllClients(): AsyncIterable<HostClient> {}
}
@Injectable()
export class NoInvoices implements RecurringInvoicesPort {
  async listForClient() {
    return [];
  }
  async getInvoice() {
    return null;
  }
}

@Module({
  providers: [
    { provide: PAX8_TENANT_CONTEXT, useClass: NoRequests },
    { provide: PAX8_LICENSE, useClass: EveryoneLicensed },
    { provide: PAX8_CLIENT_DIRECTORY, useClass: NoClients },
    { provide: PAX8_RECURRING_INVOICES, useClass: NoInvoices },
  ],
  exports: [PAX8_TENANT_CONTEXT, PAX8_LICENSE, PAX8_CLIENT_DIRECTORY, PAX8_RECURRING_INVOICES],
})
export class HeadlessHostPortsModule {}
