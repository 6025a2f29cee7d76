import { Global, Module } from '@nestjs/common';
import { PAX8_CLIENT_DIRECTORY, PAX8_LICENSE, PAX8_RECURRING_INVOICES, PAX8_TENANT_CONTEXT } from '../../host';
import { DemoClientDirectory, DemoLicense, DemoRecurringInvoices, DemoTenantContext } from './demo-ports';
import { DemoStore } from './demo-store';

/** How a host provides the plugin's ports: one module exporting a provider per port token. */
@Global()
@Module({
  providers: [
    DemoStore,
    { provide: PAX8_TENANT_CONTEXT, useClass: DemoTenantContext },
    { provide: PAX8_LICENSE, useClass: DemoLicense },
    { provide: PAX8_CLIENT_DIRECTORY, useClass: DemoClientDirectory },
    { provide: PAX8_RECURRING_INVOICES, useClass: DemoRecurringInvoices },
  ],
  exports: [DemoStore, PAX8_TENANT_CONTEXT, PAX8_LICENSE, PAX8_CLIENT_DIRECTORY, PAX8_RECURRING_INVOICES],
})
export class DemoPortsModule {}
