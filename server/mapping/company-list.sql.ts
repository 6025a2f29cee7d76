import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { containsCondition, containsPattern, lowerFunction } from '../common/orm/contains-text';
import { isSqlite } from '../common/orm/dialect';
import { Pax8Company } from '../sync/entities/pax8-company.entity';
import { Pax8Subscription } from '../sync/entities/pax8-subscription.entity';
import { CompanyMapping } from './company-mapping.entity';
import type { CompanySort, ListCompaniesQueryDto } from './dto/mapping.dto';

/** The company columns the list and detail views show. */
export const LIST_COLUMNS = ['pax8Id', 'name', 'externalId', 'website', 'status', 'city', 'country', 'removedAt'] as const;
export type ListRow = Pick<Pax8Company, (typeof LIST_COLUMNS)[number]> & {
  clientId: string | null;
  source: string | null;
  rule: string | null;
  activeSubscriptions: number;
};
export interface CompanySummary {
  companies: number;
  mapped: number;
  unmapped: number;
  removed: number;
}

type Filter = Pick<ListCompaniesQueryDto, 'mapping' | 'includeRemoved' | 'search'>;

/**
 * The company list's statements written by hand: building them with TypeORM's query builder cost more CPU
 * per request than the SQL itself on SQLite. Table and column names come from the entity metadata (a host's
 * naming strategy applies) and are quoted once per data source; every statement filters by `:tenantId`.
 */
export class CompanyListSql {
  private static readonly bySource = new WeakMap<DataSource, CompanyListSql>();

  static of(ds: DataSource): CompanyListSql {
    let sql = CompanyListSql.bySource.get(ds);
    if (!sql) CompanyListSql.bySource.set(ds, (sql = new CompanyListSql(ds)));
    return sql;
  }

  /** FROM the tenant's companies, with or without their mappings joined. */
  private readonly from: { joined: string; alone: string };
  private readonly joinMapping: (companyId: string) => string;
  /** FROM the tenant's mappings. */
  private readonly mappings: string;
  /** FROM the tenant's removed companies joined to their mappings (IX_pax8_companies_tenant_removed first). */
  private readonly removedMappedCompanies: string;
  private readonly columns: string;
  /** The summary's three counts as select-list subqueries (see summary). */
  private readonly summaryColumns: string;
  private readonly mappingColumns: string;
  private readonly subscriptions: { table: string; s: (property: string) => string };
  /** SQL of the tenant's mapped client ids as one JSON array (SQLite, PostgreSQL); undefined on MariaDB (see mappedClientIds). */
  private readonly mappedIdsArray: string | undefined;
  private readonly c: (property: string) => string;
  private readonly m: (property: string) => string;
  private readonly q: (alias: string) => string;

  private constructor(private readonly ds: DataSource) {
    const q = (name: string) => ds.driver.escape(name);
    const table = (entity: EntityTarget<ObjectLiteral>) => ds.getMetadata(entity).tablePath.split('.').map(q).join('.');
    const column = (entity: EntityTarget<ObjectLiteral>, alias: string) => (property: string) =>
      `${q(alias)}.${q(ds.getMetadata(entity).findColumnWithPropertyName(property)!.databaseName)}`;
    const c = column(Pax8Company, 'c');
    const m = column(CompanyMapping, 'm');
    const s = column(Pax8Subscription, 's');
    this.q = q;
    this.c = c;
    this.m = m;
    this.joinMapping = (companyId) => `LEFT JOIN ${table(CompanyMapping)} ${q('m')} ON ${m('tenantId')} = :tenantId AND ${m('pax8CompanyId')} = ${companyId}`;
    const companies = `FROM ${table(Pax8Company)} ${q('c')}`;
    const tenant = `WHERE ${c('tenantId')} = :tenantId`;
    this.from = { joined: `${companies} ${this.joinMapping(c('pax8Id'))} ${tenant}`, alone: `${companies} ${tenant}` };
    this.mappings = `FROM ${table(CompanyMapping)} ${q('m')} WHERE ${m('tenantId')} = :tenantId`;
    this.removedMappedCompanies =
      `${companies} JOIN ${table(CompanyMapping)} ${q('m')} ON ${m('tenantId')} = ${c('tenantId')} AND ${m('pax8CompanyId')} = ${c('pax8Id')}` +
      ` ${tenant} AND ${c('removedAt')} IS NOT NULL`;
    this.columns = LIST_COLUMNS.map((p) => `${c(p)} AS ${q(p)}`).join(', ');
    this.mappingColumns = (['clientId', 'source', 'rule'] as const).map((p) => `${m(p)} AS ${q(p)}`).join(', ');
    this.subscriptions = { table: table(Pax8Subscription), s };
    const clientId = m('clientId');
    const aggregate = ds.options.type === 'postgres' ? `COALESCE(json_agg(${clientId}), '[]')` : isSqlite(ds) ? `json_group_array(${clientId})` : undefined;
    this.mappedIdsArray = aggregate && `(SELECT ${aggregate} ${this.mappings})`;
    // Mapped live companies = every mapping less those of removed companies: a mapping is only made for a stored
    // company, and company rows are only deleted together with the tenant's mappings (disconnect, one
    // transaction). Both counts are short index ranges, where joining each live company to its mapping probed
    // one index entry per company (0.5 of 0.7 ms per list request on SQLite at 2,000 companies).
    this.summaryColumns =
      `(SELECT COUNT(*) ${this.from.alone} AND ${c('removedAt')} IS NULL) AS ${q('summaryLive')},` +
      ` (SELECT COUNT(*) ${this.from.alone} AND ${c('removedAt')} IS NOT NULL) AS ${q('summaryRemoved')},` +
      ` (SELECT COUNT(*) ${this.mappings}) - (SELECT COUNT(*) ${this.removedMappedCompanies}) AS ${q('summaryMapped')}`;
  }

