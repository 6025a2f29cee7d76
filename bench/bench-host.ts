/** The smallest host the benchmark needs: fixed ports, the plugin on its own SQLite file, no HTTP traffic. */
import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import { Pax8Module } from '../server';
import { HeadlessHostPortsModule } from '../test/helpers/headless-host';
import { Pax8ClientFactory } from '../server/pax8-api';
import { PAX8_CLIENT_FACTORY, PAX8_OPTIONS } from '../server/pax8.constants';
import type { ResolvedPax8Options } from '../server/pax8-options';


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
        ownDataSource: { type: 'better-sqlite3', database: o.sqliteFile, enableWAL: true },
        imports: [HeadlessHostPortsModule],
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
