import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { isSqlite } from '../common/orm/dialect';

/**
 * Rows a sync must write before it refreshes the planner's statistics. Below this the old statistics
 * still describe the tables well enough; above it (a first sync, a big change) list routes can get a
 * blind plan until autovacuum runs, and autovacuum can be off on a host.
 */
export const ANALYZE_AFTER_ROWS = 250;

/**
 * Refreshes the planner statistics of the given tables: `ANALYZE` on PostgreSQL, `ANALYZE TABLE` on
 * MySQL/MariaDB, `ANALYZE` per table on SQLite. Returns the table names it analysed.
 */
export async function analyzeTables(dataSource: DataSource, entities: Array<EntityTarget<ObjectLiteral>>): Promise<string[]> {
  const driver = dataSource.driver;
  const names = entities.map((e) => dataSource.getMetadata(e).tablePath);
  const quoted = names.map((n) =>
    n
      .split('.')
      .map((part) => driver.escape(part))
      .join('.'),
  );
  const type: string = dataSource.options.type;
  if (type === 'postgres') await dataSource.query(`ANALYZE ${quoted.join(', ')}`);
  else if (type === 'mysql' || type === 'mariadb') await dataSource.query(`ANALYZE TABLE ${quoted.join(', ')}`);
  else if (isSqlite(dataSource)) for (const q of quoted) await dataSource.query(`ANALYZE ${q}`);
  else return [];
  return names;
}