  /**
   * One page of the tenant's companies with their mapping and active subscription count, in one statement.
   * The page is cut first and counted outside: counting in the page's own select list would count every
   * company when the database sorts (status, subscriptions) instead of walking the name index. The mapping is
   * joined to the page's rows only, unless the filter needs it (walking past an offset then probes no mappings).
   */
  async page(tenantId: string, f: Filter, sort: CompanySort, limit: number, offset: number, extraColumns = ''): Promise<ListRow[]> {
    const { where, params, needsMapping } = this.where(f);
    const q = this.q;
    const dir = sort.startsWith('-') ? 'DESC' : 'ASC';
    const key = sort.replace(/^-/, '');
    const bySubscriptions = key === 'subscriptions';
    // The same order twice: inside to cut the page, outside because a derived table's order is not kept.
    const order = (name: string, status: string, subscriptions: string, id: string) =>
      [bySubscriptions ? `${subscriptions} ${dir}` : key === 'status' ? `${status} ${dir}` : `${name} ${dir}`, ...(key !== 'name' ? [`${name} ASC`] : []), `${id} ASC`].join(', ');
    const p = (alias: string) => `${q('p')}.${q(alias)}`;
    const inner =
      `SELECT ${this.columns}, ${this.c('id')} AS ${q('rowId')}${bySubscriptions ? `, ${this.activeCount(this.c('pax8Id'))} AS ${q('sortCount')}` : ''} ${needsMapping ? this.from.joined : this.from.alone}${where}` +
      ` ORDER BY ${order(this.c('name'), this.c('status'), q('sortCount'), this.c('id'))} LIMIT ${int(limit)} OFFSET ${int(offset)}`;
    const rows = (await this.run(
      `SELECT ${q('p')}.*, ${this.mappingColumns},` +
        ` ${this.activeCount(p('pax8Id'))} AS ${q('activeSubscriptions')}${extraColumns} FROM (${inner}) ${q('p')} ${this.joinMapping(p('pax8Id'))}` +
        ` ORDER BY ${order(p('name'), p('status'), p('sortCount'), p('rowId'))}`,
      { tenantId, ...params },
    )) as ListRow[];
    for (const r of rows) r.activeSubscriptions = Number(r.activeSubscriptions);
    return rows;
  }

  /**
   * A page and the tenant's summary counts in one statement (the counts ride on every row, computed once): one
   * round trip fewer per list request. An empty page carries no counts, so they are then asked for on their own.
   */
  async pageWithSummary(
    tenantId: string,
    f: Filter,
    sort: CompanySort,
    limit: number,
    offset: number,
    withMappedClientIds = false,
  ): Promise<{ rows: ListRow[]; summary: CompanySummary; mappedClientIds?: Set<string> }> {
    // The tenant's mapped client ids (for suggestions) ride on one row of the page, where the database can put
    // them in one value: one round trip fewer per request, and the same snapshot as the page's mappings.
    const carry = withMappedClientIds && this.mappedIdsArray ? `, CASE WHEN ROW_NUMBER() OVER () = 1 THEN ${this.mappedIdsArray} END AS ${this.q('mappedClientIds')}` : '';
    const rows = await this.page(tenantId, f, sort, limit, offset, `, ${this.summaryColumns}${carry}`);
    const carrier = carry ? (rows as Array<ListRow & { mappedClientIds?: unknown }>).find((r) => r.mappedClientIds != null) : undefined;
    return { rows, summary: rows.length ? summaryOf(rows[0]) : await this.summary(tenantId), mappedClientIds: carrier && idSet(carrier.mappedClientIds) };
  }

