import { Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import request from 'supertest';
import {
  PAX8_CLIENT_DIRECTORY,
  PAX8_ENTITIES,
  PAX8_LICENSE,
  PAX8_MIGRATIONS,
  PAX8_RECURRING_INVOICES,
  PAX8_TENANT_CONTEXT,
  Pax8Module,
  Pax8OptionsError,
  TenantContextPort,
} from '../../server';
import { newKey } from '../helpers/e2e-app';
import { EveryoneLicensed, NoClients, NoInvoices } from '../helpers/headless-host';

/** A host with its own tenant context (from a header); the other ports are the simplest possible. */
@Injectable()
class HeaderTenantContext implements TenantContextPort {
  resolve(req: { headers: Record<string, string | string[] | undefined> }) {
    const tenantId = req.headers['x-tenant'] as string | undefined;
    return tenantId ? { tenantId, userId: 'u1', roles: ['Owner'], permissions: ['integrations.manage'] } : null;
  }
}
@Module({
  providers: [
    { provide: PAX8_TENANT_CONTEXT, useClass: HeaderTenantContext },
    { provide: PAX8_LICENSE, useClass: EveryoneLicensed },
    { provide: PAX8_CLIENT_DIRECTORY, useClass: NoClients },
    { provide: PAX8_RECURRING_INVOICES, useClass: NoInvoices },
  ],
  exports: [PAX8_TENANT_CONTEXT, PAX8_LICENSE, PAX8_CLIENT_DIRECTORY, PAX8_RECURRING_INVOICES],
})
class HostPortsModule {}

@Injectable()
class HostConfig {
  readonly key = newKey();
}
@Module({ providers: [HostConfig], exports: [HostConfig] })
class HostConfigModule {}

describe('mounting the module in a host', () => {
  it('forRootAsync with the host ports, its own connection and a custom route prefix', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        Pax8Module.forRootAsync({
          routePrefix: 'integrations/pax8',
          imports: [HostPortsModule, HostConfigModule],
          inject: [HostConfig],
          useFactory: (config: HostConfig) => ({
            encryption: { currentKeyId: 'main', keys: { main: config.key } },
            ownDataSource: { type: 'better-sqlite3', database: ':memory:' },
            sync: { enabled: false },
          }),
        }),
      ],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    try {
      const res = await request(app.getHttpServer()).get('/integrations/pax8/connection').set('x-tenant', 't1').expect(200);
      expect(res.body.state).toBe('not_connected');
      await request(app.getHttpServer()).get('/integrations/pax8/connection').expect(401);
      await request(app.getHttpServer()).get('/pax8/connection').set('x-tenant', 't1').expect(404);
    } finally {
      await app.close();
    }
  });

  it('forRoot on the host DataSource that registers the plugin entities and migrations', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        TypeOrmModule.forRoot({ type: 'better-sqlite3', database: ':memory:', entities: PAX8_ENTITIES, migrations: PAX8_MIGRATIONS, migrationsRun: true }),
        Pax8Module.forRoot({ encryption: { currentKeyId: 'k', keys: { k: newKey() } }, sync: { enabled: false }, imports: [HostPortsModule] }),
      ],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    try {
      const res = await request(app.getHttpServer()).put('/pax8/connection').set('x-tenant', 't1').send({ autoMapEnabled: true }).expect(200);
      expect(res.body.settings.autoMapEnabled).toBe(true);
    } finally {
      await app.close();
    }
  });

  it('refuses to start with a bad option, naming it', async () => {
    const build = Test.createTestingModule({
      imports: [
        Pax8Module.forRoot({
          encryption: { currentKeyId: 'k', keys: { k: newKey() } },
          api: { pageSize: 1000 },
          ownDataSource: { type: 'better-sqlite3', database: ':memory:' },
          imports: [HostPortsModule],
        }),
      ],
    }).compile();
    await expect(build).rejects.toThrow(Pax8OptionsError);
    await expect(
      Test.createTestingModule({
        imports: [Pax8Module.forRoot({ encryption: { currentKeyId: 'k', keys: { k: newKey() } }, api: { pageSize: 1000 }, imports: [HostPortsModule] })],
      }).compile(),
    ).rejects.toThrow(/api\.pageSize/);
    expect(() => Pax8Module.forRoot({ routePrefix: '../evil', encryption: { currentKeyId: 'k', keys: { k: newKey() } } })).toThrow(/routePrefix/);
  });

  it('explains a missing DataSource', async () => {
    const build = Test.createTestingModule({
      imports: [Pax8Module.forRoot({ encryption: { currentKeyId: 'k', keys: { k: newKey() } }, imports: [HostPortsModule] })],
    }).compile();
    await expect(build).rejects.toThrow(/found no TypeORM DataSource/);
  });
});
