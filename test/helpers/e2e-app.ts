import { randomBytes } from 'node:crypto';
import { INestApplication, LoggerService } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource, DataSourceOptions } from 'typeorm';
import { Pax8BodyErrorFilter } from '../../server/common/http/body-error.filter';
import { DemoAppModule } from '../../server/demo/demo-app.module';
import { seedDemoTenant } from '../../server/demo/demo-data';
import { DemoStore } from '../../server/demo/ports/demo-store';
import { PAX8_DATA_SOURCE } from '../../server/pax8.constants';
import type { Pax8ModuleOptionsInput } from '../../server/pax8-options';
import { SandboxHandle, SandboxOptions, startSandbox } from '../../server/sandbox';
import { TestDatabase } from './databases';

/** Collects every log line the app writes, so a test can scan them for secrets. */
export class CapturingLogger implements LoggerService {
  readonly lines: string[] = [];
  private push(level: string, message: unknown, rest: unknown[]) {
    this.lines.push([level, message, ...rest].map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(' '));
  }
  log(m: unknown, ...r: unknown[]) { this.push('log', m, r); }
  error(m: unknown, ...r: unknown[]) { this.push('error', m, r); }
  warn(m: unknown, ...r: unknown[]) { this.push('warn', m, r); }
  debug(m: unknown, ...r: unknown[]) { this.push('debug', m, r); }
  verbose(m: unknown, ...r: unknown[]) { this.push('verbose', m, r); }
}

export const newKey = () => randomBytes(32).toString('base64');

export interface E2eOptions {
  db: TestDatabase;
  sandbox?: SandboxOptions;
  /** Reuse a running sandbox (e.g. across app restarts in a rotation test). */
  existingSandbox?: SandboxHandle;
  encryption?: Pax8ModuleOptionsInput['encryption'];
  pax8?: Partial<Pax8ModuleOptionsInput>;
  /** Keep the database from an earlier app (restart) instead of emptying it. */
  keepData?: boolean;
  /** Runs before app.init(), e.g. to serve static files (middleware added later would sit behind Nest's 404 handler). */
  configure?: (app: NestExpressApplication) => void;
}

export interface E2eApp {
  app: INestApplication;
  http: ReturnType<typeof request>;
  sandbox: SandboxHandle;
  dataSource: DataSource;
  store: DemoStore;
  logger: CapturingLogger;
  responses: string[];
  /** Headers for a demo persona. */
  as(tenant: string, role?: string): Record<string, string>;
  close(): Promise<void>;
}

export const ACME = { clientId: 'acme-client', clientSecret: 'acme-secret-3f9c2b7e1d' };
export const GLOBEX = { clientId: 'globex-client', clientSecret: 'globex-secret-8a7b6c5d4e' };

/** The demo host's module on a real database, talking to an in-process sandbox over HTTP. */
export async function startE2eApp(options: E2eOptions): Promise<E2eApp> {
  const sandbox =
    options.existingSandbox ??
    (await startSandbox({
      partners: [
        { ...ACME, seed: 11, size: 'demo' },
        { ...GLOBEX, seed: 12, size: 'demo' },
      ],
      ...options.sandbox,
    }));
  const sqliteMemory = options.db.name === 'sqlite' && !options.keepData;
  const database = { ...options.db.options, dropSchema: !options.keepData && !sqliteMemory } as DataSourceOptions;
  const moduleRef = await Test.createTestingModule({
    imports: [
      DemoAppModule.create({
        database,
        pax8: {
          encryption: options.encryption ?? { currentKeyId: 'k1', keys: { k1: newKey() } },
          api: { apiBaseUrl: sandbox.apiBaseUrl, tokenUrl: sandbox.tokenUrl, timeoutMs: 5000 },
          sync: { enabled: false },
          ...options.pax8,
        },
      }),
    ],
  }).compile();
  const logger = new CapturingLogger();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ logger });
  const responses: string[] = [];
  app.use((_req: unknown, res: { send: (body: unknown) => unknown }, next: () => void) => {
    const send = res.send.bind(res);
    res.send = (body: unknown) => {
      responses.push(typeof body === 'string' ? body : Buffer.isBuffer(body) ? body.toString('utf8') : JSON.stringify(body));
      return send(body);
    };
    next();
  });
  app.useGlobalFilters(new Pax8BodyErrorFilter(app.getHttpAdapter(), '/pax8'));
  options.configure?.(app);
  await app.init();
  const store = app.get(DemoStore);
  for (const [tenant, clientId] of [['acme', ACME.clientId], ['globex', GLOBEX.clientId]] as const) {
    store.tenants.set(tenant, seedDemoTenant(tenant, [...sandbox.store(clientId).companies.values()] as never));
  }
  return {
    app,
    http: request(app.getHttpServer()),
    sandbox,
    dataSource: app.get(PAX8_DATA_SOURCE),
    store,
    logger,
    responses,
    as: (tenant, role = 'Owner') => ({ 'x-demo-tenant': tenant, 'x-demo-role': role, 'x-demo-user': `${tenant}-${role.toLowerCase().replace(/\W+/g, '-')}` }),
    close: async () => {
      await app.close();
      if (!options.existingSandbox) await sandbox.close();
    },
  };
}

/** Polls a sync run until it is no longer running. */
export async function waitForRun(e2e: E2eApp, tenant: string, runId: string, timeoutMs = 30_000): Promise<Record<string, any>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await e2e.http.get(`/pax8/sync/runs/${runId}`).set(e2e.as(tenant));
    if (res.status !== 200) throw new Error(`GET run ${runId}: ${res.status} ${JSON.stringify(res.body)}`);
    if (res.body.status !== 'running') return res.body;
    if (Date.now() > deadline) throw new Error(`Run ${runId} still running after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
