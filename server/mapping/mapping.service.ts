import { ConflictException, Inject, Injectable, Logger, NotFoundException, BadRequestException } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditActor, AuditService, SYSTEM_ACTOR } from '../audit/audit.service';
import { TenantLifecycle } from '../common/lifecycle/tenant-lifecycle';
import { runInTransaction } from '../common/orm/transaction';
import { isUniqueViolation, retryOnDeadlock } from '../common/orm/write-conflicts';
import { TenantRepository } from '../common/tenancy/tenant-repository';
import { ClientDirectoryPort, HostClient, PAX8_CLIENT_DIRECTORY } from '../host/client-directory.port';
import { clientsById } from '../host/clients-by-id';
import { PAX8_DATA_SOURCE, PAX8_OPTIONS } from '../pax8.constants';
import type { ResolvedPax8Options } from '../pax8-options';
import { ANALYZE_AFTER_ROWS, analyzeTables } from '../sync/analyze-tables';
import type { AutoMapHook } from '../sync/auto-map.hook';
import { Pax8Company } from '../sync/entities/pax8-company.entity';
import { Pax8Subscription } from '../sync/entities/pax8-subscription.entity';
import { CompanyMapping } from './company-mapping.entity';
import { CompanyListSql, CompanySummary, LIST_COLUMNS } from './company-list.sql';
import { ClientIndexCache } from './client-index-cache';
import { ListCompaniesQueryDto } from './dto/mapping.dto';
import { AmbiguousCompany, ClientIndex, matchCompanies, MatchCompany, suggestClients, Suggestion } from './matcher';

const NO_SUCH_COMPANY = 'No Pax8 company with this id has been synced for this tenant.';
/** The subscription columns the company detail shows. */
const SUBSCRIPTION_COLUMNS = {
  pax8Id: true, productName: true, vendorName: true, sku: true, quantity: true, status: true, billingTerm: true, commitmentTerm: true,
  commitmentEndDate: true, price: true, partnerCost: true, currencyCode: true, removedAt: true,
} as const;

export interface AutoMapReport {
  mapped: number;
  ambiguous: number;
  noCandidate: number;
  /** Companies another run or a user linked while this run was matching. */
  mappedMeanwhile: number;
  links: Array<{ pax8CompanyId: string; clientId: string; rule: string }>;
  leftAmbiguous: Array<{ pax8CompanyId: string; rule: string; reason: AmbiguousCompany['reason']; clientIds: string[] }>;
}

/**
 * Company → client mapping, by hand and automatically. One host client maps to at most one Pax8
 * company unless `allowMultipleCompaniesPerClient` is set: two Pax8 companies billed to one client
 * is nearly always a mistake, and it would make invoice links ambiguous.
 */
@Injectable()
export class MappingService implements AutoMapHook {
  private readonly logger = new Logger('Pax8Mapping');

