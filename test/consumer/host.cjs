/**
 * A host application as a team would write it, installed from the packed tarball and registry packages
 * only (see run.mjs). Plain CommonJS without decorators, so it runs with `node` and no build step.
 * Mounts the plugin four ways (forRoot / forRootAsync x host DataSource / ownDataSource) on PostgreSQL,
 * and calls routes; exits non-zero on the first failure.
 */
'use strict';
require('reflect-metadata');
const assert = require('node:assert/strict');
const { existsSync, readdirSync } = require('node:fs');
const { dirname, join } = require('node:path');
const { randomBytes } = require('node:crypto');
const { Module } = require('@nestjs/common');
const { NestFactory } = require('@nestjs/core');
const { TypeOrmModule } = require('@nestjs/typeorm');
const { Client } = require('pg');
const plugin = require('@openmsp/pax8-plugin');
const { startSandbox } = require('@openmsp/pax8-plugin/sandbox');

const PG = process.env.PAX8_CONSUMER_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432';
const STACK = process.env.PAX8_CONSUMER_STACK || 'host';
const pluginDir = dirname(require.resolve('@openmsp/pax8-plugin/package.json'));

/** The plugin must use the host's copies: one NestJS, one TypeORM, one class-validator metadata store. */
function checkSharedPackages() {
  for (const name of ['@nestjs/common', '@nestjs/core', '@nestjs/typeorm', 'typeorm', 'class-validator', 'class-transformer', 'reflect-metadata', 'rxjs']) {
    const fromHost = require.resolve(name);
    const fromPlugin = require.resolve(name, { paths: [pluginDir] });
    assert.equal(fromPlugin, fromHost, `the plugin resolves its own copy of ${name}`);
  }
  const nested = join(pluginDir, 'node_modules');
  const own = existsSync(nested) ? readdirSync(nested).filter((n) => n === '@nestjs' || n === 'typeorm' || n.startsWith('class-')) : [];
  assert.deepEqual(own, [], 'the installed plugin carries its own node_modules copy of a shared package');
}

/** Every entry of the exports map resolves (./pricing only once billing ships it). */
function checkExports() {
  assert.equal(typeof plugin.Pax8Module, 'function');
  const manifest = require('@openmsp/pax8-plugin/elements/custom-elements.json');
  const tags = manifest.modules.flatMap((m) => m.declarations || []).map((d) => d.tagName).filter(Boolean);
  assert.ok(tags.includes('pax8-connection-card'), 'custom-elements.json lists the elements');
  assert.ok(existsSync(require.resolve('@openmsp/pax8-plugin/elements')), 'the elements bundle');
  for (const tag of tags) assert.ok(existsSync(require.resolve(`@openmsp/pax8-plugin/elements/${tag}`)), `element module ${tag}`);
  assert.equal(require('@openmsp/pax8-plugin/openapi.json').openapi, '3.1.0');
  assert.equal(require('@openmsp/pax8-plugin/plugin.json').name, '@openmsp/pax8-plugin');
  if (existsSync(join(pluginDir, 'dist/server/billing/pricing/index.js'))) {
    const pricing = require('@openmsp/pax8-plugin/pricing');
    assert.ok(Object.keys(pricing).length > 0, './pricing exports functions');
    console.log(`  ./pricing: ${Object.keys(pricing).join(', ')}`);
  } else {
    console.log('  ./pricing: not in this build yet (billing has not landed)');
  }
}

async function recreateDatabase(name) {
  const client = new Client({ connectionString: `${PG}/postgres` });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  return `${PG}/${name}`;
}

const ports = [
  { provide: plugin.PAX8_TENANT_CONTEXT, useValue: { resolve: (req) => (req.headers['x-tenant'] ? { tenantId: req.headers['x-tenant'], userId: 'u1', roles: ['Owner'], permissions: ['integrations.manage'] } : null) } },
  { provide: plugin.PAX8_LICENSE, useValue: { isEnabled: async () => true } },
  { provide: plugin.PAX8_CLIENT_DIRECTORY, useValue: { getClient: async () => null, searchClients: async () => [], listAllClients: async function* () {} } },
  { provide: plugin.PAX8_RECURRING_INVOICES, useValue: { listForClient: async () => [], getInvoice: async () => null } },
];
const tokens = ports.map((p) => p.provide);
class HostPortsModule {}
Module({ providers: ports, exports: tokens })(HostPortsModule);

async function mount({ name, async, own, url, sandbox }) {
  const prefix = `host/${name}`;
  const pax8Options = {
    encryption: { currentKeyId: 'k1', keys: { k1: randomBytes(32).toString('base64') } },
    api: { apiBaseUrl: sandbox.apiBaseUrl, tokenUrl: sandbox.tokenUrl },
    sync: { enabled: false },
    ...(own ? { ownDataSource: { type: 'postgres', url } } : {}),
  };
  const imports = own
    ? []
    : [TypeOrmModule.forRoot({ type: 'postgres', url, entities: plugin.PAX8_ENTITIES, migrations: plugin.PAX8_MIGRATIONS, migrationsTableName: plugin.PAX8_MIGRATIONS_TABLE, migrationsRun: true })];
  imports.push(
    async
      ? plugin.Pax8Module.forRootAsync({ routePrefix: prefix, imports: [HostPortsModule], useFactory: async () => pax8Options })
      : plugin.Pax8Module.forRoot({ routePrefix: prefix, imports: [HostPortsModule], ...pax8Options }),
  );
  class AppModule {}
  Module({ imports })(AppModule);
  const app = await NestFactory.create(AppModule, { logger: ['error'] });
  await app.listen(0, '127.0.0.1');
  const base = `${await app.getUrl()}/${prefix}`;
  const call = (path, init = {}) => fetch(`${base}/${path}`, { ...init, headers: { 'content-type': 'application/json', 'x-tenant': 't1', ...init.headers } });
  try {
    let res = await call('connection');
    assert.equal(res.status, 200, `${name}: GET connection`);
    assert.equal((await res.json()).state, 'not_connected');
    res = await call('connection/test', { method: 'POST', body: JSON.stringify({ clientId: 'sandbox-client', clientSecret: 'sandbox-secret' }) });
    assert.equal(res.status, 200, `${name}: POST connection/test`);
    assert.equal((await res.json()).ok, true);
    res = await call('connection/test', { method: 'POST', body: JSON.stringify({ clientId: 'x', unexpected: 1 }) });
    assert.equal(res.status, 400, `${name}: validation (class-validator metadata shared with the host)`);
    assert.ok(Array.isArray((await res.json()).errors));
    res = await call('openapi.json');
    assert.equal(res.status, 200, `${name}: GET openapi.json`);
    assert.deepEqual((await res.json()).servers, [{ url: `/${prefix}` }]);
    console.log(`  ${name}: ok`);
  } finally {
    await app.close();
  }
}

(async () => {
  checkSharedPackages();
  checkExports();
  const sandbox = await startSandbox({ port: 0 });
  try {
    for (const own of [false, true]) {
      for (const async of [false, true]) {
        const name = `${async ? 'forRootAsync' : 'forRoot'}-${own ? 'ownDataSource' : 'hostDataSource'}`;
        const url = await recreateDatabase(`pax8_consumer_${STACK}_${name}`.toLowerCase().replace(/[^a-z0-9_]/g, '_'));
        await mount({ name, async, own, url, sandbox });
      }
    }
  } finally {
    await sandbox.close();
  }
  console.log(`consumer host (${STACK}): all mounts passed`);
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
