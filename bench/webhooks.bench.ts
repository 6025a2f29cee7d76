/**
 * Webhook freshness and cost (issue 16), small sizes: the sandbox in-process with delivery delay 0, the
 * plugin on a SQLite file behind a real HTTP port (Pax8 posts to it). Measures
 *   - freshness: time from a change in the sandbox (quantity, cancel, new subscription) until the routes
 *     show it (GET companies/:id polled every 20 ms): p50 / p95 / max. Goal: p95 < 5 s.
 *   - cost: a burst of change events over 50 companies: API calls per affected company. Goal: <= 2.
 * Reported, never asserted. `BENCH_ONLY=w npm run bench` runs only this (after the mapping bench).
 */
import 'reflect-metadata';
import { Injectable, INestApplication, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Pax8Module, PAX8_CLIENT_DIRECTORY, PAX8_LICENSE, PAX8_RECURRING_INVOICES, PAX8_TENANT_CONTEXT, TenantContextPort } from '../server';
import { ConnectionService } from '../server/connection/connection.service';
import { SyncService } from '../server/sync/sync.service';
import { WebhookRefresher } from '../server/webhooks/webhook-refresher.service';
import { WebhooksService } from '../server/webhooks/webhooks.service';
import { startSandbox, SandboxHandle } from '../server/sandbox';
import { EveryoneLicensed, NoClients, NoInvoices } from '../test/helpers/headless-host';
import { freePort } from '../test/helpers/free-port';

const TENANT = 'bench-webhooks';
const CREDENTIALS = { clientId: 'wh-client', clientSecret: 'wh-secret-9c1d' };
const ACTOR = { id: 'bench', name: 'bench' };

@Injectable()
class HeaderTenant implements TenantContextPort {
  resolve(req: { headers: Record<string, string | undefined> }) {
    const tenantId = req.headers['x-bench-tenant'];
    return tenantId ? { tenantId, userId: 'bench', roles: ['Owner'], permissions: ['integrations.manage', 'integrations.view'] } : null;
  }
}

@Module({
  providers: [
    { provide: PAX8_TENANT_CONTEXT, useClass: HeaderTenant },
    { provide: PAX8_LICENSE, useClass: EveryoneLicensed },
    { provide: PAX8_CLIENT_DIRECTORY, useClass: NoClients },
    { provide: PAX8_RECURRING_INVOICES, useClass: NoInvoices },
  ],
  exports: [PAX8_TENANT_CONTEXT, PAX8_LICENSE, PAX8_CLIENT_DIRECTORY, PAX8_RECURRING_INVOICES],
})
class BenchPorts {}