  constructor(
    @Inject(PAX8_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(PAX8_OPTIONS) private readonly options: ResolvedPax8Options,
    @Inject(PAX8_CLIENT_DIRECTORY) private readonly clients: ClientDirectoryPort,
    private readonly audit: AuditService,
    private readonly lifecycle: TenantLifecycle,
    private readonly indexes: ClientIndexCache,
  ) {}

  async listCompanies(tenantId: string, q: ListCompaniesQueryDto) {
    // Hand-written SQL (CompanyListSql): the query builder cost more CPU than the statements themselves.
    const sql = CompanyListSql.of(this.dataSource);
    // The tenant's summary counts answer most filters, so the page's own count is only needed for the others.
    const ownCount = q.search || (q.includeRemoved && (q.mapping === 'mapped' || q.mapping === 'unmapped')) ? sql.count(tenantId, q) : undefined;
    // Suggestions leave out clients mapped elsewhere (unless a client may have several companies).
    const excludeMapped = !!q.withSuggestions && !this.options.allowMultipleCompaniesPerClient;
    const [{ rows, summary, mappedClientIds }, filteredTotal] = await Promise.all([sql.pageWithSummary(tenantId, q, q.sort ?? 'name', q.limit ?? 50, q.offset ?? 0, excludeMapped), ownCount]);
    // After the page is known: an index built for this request holds only the keys its unmapped companies look up.
    const index = q.withSuggestions ? await this.indexes.forSuggestions(tenantId, rows.filter((r) => !r.clientId).map(MappingService.matchCompany)) : null;
    const [mappedClients, clientNames] = await Promise.all([
      // Only unmapped companies get suggestions: a page without one needs no mapped ids (MariaDB asks for them apart).
      excludeMapped && rows.some((r) => !r.clientId) ? (mappedClientIds ?? this.mappedClientIds(tenantId)) : new Set<string>(),
      this.clientNames(tenantId, rows.map((r) => r.clientId).filter((id): id is string => !!id), index),
    ]);
    const items = rows.map((c) => {
      const clientId = c.clientId ?? null;
      return {
        ...MappingService.describeCompany(c),
        activeSubscriptions: c.activeSubscriptions,
        mapping: clientId ? { clientId, clientName: clientNames.get(clientId) ?? null, source: c.source, rule: c.rule } : null,
        suggestions: index && !clientId ? this.suggest(c, index, mappedClients) : undefined,
      };
    });
    return { total: filteredTotal ?? MappingService.totalOf(summary, q), summary, items };
  }

  /** The number of companies an unsearched filter matches, from the tenant's summary counts (removed ones are not split by mapping). */
  private static totalOf(summary: CompanySummary, q: ListCompaniesQueryDto): number {
    if (q.mapping === 'removed') return summary.removed;
    if (q.mapping === 'mapped') return summary.mapped;
    if (q.mapping === 'unmapped') return summary.unmapped;
    return summary.companies + (q.includeRemoved ? summary.removed : 0);
  }

  /** Tenant-wide counts for the summary line, whatever the filter: live companies, mapped and not, and removed. */
  companySummary(tenantId: string): Promise<CompanySummary> {
    return CompanyListSql.of(this.dataSource).summary(tenantId);
  }

  async getCompany(tenantId: string, pax8CompanyId: string) {
    // Two independent reads, in parallel (the 404 still comes first: nothing of the other is returned then).
    const [company, subscriptions] = await Promise.all([
      this.requireListedCompany(tenantId, pax8CompanyId),
      // Only the columns shown: hydrating the raw payload (JSON) of every subscription was wasted work.
      new TenantRepository(this.dataSource, Pax8Subscription, tenantId).find({ pax8CompanyId }, { select: SUBSCRIPTION_COLUMNS, order: { productName: 'ASC' } }),
    ]);
    return {
      ...MappingService.describeCompany(company),
      mapping: company.clientId ? { clientId: company.clientId, source: company.source, rule: company.rule } : null,
      subscriptions: subscriptions.map((s) => ({
        id: s.pax8Id,
        productName: s.productName,
        vendorName: s.vendorName,
        sku: s.sku,
        quantity: s.quantity,
        status: s.status,
        billingTerm: s.billingTerm,
        commitmentTerm: s.commitmentTerm,
        commitmentEndDate: s.commitmentEndDate,
        price: s.price,
        partnerCost: s.partnerCost,
        currencyCode: s.currencyCode,
        removed: !!s.removedAt,
      })),
    };
  }

  async suggestionsFor(tenantId: string, pax8CompanyId: string, limit = 5): Promise<Suggestion[]> {
    const [company, mappedClients] = await Promise.all([
      this.requireListedCompany(tenantId, pax8CompanyId),
      this.options.allowMultipleCompaniesPerClient ? new Set<string>() : this.mappedClientIds(tenantId),
    ]);
    return this.suggest(company, await this.indexes.forSuggestions(tenantId, [MappingService.matchCompany(company)]), mappedClients, limit);
  }

  /**
   * Links a company to a client of the same tenant (validated through the host's directory). The
   * one-client-one-company rule is the claim column's unique index, so racing requests cannot both
   * win; the loser gets a 409 naming the company (or client) that won.
   */
  async mapCompany(tenantId: string, actor: AuditActor, pax8CompanyId: string, clientId: string) {
    await this.requireCompany(tenantId, pax8CompanyId);
    const client = await this.clients.getClient(tenantId, clientId);
    if (!client) {
      throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: `clientId: no client "${clientId}" in this tenant`, errors: [{ field: 'clientId', reason: 'no such client in this tenant' }] });
    }
    try {
      return await retryOnDeadlock(() =>
        runInTransaction(this.dataSource, async (manager) => {
          const mappings = new TenantRepository(manager, CompanyMapping, tenantId);
          const existing = await mappings.findOne({ pax8CompanyId });
          let detachedInvoiceLinks = 0;
          if (existing && existing.clientId !== clientId) detachedInvoiceLinks = await this.announceUnmapped(manager, tenantId, pax8CompanyId, existing.clientId, 'remapped');
          const row = existing ?? mappings.create({ pax8CompanyId });
          Object.assign(row, { clientId, clientClaim: this.claimFor(clientId), source: 'manual', rule: null, mappedBy: actor.id });
          await mappings.save(row);
          await this.audit.record(tenantId, actor, 'mapping.linked', { type: 'pax8Company', id: pax8CompanyId }, { clientId, previousClientId: existing?.clientId ?? null, detachedInvoiceLinks }, manager);
          return { pax8CompanyId, clientId, clientName: client.name, source: 'manual' as const, detachedInvoiceLinks };
        }),
      );
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      throw await this.mappingConflict(tenantId, pax8CompanyId, client);
    }
  }

  /** The 409 for a write the unique indexes refused: who holds the client, or who mapped the company meanwhile. */
  private async mappingConflict(tenantId: string, pax8CompanyId: string, client: HostClient): Promise<ConflictException> {
    const mappings = new TenantRepository(this.dataSource, CompanyMapping, tenantId);
    const holder = await mappings.findOne({ clientClaim: client.id });
    if (holder && holder.pax8CompanyId !== pax8CompanyId) {
      const other = await new TenantRepository(this.dataSource, Pax8Company, tenantId).findOne({ pax8Id: holder.pax8CompanyId });
      const name = other?.name ?? holder.pax8CompanyId;
      return new ConflictException({ statusCode: 409, error: 'Conflict', message: `Client "${client.name}" is already mapped to another Pax8 company, "${name}" (${holder.pax8CompanyId}). Unlink it first.`, pax8CompanyId: holder.pax8CompanyId, pax8CompanyName: other?.name ?? null });
    }
    const current = await mappings.findOne({ pax8CompanyId });
    return new ConflictException({ statusCode: 409, error: 'Conflict', message: `This Pax8 company was mapped${current ? ` to client ${current.clientId}` : ''} by another request at the same moment. Reload and try again.`, clientId: current?.clientId ?? null });
  }

  /** Set only while one client may take one company: the unique index on it then enforces the rule. */
  private claimFor(clientId: string): string | null {
    return this.options.allowMultipleCompaniesPerClient ? null : clientId;
  }

  /** Unlinks: billing settings stay, but invoice links go (those invoices belong to the old client). */
  async unmapCompany(tenantId: string, actor: AuditActor, pax8CompanyId: string) {
    return runInTransaction(this.dataSource, async (manager) => {
      const mappings = new TenantRepository(manager, CompanyMapping, tenantId);
      const existing = await mappings.findOne({ pax8CompanyId });
      if (!existing) throw new NotFoundException('This Pax8 company is not mapped to a client.');
      const detachedInvoiceLinks = await this.announceUnmapped(manager, tenantId, pax8CompanyId, existing.clientId, 'unlinked');
      await mappings.delete({ id: existing.id });
      await this.audit.record(tenantId, actor, 'mapping.unlinked', { type: 'pax8Company', id: pax8CompanyId }, { clientId: existing.clientId, detachedInvoiceLinks }, manager);
      return {
        pax8CompanyId,
        unlinkedClientId: existing.clientId,
        billingSettingsKept: true,
        detachedInvoiceLinks,
        message: `Unlinked. Billing settings of this company's subscriptions were kept; ${detachedInvoiceLinks} invoice link(s) were detached because those invoices belong to the old client.`,
      };
    });
  }

  /** Pax8 company id -> host client id, for every mapped company (reports read mappings through this). */
  async clientsByCompany(tenantId: string): Promise<Map<string, string>> {
    const rows = await new TenantRepository(this.dataSource, CompanyMapping, tenantId).find({}, { select: { pax8CompanyId: true, clientId: true } });
    return new Map(rows.map((r) => [r.pax8CompanyId, r.clientId]));
  }

  /** Auto-map every unmapped, live company of the tenant (the sync's hook and the on-demand route). */
  async autoMapTenant(tenantId: string, actor: AuditActor = SYSTEM_ACTOR): Promise<AutoMapReport> {
    const companies = await new TenantRepository(this.dataSource, Pax8Company, tenantId)
      .query('c')
      .leftJoin(CompanyMapping, 'm', 'm.tenantId = c.tenantId AND m.pax8CompanyId = c.pax8Id')
      .andWhere('m.id IS NULL')
      .andWhere('c.removedAt IS NULL')
      .getMany();
    const result = matchCompanies(
      companies.map((c) => ({ id: c.pax8Id, name: c.name, externalId: c.externalId, website: c.website })),
      await this.indexes.fresh(tenantId),
      { mappedClientIds: await this.mappedClientIds(tenantId), allowMultipleCompaniesPerClient: this.options.allowMultipleCompaniesPerClient },
    );
    const links: AutoMapReport['links'] = [];
    const takenMeanwhile: AutoMapReport['leftAmbiguous'] = [];
    let mappedMeanwhile = 0;
    // One small transaction per link: a concurrent run (or a manual link) that got there first makes
    // the unique indexes refuse this one, which then steps aside instead of failing the whole run.
    for (const m of result.matched) {
      try {
        const linked = await retryOnDeadlock(() =>
          runInTransaction(this.dataSource, async (manager) => {
            const mappings = new TenantRepository(manager, CompanyMapping, tenantId);
            if (await mappings.findOne({ pax8CompanyId: m.companyId })) return false; // a manual link made meanwhile always wins
            await mappings.save(mappings.create({ pax8CompanyId: m.companyId, clientId: m.clientId, clientClaim: this.claimFor(m.clientId), source: 'auto', rule: m.rule, mappedBy: actor.id }));
            await this.audit.record(tenantId, actor, 'mapping.auto_linked', { type: 'pax8Company', id: m.companyId }, { clientId: m.clientId, rule: m.rule }, manager);
            return true;
          }),
        );
        if (linked) links.push({ pax8CompanyId: m.companyId, clientId: m.clientId, rule: m.rule });
        else mappedMeanwhile++;
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        const mappings = new TenantRepository(this.dataSource, CompanyMapping, tenantId);
        if (await mappings.findOne({ pax8CompanyId: m.companyId })) mappedMeanwhile++;
        else takenMeanwhile.push({ pax8CompanyId: m.companyId, rule: m.rule, reason: 'clientAlreadyMapped', clientIds: [m.clientId] });
      }
    }
    const ambiguous = [...result.ambiguous.map((a) => ({ pax8CompanyId: a.companyId, rule: a.rule, reason: a.reason, clientIds: a.clientIds })), ...takenMeanwhile];
    if (links.length >= ANALYZE_AFTER_ROWS) await this.refreshMappingStatistics();
    return {
      mapped: links.length,
      ambiguous: ambiguous.length,
      noCandidate: result.noCandidate.length,
      mappedMeanwhile,
      links,
      leftAmbiguous: ambiguous,
    };
  }

  /**
   * After many new links (a first auto-map), fresh planner statistics for the mappings table: without
   * them PostgreSQL planned the company list's join as if the table were empty (7 ms a page instead of
   * 1.5 ms at 2,000 companies), and autovacuum may be off on a host. Failure only warns.
   */
  private async refreshMappingStatistics(): Promise<void> {
    try {
      await analyzeTables(this.dataSource, [CompanyMapping]);
    } catch (err) {
      this.logger.warn(`Refreshing the mapping table's statistics failed: ${(err as Error).message}`);
    }
  }

  /** The host client each of these Pax8 companies is mapped to (unmapped ones are absent). */
  async mappedClients(tenantId: string, pax8CompanyIds: string[]): Promise<Map<string, { clientId: string; clientName: string | null }>> {
    if (!pax8CompanyIds.length) return new Map();
    const rows = await new TenantRepository(this.dataSource, CompanyMapping, tenantId).find({ pax8CompanyId: In([...new Set(pax8CompanyIds)]) });
    const names = await this.clientNames(tenantId, rows.map((r) => r.clientId), null);
    return new Map(rows.map((r) => [r.pax8CompanyId, { clientId: r.clientId, clientName: names.get(r.clientId) ?? null }]));
  }

  /** Pax8 companies mapped to host clients whose name contains `search` (asks the host's directory). */
  async companiesOfClientsNamed(tenantId: string, search: string, limit = 20): Promise<string[]> {
    const clients = await this.clients.searchClients(tenantId, { search, limit });
    if (!clients.length) return [];
    const rows = await new TenantRepository(this.dataSource, CompanyMapping, tenantId).find({ clientId: In(clients.map((c) => c.id)) });
    return rows.map((r) => r.pax8CompanyId);
  }

  /** The host's clients for the picker, each with the company it is already mapped to (the picker offers those last, disabled). */
  async searchClients(tenantId: string, search: string | undefined, limit: number): Promise<Array<HostClient & { mappedTo: string | null }>> {
    const found = await this.clients.searchClients(tenantId, { search, limit });
    if (!found.length) return [];
    const mapped = await new TenantRepository(this.dataSource, CompanyMapping, tenantId).find({ clientId: In(found.map((c) => c.id)) }, { select: { clientId: true, pax8CompanyId: true } });
    const byClient = new Map(mapped.map((m) => [m.clientId, m.pax8CompanyId]));
    return found.map((c) => ({ ...c, mappedTo: byClient.get(c.id) ?? null }));
  }

  /** Names of the mapped clients on a page: from the index when one was built, else asked of the host in one go. */
  private async clientNames(tenantId: string, clientIds: string[], index: ClientIndex | null): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    const unknown = new Set<string>();
    for (const id of clientIds) {
      const name = index?.get(id)?.client.name;
      if (name) names.set(id, name);
      else unknown.add(id);
    }
    for (const [id, client] of await clientsById(this.clients, tenantId, unknown)) if (client.name) names.set(id, client.name);
    return names;
  }

  private suggest(company: Pick<Pax8Company, 'pax8Id' | 'name' | 'externalId' | 'website'>, index: ClientIndex, mappedClients: Set<string>, limit = 5): Suggestion[] {
    return suggestClients(MappingService.matchCompany(company), index, { limit, excludeClientIds: mappedClients });
  }

  private static matchCompany(company: Pick<Pax8Company, 'pax8Id' | 'name' | 'externalId' | 'website'>): MatchCompany {
    return { id: company.pax8Id, name: company.name, externalId: company.externalId, website: company.website };
  }

  private mappedClientIds(tenantId: string): Promise<Set<string>> {
    return CompanyListSql.of(this.dataSource).mappedClientIds(tenantId);
  }

  /** The company's listed columns and mapping, in one statement without entity hydration; 404 when there is none. */
  private async requireListedCompany(tenantId: string, pax8CompanyId: string) {
    const company = await CompanyListSql.of(this.dataSource).one(tenantId, pax8CompanyId);
    if (!company) throw new NotFoundException(NO_SUCH_COMPANY);
    return company;
  }

  private async requireCompany(tenantId: string, pax8CompanyId: string): Promise<Pax8Company> {
    const company = await new TenantRepository(this.dataSource, Pax8Company, tenantId).findOne({ pax8Id: pax8CompanyId });
    if (!company) throw new NotFoundException(NO_SUCH_COMPANY);
    return company;
  }

  /** Later features (billing) react on their own tables, inside this transaction; returns the invoice links they detached. */
  private async announceUnmapped(manager: EntityManager, tenantId: string, pax8CompanyId: string, previousClientId: string, reason: 'unlinked' | 'remapped'): Promise<number> {
    const effects = await this.lifecycle.companyUnmapped({ manager, tenantId, pax8CompanyId, previousClientId, reason });
    return effects.detachedInvoiceLinks ?? 0;
  }

  static describeCompany(c: Pick<Pax8Company, (typeof LIST_COLUMNS)[number]>) {
    return {
      id: c.pax8Id,
      name: c.name,
      externalId: c.externalId,
      website: c.website,
      status: c.status,
      city: c.city,
      country: c.country,
      removed: !!c.removedAt,
    };
  }
}
