import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { isSqlite } from '../common/orm/dialect';
import { Pax8Company } from './entities/pax8-company.entity';
import { Pax8Subscription } from './entities/pax8-subscription.entity';

/**
 * Rows a sync must write before it refreshes the planner's statistics. Below this the old statistics
 * still describe the tables well enough; above it (a first sync, a big change) list routes can get a
 * blind plan until autovacuum runs, and autovacuum can be off on a host.
 */
export const ANALYZE_AFTER_ROWS = 250;

/**
 * Columns of the synced tables that no statement filters, joins, groups or sorts on (they are only written, shown,
 * or compared in code; audited across server/): PostgreSQL computes statistics for the other columns only. At
 * 200,000 subscriptions that took `ANALYZE`, at the end of a cold sync, from about 0.7 s to 0.37 s. A column not
 * listed here is analysed, so a new column costs time, never a blind plan. (MySQL/MariaDB and SQLite keep index
 * statistics only.)
 */
export const NO_STATISTICS_NEEDED = new Map<EntityTarget<ObjectLiteral>, Set<string>>([
  [Pax8Company, new Set(['contentHash', 'oddValues'])],
  [
    Pax8Subscription,
    new Set([
      ...['contentHash', 'oddValues', 'provisioningDetails', 'parentSubscriptionId', 'vendorSubscriptionId', 'vendorSkuId', 'commitmentId'],
      ...['pax8CreatedAt', 'pax8UpdatedAt', 'billingStart', 'createdAt', 'updatedAt', 'quantity', 'billingTerm', 'price', 'partnerCost'],
      ...['startDate', 'endDate', 'commitmentTerm', 'commitmentEndDate', 'currencyCode'],
    ]),
  ],
]);

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
      const skip = NO_STATISTICS_NEEDED.get(m.target) ?? new Set<string>();
      const wanted = m.columns.filter((c) => !skip.has(c.propertyName));
      return wanted.length < m.columns.length ? ` (${wanted.map((c) => driver.escape(c.databaseName)).join(', ')})` : '';
    });
    await dataSource.query(`ANALYZE ${quoted.map((q, i) => q + columns[i]).join(', ')}`);
  } else if (type === 'mysql' || type === 'mariadb') await dataSource.query(`ANALYZE TABLE ${quoted.join(', ')}`);
  else if (isSqlite(dataSource)) for (const q of quoted) await dataSource.query(`ANALYZE ${q}`);
  else return [];
  return names;
}
