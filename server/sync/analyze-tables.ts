import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { isSqlite } from '../common/orm/dialect';

/**
 * Rows a sync must write before it refreshes the planner's statistics. Below this the old statistics
 * still describe the tables well enough; above it (a first sync, a big change) list routes can get a
 * blind plan until autovacuum runs, and autovacuum can be off on a host.
 */
export const ANALYZE_AFTER_ROWS = 250;

/**
 * Columns of the synced tables that no statement filters, joins or sorts on (compared in code, or shown only):
 * PostgreSQL computes statistics for the others only. At 200,000 subscriptions that took `ANALYZE` from about
 * 0.8 to 0.55 s, at the end of a cold sync. (MySQL/MariaDB and SQLite keep index statistics only.)
 */
const NO_STATISTICS_NEEDED = new Set(['contentHash', 'oddValues', 'provisioningDetails']);

/**
 * Refreshes the planner statistics of the given tables: `ANALYZE` on PostgreSQL, `ANALYZE TABLE` on
 * MySQL/MariaDB, `ANALYZE` per table on SQLite. Returns the table names it analysed.
 */
export async function analyzeTables(dataSource: DataSource, entities: Array<EntityTarget<ObjectLiteral>>): Promise<string[]> {
  const driver = dataSource.driver;
  const metadata = entities.map((e) => dataSource.getMetadata(e));
  const names = metadata.map((m) => m.tablePath);
  const quoted = names.map((n) =>
    n
      .split('.')
      .map((part) => driver.escape(part))
      .join('.'),
  );
  const type: string = dataSource.options.type;
  if (type === 'postgres') {
    const columns = metadata.map((m) => {
      const wanted = m.columns.filter((c) => !NO_STATISTICS_NEEDED.has(c.propertyName));
      return wanted.length < m.columns.length ? ` (${wanted.map((c) => driver.escape(c.databaseName)).join(', ')})` : '';
    });
    await dataSource.query(`ANALYZE ${quoted.map((q, i) => q + columns[i]).join(', ')}`);
  } else if (type === 'mysql' || type === 'mariadb') await dataSource.query(`ANALYZE TABLE ${quoted.join(', ')}`);
  else if (isSqlite(dataSource)) for (const q of quoted) await dataSource.query(`ANALYZE ${q}`);
  else return [];
  return names;
}
