import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Pax8BodyErrorFilter } from '../common/http/body-error.filter';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SandboxHandle, startSandbox } from '../sandbox';
import { DEMO_PARTNERS } from './demo-data';
import { DemoAppModule } from './demo-app.module';
import { loadOrCreateDemoKeys } from './demo-keys';
import { seedDemoAtStart, seedDemoClients } from './demo-start-seed';
import { serveDemoPage } from './demo-static';
import { DemoStore } from './ports/demo-store';

/** Not 4010, the port `npm run sandbox` takes by default, so the demo and a standalone sandbox can run side by side. */
const DEMO_SANDBOX_PORT = 4011;

async function startDemoSandbox(port: number, logger: Logger): Promise<SandboxHandle> {
  try {
    return await startSandbox({ port, partners: DEMO_PARTNERS });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    logger.warn(`Port ${port} is taken: the demo's sandbox listens on a free port instead (set PAX8_SANDBOX_PORT to choose one).`);
    return startSandbox({ port: 0, partners: DEMO_PARTNERS });
  }
}

async function main(): Promise<void> {
  const root = join(__dirname, '..', '..');
  const dataDir = process.env.DEMO_DATA_DIR ?? join(root, 'data');
  mkdirSync(dataDir, { recursive: true });
  const logger = new Logger('Demo');

  // The Pax8 side: the local sandbox by default; set PAX8_API_BASE_URL / PAX8_TOKEN_URL to point elsewhere.
  const external = process.env.PAX8_API_BASE_URL;
  const sandbox = external ? null : await startDemoSandbox(Number(process.env.PAX8_SANDBOX_PORT ?? DEMO_SANDBOX_PORT), logger);
  const apiBaseUrl = external ?? sandbox!.apiBaseUrl;
  const tokenUrl = process.env.PAX8_TOKEN_URL ?? sandbox?.tokenUrl ?? `${apiBaseUrl}/token`;

  const port = Number(process.env.PORT ?? 3000);
  const hostUrl = process.env.DEMO_PUBLIC_URL ?? `http://localhost:${port}`;
  // "Connect with Pax8" (delegated) against the sandbox's login side, and webhooks it delivers to us.
  const platform = sandbox?.oauth.apps[0];
  const delegated = platform && {
    clientId: platform.clientId,
    clientSecret: platform.clientSecret,
    integrationId: platform.integrationId,
    redirectUrl: `${hostUrl}/pax8/connection/delegated/callback`,
    returnUrl: `${hostUrl}/`,
    authorizeUrl: sandbox!.oauth.authorizeUrl,
    tokenUrl: sandbox!.oauth.tokenUrl,
    revokeUrl: sandbox!.oauth.revokeUrl,
  };
  const webhooks = sandbox && {
    // A fresh value per start: the in-process sandbox (where it is registered) starts fresh too.
    authorization: randomBytes(24).toString('hex'),
    publicUrl: `${hostUrl}/pax8/webhooks/pax8`,
    apiBaseUrl: sandbox.webhooks.apiBaseUrl,
  };

  const app = await NestFactory.create<NestExpressApplication>(
    DemoAppModule.create({
      // WAL: readers (the page) do not wait for the sync's writes, and commits need no full fsync each.
      database: { type: 'better-sqlite3', database: join(dataDir, 'demo.sqlite'), enableWAL: true },
      pax8: {
        encryption: loadOrCreateDemoKeys(join(dataDir, 'demo-keys.json')),
        api: { apiBaseUrl, tokenUrl },
        sync: { intervalMinutes: Number(process.env.PAX8_SYNC_INTERVAL_MINUTES ?? 240) },
        ...(delegated ? { delegated } : {}),
        ...(webhooks ? { webhooks } : {}),
      },
    }),
  );
  app.useGlobalFilters(new Pax8BodyErrorFilter(app.getHttpAdapter(), '/pax8'));
  serveDemoPage(app);
  await app.init();

  if (sandbox) {
    seedDemoClients(app.get(DemoStore), sandbox, DEMO_PARTNERS);
    // A first visit shows every state at once: the default persona's tenant starts connected, synced, mapped and billed.
    if (process.env.DEMO_SEED !== '0') {
      const started = Date.now();
      const p = DEMO_PARTNERS[0];
      const seed = await seedDemoAtStart(app, { tenant: p.tenant, clientId: p.clientId, clientSecret: p.clientSecret });
      logger.log(seed.seeded
        ? `Seeded tenant "${seed.tenant}" in ${Date.now() - started} ms: sync ${seed.syncStatus}, billing ${JSON.stringify(seed.billing)}`
        : `Tenant "${seed.tenant}" is already connected: start-up seeding skipped (delete ${dataDir} to start over).`);
    }
  }

  await app.listen(port);
  logger.log(`Demo host: http://localhost:${port}`);
  logger.log(`Pax8 API: ${apiBaseUrl}${sandbox ? ` (local sandbox; browse its data at ${sandbox.url}/)` : ''}`);
  if (sandbox) {
    for (const p of DEMO_PARTNERS) logger.log(`  tenant "${p.tenant}": connect with Client ID ${p.clientId} / Client Secret ${p.clientSecret}, or "Connect with Pax8" signing in as ${p.clientId}`);
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
