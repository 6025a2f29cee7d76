/** The smallest host the benchmark needs: fixed ports, the plugin on its own SQLite file, no HTTP traffic. */
import { INestApplication, Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import {
  ClientDirectoryPort,
  HostClient,
  LicensePort,
  PAX8_CLIENT_DIRECTORY,
  PAX8_LICENSE,
  PAX8_RECURRING_INVOICES,
  PAX8_TENANT_CONTEXT,
  Pax8Module,
  RecurringInvoicesPort,
  TenantContextPort,
} from '../server';
import { Pax8ClientFactory } from '../server/pax8-api';
import { PAX8_CLIENT_FACTORY, PAX8_OPTIONS } from '../server/pax8.constants';
import type { ResolvedPax8Options } from '../server/pax8-options';

@Injectable()
class NoRequests implements TenantContextPort {
  resolve() {
    return null;
  }
}
@Injectable()
class EveryoneLicensed implements LicensePort {
  isEnabled() {
    return true;
  }
}
@Injectable()
class NoClients implements ClientDirectoryPort {
  async getClient(): Promise<HostClient | null> {
    return null;
  }
  async searchClients(): Promise<HostClient[]> {
    return [];
  }
  async *listAllClients(): AsyncIterable<HostClient> {}
}
@Injectable()
class NoInvoices implements RecurringInvoicesPort {
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
class BenchPortsModule {}

export interface BenchAppOptions {
  apiBaseUrl: string;
  tokenUrl: string;
  sqliteFile: string;
  /** api.requestsPerMinute (the option allows at most 1000). */
  requestsPerMinute: number;
  /**
   * Replace the plugin's client factory with one whose limiter allows 1,000,000 per minute: the option
   * cannot go above 1000/min, so this is the only way to see the engine alone on more than 1000 calls.
   */
  liftClientLimiter?: boolean;
}

export async function bootBenchApp(o: BenchAppOptions): Promise<INestApplication> {
  let builder = Test.createTestingModule({
    imports: [
      Pax8Module.forRoot({
        encryption: { currentKeyId: 'bench', keys: { bench: randomBytes(32).toString('base64') } },
        api: { apiBaseUrl: o.apiBaseUrl, tokenUrl: o.tokenUrl, requestsPerMinute: o.requestsPerMinute },
        sync: { enabled: false },
        ownDataSource: { type: 'better-sqlite3', database: o.sqliteFile },
        imports: [BenchPortsModule],
      }),
    ],
  });
  if (o.liftClientLimiter) {
    builder = builder.overrideProvider(PAX8_CLIENT_FACTORY).useFactory({
      factory: (opts: ResolvedPax8Options) =>
        new Pax8ClientFactory({
          apiBaseUrl: opts.api.apiBaseUrl,
          tokenUrl: opts.api.tokenUrl,
          audience: opts.api.audience,
          pageSize: opts.api.pageSize,
          timeoutMs: opts.api.timeoutMs,
          requestsPerMinute: 1_000_000,
        }),
      inject: [PAX8_OPTIONS],
    });
  }
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication({ logger: ['error', 'warn'] });
  await app.init();
  return app;
}