export interface WebhooksBenchResult {
  coalesceMs: number;
  freshness: { samples: number; p50Ms: number; p95Ms: number; maxMs: number; byKind: Record<string, number[]> };
  burst: { events: number; companies: number; apiCalls: number; callsPerCompany: number; byRoute: Record<string, number>; wallMs: number };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

export async function runWebhooksBench(options: { coalesceMs?: number; samples?: number; burstEvents?: number } = {}): Promise<WebhooksBenchResult> {
  const coalesceMs = options.coalesceMs ?? 1000;
  const dir = mkdtempSync(join(tmpdir(), 'pax8-webhooks-bench-'));
  const sandbox: SandboxHandle = await startSandbox({ partners: [{ ...CREDENTIALS, seed: 7, size: { companies: 60, subscriptions: 1_200 } }], webhooks: { deliveryDelayMs: 0 } });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const moduleRef = await Test.createTestingModule({
    imports: [
      Pax8Module.forRoot({
        encryption: { currentKeyId: 'bench', keys: { bench: randomBytes(32).toString('base64') } },
        api: { apiBaseUrl: sandbox.apiBaseUrl, tokenUrl: sandbox.tokenUrl },
        sync: { enabled: false },
        webhooks: { authorization: randomBytes(24).toString('hex'), publicUrl: `${base}/pax8/webhooks/pax8`, apiBaseUrl: sandbox.webhooks.apiBaseUrl, coalesceMs },
        ownDataSource: { type: 'better-sqlite3', database: join(dir, 'bench.sqlite'), enableWAL: true },
        imports: [BenchPorts],
      }),
    ],
  }).compile();
  const app: INestApplication = moduleRef.createNestApplication({ logger: ['error'] });
  await app.listen(port, '127.0.0.1');
  try {
    await app.get(ConnectionService).save(TENANT, ACTOR, CREDENTIALS);
    const first = await (await app.get(SyncService).start(TENANT, { kind: 'full', trigger: 'manual' })).done;
    if (first.status !== 'succeeded') throw new Error(`initial sync failed: ${first.error}`);
    await app.get(WebhooksService).register(TENANT, ACTOR);
    const refresher = app.get(WebhookRefresher);
    const subs = [...sandbox.store(CREDENTIALS.clientId).subscriptions.values()].filter((s) => s.status === 'Active') as Array<Record<string, any>>;

    const visible = async (companyId: string, check: (list: Array<Record<string, any>>) => boolean) => {
      for (const deadline = performance.now() + 60_000; ; ) {
        if (performance.now() > deadline) throw new Error(`change not visible after 60 s (company ${companyId})`);
        const res = await fetch(`${base}/pax8/companies/${companyId}`, { headers: { 'x-bench-tenant': TENANT } });
        const body = (await res.json()) as Record<string, any>;
        if (res.ok && check(body.subscriptions ?? [])) return;
        await sleep(20);
      }
    };
    const byKind: Record<string, number[]> = { quantity: [], cancel: [], new: [] };
    const samples = options.samples ?? 30;
    for (let i = 0; i < samples; i++) {
      const s = subs[i];
      const kind = (['quantity', 'cancel', 'new'] as const)[i % 3];
      const t0 = performance.now();
      if (kind === 'quantity') {
        const q = s.quantity + 5;
        sandbox.changeSubscription(CREDENTIALS.clientId, s.id, { quantity: q });
        await visible(s.companyId, (l) => l.some((x) => x.id === s.id && x.quantity === q));
      } else if (kind === 'cancel') {
        sandbox.changeSubscription(CREDENTIALS.clientId, s.id, { status: 'Cancelled' });
        await visible(s.companyId, (l) => l.some((x) => x.id === s.id && x.status === 'Cancelled'));
      } else {
        const id = sandbox.addSubscription(CREDENTIALS.clientId, s.id, { quantity: 3 });
        await visible(s.companyId, (l) => l.some((x) => x.id === id));
      }
      byKind[kind].push(Math.round(performance.now() - t0));
      await refresher.idle();
    }
    const all = Object.values(byKind).flat().sort((a, b) => a - b);

    // Burst: events spread over 50 companies, fired as fast as the sandbox can send them.
    const burstEvents = options.burstEvents ?? 1000;
    const byCompany = new Map<string, Array<Record<string, any>>>();
    for (const s of subs.slice(samples)) byCompany.set(s.companyId, [...(byCompany.get(s.companyId) ?? []), s]);
    const companies = [...byCompany.keys()].slice(0, 50);
    await sandbox.webhooks.idle();
    await refresher.idle();
    sandbox.resetStats();
    const t0 = performance.now();
    for (let i = 0; i < burstEvents; i++) {
      const list = byCompany.get(companies[i % companies.length])!;
      const s = list[Math.floor(i / companies.length) % list.length];
      sandbox.changeSubscription(CREDENTIALS.clientId, s.id, { quantity: s.quantity + 1 });
    }
    await sandbox.webhooks.idle();
    await sleep(coalesceMs + 50);
    await refresher.idle();
    const wallMs = Math.round(performance.now() - t0);
    const stats = sandbox.stats();
    const byRoute = Object.fromEntries(Object.entries(stats.byRoute).filter(([k]) => !k.includes('token')));
    const apiCalls = Object.values(byRoute).reduce((a, b) => a + b, 0);
    return {
      coalesceMs,
      freshness: { samples: all.length, p50Ms: pct(all, 50), p95Ms: pct(all, 95), maxMs: all[all.length - 1], byKind },
      burst: { events: burstEvents, companies: companies.length, apiCalls, callsPerCompany: +(apiCalls / companies.length).toFixed(2), byRoute, wallMs },
    };
  } finally {
    await app.close();
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printWebhooksBench(r: WebhooksBenchResult): void {
  console.log(
    `webhook freshness (delivery delay 0, coalesce ${r.coalesceMs} ms, ${r.freshness.samples} changes): p50 ${r.freshness.p50Ms} ms, p95 ${r.freshness.p95Ms} ms, max ${r.freshness.maxMs} ms ` +
      `(goal p95 < 5000 ms: ${r.freshness.p95Ms < 5000 ? 'met' : 'NOT met'})`,
  );
  console.log(
    `webhook burst: ${r.burst.events} events over ${r.burst.companies} companies → ${r.burst.apiCalls} API calls = ${r.burst.callsPerCompany} per company ${JSON.stringify(r.burst.byRoute)}, ${r.burst.wallMs} ms ` +
      `(goal <= 2 per company: ${r.burst.callsPerCompany <= 2 ? 'met' : 'NOT met'})`,
  );
}

if (require.main === module) {
  runWebhooksBench({ coalesceMs: process.env.BENCH_COALESCE_MS ? Number(process.env.BENCH_COALESCE_MS) : undefined })
    .then(printWebhooksBench)
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
