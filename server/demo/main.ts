import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { startSandbox } from '../sandbox';
import { seedDemoTenant } from './demo-data';
import { DemoAppModule } from './demo-app.module';
import { loadOrCreateDemoKeys } from './demo-keys';
import { serveDemoPage } from './demo-static';
import { DemoStore } from './ports/demo-store';

/** Pax8 accounts the demo tenants can connect with (the sandbox's partners). */
const DEMO_PARTNERS = [
  { clientId: 'sandbox-client', clientSecret: 'sandbox-secret', seed: 1, size: 'demo' as const, tenant: 'acme' },
  { clientId: 'globex-client', clientSecret: 'globex-secret', seed: 2, size: 'small' as const, tenant: 'globex' },
];

async function main(): Promise<void> {
  const root = join(__dirname, '..', '..');
  const dataDir = process.env.DEMO_DATA_DIR ?? join(root, 'data');
  mkdirSync(dataDir, { recursive: true });
  const logger = new Logger('Demo');

  // The Pax8 side: the local sandbox by default; set PAX8_API_BASE_URL / PAX8_TOKEN_URL to point elsewhere.
  const external = process.env.PAX8_API_BASE_URL;
  const sandbox = external
    ? null
    : await startSandbox({ port: Number(process.env.PAX8_SANDBOX_PORT ?? 4010), partners: DEMO_PARTNERS });
  const apiBaseUrl = external ?? sandbox!.apiBaseUrl;
  const tokenUrl = process.env.PAX8_TOKEN_URL ?? sandbox?.tokenUrl ?? `${apiBaseUrl}/token`;

  const app = await NestFactory.create<NestExpressApplication>(
    DemoAppModule.create({
      // WAL: readers (the page) do not wait for the sync's writes, and commits need no full fsync each.
      database: { type: 'better-sqlite3', database: join(dataDir, 'demo.sqlite'), enableWAL: true },
      pax8: {
        encryption: loadOrCreateDemoKeys(join(dataDir, 'demo-keys.json')),
        api: { apiBaseUrl, tokenUrl },
        sync: { intervalMinutes: Number(process.env.PAX8_SYNC_INTERVAL_MINUTES ?? 240) },
      },
    }),
  );
  serveDemoPage(app);

  if (sandbox) {
    const store = app.get(DemoStore);
    for (const p of DEMO_PARTNERS) {
      const companies = [...sandbox.store(p.clientId).companies.values()] as Array<{ name: string; website?: string; externalId?: string }>;
      store.tenants.set(p.tenant, seedDemoTenant(p.tenant, companies.slice(0, 12)));
    }
  }

  const port = Number(process.env.PORT ?? 3000);
  await app.listen(port);
  logger.log(`Demo host: http://localhost:${port}`);
  logger.log(`Pax8 API: ${apiBaseUrl}${sandbox ? ' (local sandbox)' : ''}`);
  if (sandbox) {
    for (const p of DEMO_PARTNERS) logger.log(`  tenant "${p.tenant}": connect with Client ID ${p.clientId} / Client Secret ${p.clientSecret}`);
  }
  const shutdown = async () => {
    await app.close();
    await sandbox?.close();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
