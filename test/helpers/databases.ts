import { DataSource, DataSourceOptions } from 'typeorm';
import { PAX8_ENTITIES } from '../../server/entities';
import { PAX8_MIGRATIONS } from '../../migrations/support/list';

/**
 * The databases a test runs on: SQLite always; PostgreSQL and MariaDB/MySQL when their connection
 * variables are set (`.ci/run` sets them after making sure the servers run).
 *   PAX8_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test
 *   PAX8_TEST_MARIADB_URL=mysql://root@127.0.0.1:3306/test   (TypeORM driver type `mariadb`)
 *   PAX8_TEST_MYSQL_URL=mysql://root@127.0.0.1:3306/test     (a MySQL server, driver type `mysql`)
 */
export interface TestDatabase {
  name: 'sqlite' | 'postgres' | 'mariadb' | 'mysql';
  options: DataSourceOptions;
}

export function testDatabases(): TestDatabase[] {
  const list: TestDatabase[] = [{ name: 'sqlite', options: { type: 'better-sqlite3', database: ':memory:' } }];
  if (process.env.PAX8_TEST_POSTGRES_URL) {
    list.push({ name: 'postgres', options: { type: 'postgres', url: process.env.PAX8_TEST_POSTGRES_URL } });
  }
  if (process.env.PAX8_TEST_MARIADB_URL) {
    list.push({ name: 'mariadb', options: { type: 'mariadb', url: process.env.PAX8_TEST_MARIADB_URL, timezone: 'Z' } });
  }
  if (process.env.PAX8_TEST_MYSQL_URL) {
    list.push({ name: 'mysql', options: { type: 'mysql', url: process.env.PAX8_TEST_MYSQL_URL, timezone: 'Z' } });
  }
  return list;
}

/** A connection with the plugin's entities and migrations, on an emptied database. */
export async function openTestDataSource(db: TestDatabase, opts: { migrate?: boolean } = {}): Promise<DataSource> {
  const ds = new DataSource({
    ...db.options,
    entities: PAX8_ENTITIES,
    migrations: PAX8_MIGRATIONS,
    migrationsTableName: 'pax8_migrations',
  } as DataSourceOptions);
  await ds.initialize();
  await ds.dropDatabase();
  if (opts.migrate !== false) await ds.runMigrations({ transaction: 'each' });
  return ds;
}
