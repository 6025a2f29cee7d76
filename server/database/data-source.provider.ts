import { Inject, Injectable, OnApplicationShutdown, Provider } from '@nestjs/common';
import { DataSource, DataSourceOptions } from 'typeorm';
import { PAX8_MIGRATIONS } from '../../migrations/support/list';
import { PAX8_ENTITIES } from '../entities';
import { PAX8_DATA_SOURCE, PAX8_OPTIONS } from '../pax8.constants';
import type { ResolvedPax8Options } from '../pax8-options';

export const PAX8_MIGRATIONS_TABLE = 'pax8_migrations';

/** Our own connection when `ownDataSource` is set, else the host's default TypeORM DataSource. */
async function resolveDataSource(options: ResolvedPax8Options, hostDataSource: DataSource | undefined): Promise<DataSource> {
  if (options.ownDataSource) {
    const ds = new DataSource({
      ...options.ownDataSource,
      entities: PAX8_ENTITIES,
      migrations: PAX8_MIGRATIONS,
      migrationsTableName: PAX8_MIGRATIONS_TABLE,
      synchronize: false,
    } as DataSourceOptions);
    await ds.initialize();
    if (options.runMigrations) await ds.runMigrations({ transaction: 'each' });
    return ds;
  }
  const host = hostDataSource;
  if (!host) {
    throw new Error(
      'Pax8Module found no TypeORM DataSource. Either import TypeOrmModule.forRoot({ entities: [...PAX8_ENTITIES], migrations: PAX8_MIGRATIONS }) in the host, or pass `ownDataSource` in the Pax8Module options.',
    );
  }
  const missing = PAX8_ENTITIES.filter((e) => !host!.hasMetadata(e)).map((e) => e.name);
  if (missing.length) {
    throw new Error(`The host DataSource does not register the Pax8 entities ${missing.join(', ')}: add PAX8_ENTITIES to its "entities".`);
  }
  return host;
}

export const dataSourceProvider: Provider = {
  provide: PAX8_DATA_SOURCE,
  useFactory: resolveDataSource,
  // Optional: a host that gives `ownDataSource` need not use TypeORM itself. Injecting (rather than
  // looking it up) makes Nest wait for the host's DataSource to finish connecting.
  inject: [PAX8_OPTIONS, { token: DataSource, optional: true }],
};

/** Closes the connection the module opened itself (never the host's). */
@Injectable()
export class OwnDataSourceCloser implements OnApplicationShutdown {
  constructor(
    @Inject(PAX8_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(PAX8_OPTIONS) private readonly options: ResolvedPax8Options,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.options.ownDataSource && this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