  /** One company of the tenant with its mapping (no subscription count), or undefined. */
  async one(tenantId: string, pax8Id: string): Promise<Omit<ListRow, 'activeSubscriptions'> | undefined> {
    const [row] = await this.run(
      `SELECT ${this.columns}, ${this.mappingColumns} ${this.from.joined} AND ${this.c('pax8Id')} = :pax8Id`,
      { tenantId, pax8Id },
    );
    return row as Omit<ListRow, 'activeSubscriptions'> | undefined;
  }

  /**
   * Every client id the tenant has mapped. SQLite and PostgreSQL hand them back as one JSON array: turning
   * each of thousands of rows into an object cost four times the statement. MariaDB's JSON_ARRAYAGG is cut at
   * group_concat_max_len, so there each id stays a row.
   */
  async mappedClientIds(tenantId: string): Promise<Set<string>> {
    if (!this.mappedIdsArray) {
      const rows = await this.run(`SELECT ${this.m('clientId')} AS ${this.q('clientId')} ${this.mappings}`, { tenantId });
      return new Set(rows.map((r) => r.clientId as string));
    }
    const [row] = await this.run(`SELECT ${this.mappedIdsArray} AS ${this.q('ids')}`, { tenantId });
    return idSet(row?.ids);
  }

  /**
   * Active (not removed) subscriptions of a row's company, answered from IX_pax8_subscriptions_company_active.
   * `id` is the SQL of the company's Pax8 id.
   */
  private activeCount(id: string): string {
    const { table, s } = this.subscriptions;
    return `(SELECT COUNT(*) FROM ${table} ${this.q('s')} WHERE ${s('tenantId')} = :tenantId AND ${s('pax8CompanyId')} = ${id} AND ${s('removedAt')} IS NULL)`;
  }

  /** How many companies match the filter (with its search). */
  async count(tenantId: string, f: Filter): Promise<number> {
    const { where, params, needsMapping } = this.where(f);
    const [row] = await this.run(`SELECT COUNT(*) AS ${this.q('n')} ${needsMapping ? this.from.joined : this.from.alone}${where}`, { tenantId, ...params });
    return Number(row?.n ?? 0);
  }

  /**
   * Tenant-wide live / mapped / removed counts for the summary line, in one statement answered from indexes
   * alone: the companies' (tenantId, removedAt), the mappings' tenant range, and the removed companies' mappings.
   */
  async summary(tenantId: string): Promise<CompanySummary> {
    const [row] = await this.run(`SELECT ${this.summaryColumns}`, { tenantId });
    return summaryOf(row);
  }

  private where(f: Filter): { where: string; params: Record<string, string>; needsMapping: boolean } {
    let where = '';
    const needsMapping = f.mapping === 'mapped' || f.mapping === 'unmapped';
    if (f.mapping === 'removed') where += ` AND ${this.c('removedAt')} IS NOT NULL`;
    else if (!f.includeRemoved) where += ` AND ${this.c('removedAt')} IS NULL`;
    if (f.mapping === 'mapped') where += ` AND ${this.m('id')} IS NOT NULL`;
    if (f.mapping === 'unmapped') where += ` AND ${this.m('id')} IS NULL`;
    if (!f.search) return { where, params: {}, needsMapping };
    const lower = lowerFunction(this.ds);
    where += ` AND (${containsCondition(lower, this.c('name'), 'search')} OR ${containsCondition(lower, this.c('website'), 'search')})`;
    return { where, params: { search: containsPattern(f.search) }, needsMapping };
  }

  private run(sql: string, params: Record<string, unknown>): Promise<Array<Record<string, any>>> {
    // TypeORM 0.3 wants a third (native parameters) argument, 1.x has none: an extra argument is ignored there.
    const escape = this.ds.driver.escapeQueryWithParameters as (sql: string, params: ObjectLiteral, native: ObjectLiteral) => [string, unknown[]];
    const [text, values] = escape.call(this.ds.driver, sql, params, {});
    return this.ds.query(text, values);
  }
}

/** A JSON array of ids as the driver hands it back: parsed already (PostgreSQL's json) or as text (SQLite). */
function idSet(ids: unknown): Set<string> {
  return new Set((typeof ids === 'string' ? JSON.parse(ids) : (ids ?? [])) as string[]);
}

function summaryOf(row: Record<string, unknown> | undefined): CompanySummary {
  const live = Number(row?.summaryLive ?? 0);
  const mapped = Number(row?.summaryMapped ?? 0);
  return { companies: live, mapped, unmapped: live - mapped, removed: Number(row?.summaryRemoved ?? 0) };
}

/** LIMIT/OFFSET are written into the statement (as TypeORM does): only non-negative integers get there. */
function int(n: number): number {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`Not a row count: ${n}`);
  return n;
}
