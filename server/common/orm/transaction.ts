import { DataSource, EntityManager } from 'typeorm';
import { isSqlite } from './dialect';

const sqliteLocks = new WeakMap<DataSource, Promise<unknown>>();

/**
 * `dataSource.transaction` for every database the plugin runs on. SQLite has one connection, so two
 * overlapping transactions would nest into each other; there they are queued one after another.
 * Keep network calls out of `work`: transactions hold locks.
 */
export function runInTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  if (!isSqlite(dataSource)) return dataSource.transaction(work);
  const previous = sqliteLocks.get(dataSource) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(() => dataSource.transaction(work));
  sqliteLocks.set(dataSource, next.catch(() => undefined));
  return next;
}
