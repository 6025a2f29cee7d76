import { ConflictException, Inject, Injectable, NotFoundException, BadRequestException } from '@nestjs/common';
import { Brackets, DataSource, EntityManager, In, IsNull } from 'typeorm';
import { AuditActor, AuditService, SYSTEM_ACTOR } from '../audit/audit.service';
import { SubscriptionBilling } from '../billing/subscription-billing.entity';
import { runInTransaction } from '../common/orm/transaction';
import { TenantRepository } from '../common/tenancy/tenant-repository';
import { ClientDirectoryPort, HostClient, PAX8_CLIENT_DIRECTORY } from '../host/client-directory.port';
import { PAX8_DATA_SOURCE, PAX8_OPTIONS } from '../pax8.constants';
import type { ResolvedPax8Options } from '../pax8-options';
import type { AutoMapHook } from '../sync/auto-map.hook';
import { Pax8Company } from '../sync/entities/pax8-company.entity';
import { Pax8Subscription } from '../sync/entities/pax8-subscription.entity';
import { CompanyMapping } from './company-mapping.entity';
import { ListCompaniesQueryDto } from './dto/mapping.dto';
import { AmbiguousCompany, ClientIndex, matchCompanies, MatchClient, suggestClients, Suggestion } from './matcher';

export interface AutoMapReport {
  mapped: number;
  ambiguous: number;
  noCandidate: number;
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
  constructor(
    @Inject(PAX8_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(PAX8_OPTIONS) private readonly options: ResolvedPax8Options,
    @Inject(PAX8_CLIENT_DIRECTORY) private readonly clients: ClientDirectoryPort,
    private readonly audit: AuditService,
  ) {}

  async listCompanies(tenantId: string, q: ListCompaniesQueryDto) {
    const qb = new TenantRepository(this.dataSource, Pax8Company, tenantId)
      .query('c')
      .leftJoin(CompanyMapping, 'm', 'm.tenantId = c.tenantId AND m.pax8CompanyId = c.pax8Id')
      .addSelect(['m.clientId', 'm.source', 'm.rule'])
      .orderBy('c.name', 'ASC')
      .addOrderBy('c.id', 'ASC');
    if (!q.includeRemoved) qb.andWhere('c.removedAt IS NULL');
    if (q.mapping === 'mapped') qb.andWhere('m.id IS NOT NULL');
    if (q.mapping === 'unmapped') qb.andWhere('m.id IS NULL');
    if (q.search) {
      const like = `%${q.search.toLowerCase().replace(/[%_\\]/g, (ch) => `\\${ch}`)}%`;
      qb.andWhere(new Brackets((b) => b.where('LOWER(c.name) LIKE :like', { like }).orWhere('LOWER(c.website) LIKE :like', { like })));
    }
    const total = await qb.getCount();
    const { entities, raw } = await qb.offset(q.offset ?? 0).limit(q.limit ?? 50).getRawAndEntities();
    const counts = await this.subscriptionCounts(tenantId, entities.map((c) => c.pax8Id));
    const index = q.withSuggestions ? await this.clientIndex(tenantId) : null;
    const mappedClients = index && !this.options.allowMultipleCompaniesPerClient ? await this.mappedClientIds(tenantId) : new Set<string>();
    const clientNames = await this.clientNames(tenantId, raw.map((r) => r?.m_clientId).filter(Boolean), index);
    const items = await Promise.all(
      entities.map(async (c, i) => {
        const clientId: string | null = raw[i]?.m_clientId ?? null;
        return {
          ...MappingService.describeCompany(c),
          activeSubscriptions: counts.get(c.pax8Id) ?? 0,
          mapping: clientId ? { clientId, clientName: clientNames.get(clientId) ?? null, source: raw[i].m_source, rule: raw[i].m_rule } : null,
          suggestions: index && !clientId ? this.suggest(c, index, mappedClients) : undefined,
        };
      }),
    );
    return { total, items };
  }

  async getCompany(tenantId: string, pax8CompanyId: string) {
    const company = await this.requireCompany(tenantId, pax8CompanyId);
    const mapping = await new TenantRepository(this.dataSource, CompanyMapping, tenantId).findOne({ pax8CompanyId });
    const subscriptions = await new TenantRepository(this.dataSource, Pax8Subscription, tenantId).find({ pax8CompanyId }, { order: { productName: 'ASC' } });
    return {
      ...MappingService.describeCompany(company),
      mapping: mapping ? { clientId: mapping.clientId, source: mapping.source, rule: mapping.rule } : null,
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
    const company = await this.requireCompany(tenantId, pax8CompanyId);
    const mappedClients = this.options.allowMultipleCompaniesPerClient ? new Set<string>() : await this.mappedClientIds(tenantId);
    return this.suggest(company, await this.clientIndex(tenantId), mappedClients, limit);
  }

  /** Links a company to a client of the same tenant (validated through the host's directory). */
  async mapCompany(tenantId: string, actor: AuditActor, pax8CompanyId: string, clientId: string) {
    await this.requireCompany(tenantId, pax8CompanyId);
    const client = await this.clients.getClient(tenantId, clientId);
    if (!client) {
      throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: `clientId: no client "${clientId}" in this tenant`, errors: [{ field: 'clientId', reason: 'no such client in this tenant' }] });
    }
    return runInTransaction(this.dataSource, async (manager) => {
      const mappings = new TenantRepository(manager, CompanyMapping, tenantId);
      if (!this.options.allowMultipleCompaniesPerClient) {
        const taken = await mappings.findOne({ clientId });
        if (taken && taken.pax8CompanyId !== pax8CompanyId) {
          throw new ConflictException({ statusCode: 409, error: 'Conflict', message: `Client "${client.name}" is already mapped to another Pax8 company (${taken.pax8CompanyId}). Unlink it first.`, pax8CompanyId: taken.pax8CompanyId });
        }
      }
      const existing = await mappings.findOne({ pax8CompanyId });
      let detachedInvoiceLinks = 0;
      if (existing && existing.clientId !== clientId) detachedInvoiceLinks = await this.detachInvoiceLinks(manager, tenantId, pax8CompanyId);
      const row = existing ?? mappings.create({ pax8CompanyId });
      Object.assign(row, { clientId, source: 'manual', rule: null, mappedBy: actor.id });
      await mappings.save(row);
      await this.audit.record(tenantId, actor, 'mapping.linked', { type: 'pax8Company', id: pax8CompanyId }, { clientId, previousClientId: existing?.clientId ?? null, detachedInvoiceLinks }, manager);
      return { pax8CompanyId, clientId, clientName: client.name, source: 'manual' as const, detachedInvoiceLinks };
    });
  }

  /** Unlinks: billing settings stay, but invoice links go (those invoices belong to the old client). */
  async unmapCompany(tenantId: string, actor: AuditActor, pax8CompanyId: string) {
    return runInTransaction(this.dataSource, async (manager) => {
      const mappings = new TenantRepository(manager, CompanyMapping, tenantId);
      const existing = await mappings.findOne({ pax8CompanyId });
      if (!existing) throw new NotFoundException('This Pax8 company is not mapped to a client.');
      const detachedInvoiceLinks = await this.detachInvoiceLinks(manager, tenantId, pax8CompanyId);
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
      await this.clientIndex(tenantId),
      { mappedClientIds: await this.mappedClientIds(tenantId), allowMultipleCompaniesPerClient: this.options.allowMultipleCompaniesPerClient },
    );
    const links: AutoMapReport['links'] = [];
    await runInTransaction(this.dataSource, async (manager) => {
      const mappings = new TenantRepository(manager, CompanyMapping, tenantId);
      for (const m of result.matched) {
        // Re-checked inside the transaction: a manual link made meanwhile always wins.
        if (await mappings.findOne({ pax8CompanyId: m.companyId })) continue;
        await mappings.save(mappings.create({ pax8CompanyId: m.companyId, clientId: m.clientId, source: 'auto', rule: m.rule, mappedBy: actor.id }));
        await this.audit.record(tenantId, actor, 'mapping.auto_linked', { type: 'pax8Company', id: m.companyId }, { clientId: m.clientId, rule: m.rule }, manager);
        links.push({ pax8CompanyId: m.companyId, clientId: m.clientId, rule: m.rule });
      }
    });
    return {
      mapped: links.length,
      ambiguous: result.ambiguous.length,
      noCandidate: result.noCandidate.length,
      links,
      leftAmbiguous: result.ambiguous.map((a) => ({ pax8CompanyId: a.companyId, rule: a.rule, reason: a.reason, clientIds: a.clientIds })),
    };
  }

  searchClients(tenantId: string, search: string | undefined, limit: number): Promise<HostClient[]> {
    return this.clients.searchClients(tenantId, { search, limit });
  }

  /** Names of the mapped clients on a page: from the index when one was built, else one look-up per distinct client. */
  private async clientNames(tenantId: string, clientIds: string[], index: ClientIndex | null): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    await Promise.all(
      [...new Set(clientIds)].map(async (id) => {
        const name = index?.get(id)?.client.name ?? (await this.clients.getClient(tenantId, id))?.name;
        if (name) names.set(id, name);
      }),
    );
    return names;
  }

  private suggest(company: Pax8Company, index: ClientIndex, mappedClients: Set<string>, limit = 5): Suggestion[] {
    return suggestClients({ id: company.pax8Id, name: company.name, externalId: company.externalId, website: company.website }, index, { limit, excludeClientIds: mappedClients });
  }

  private async clientIndex(tenantId: string): Promise<ClientIndex> {
    const all: MatchClient[] = [];
    for await (const c of this.clients.listAllClients(tenantId)) all.push({ id: c.id, name: c.name, accountNumber: c.accountNumber, website: c.website });
    return new ClientIndex(all);
  }

  private async mappedClientIds(tenantId: string): Promise<Set<string>> {
    const rows = await new TenantRepository(this.dataSource, CompanyMapping, tenantId).find({}, { select: ['clientId'] });
    return new Set(rows.map((r) => r.clientId));
  }

  private async requireCompany(tenantId: string, pax8CompanyId: string): Promise<Pax8Company> {
    const company = await new TenantRepository(this.dataSource, Pax8Company, tenantId).findOne({ pax8Id: pax8CompanyId });
    if (!company) throw new NotFoundException('No Pax8 company with this id has been synced for this tenant.');
    return company;
  }

  private async subscriptionCounts(tenantId: string, pax8CompanyIds: string[]): Promise<Map<string, number>> {
    if (!pax8CompanyIds.length) return new Map();
    const rows: Array<{ companyId: string; n: string | number }> = await new TenantRepository(this.dataSource, Pax8Subscription, tenantId)
      .query('s')
      .select('s.pax8CompanyId', 'companyId')
      .addSelect('COUNT(*)', 'n')
      .andWhere({ pax8CompanyId: In(pax8CompanyIds), removedAt: IsNull() })
      .groupBy('s.pax8CompanyId')
      .getRawMany();
    return new Map(rows.map((r) => [r.companyId, Number(r.n)]));
  }

  private async detachInvoiceLinks(manager: EntityManager, tenantId: string, pax8CompanyId: string): Promise<number> {
    const subIds = (await new TenantRepository(manager, Pax8Subscription, tenantId).find({ pax8CompanyId }, { select: ['pax8Id'] })).map((s) => s.pax8Id);
    if (!subIds.length) return 0;
    const billing = new TenantRepository(manager, SubscriptionBilling, tenantId);
    let detached = 0;
    for (let i = 0; i < subIds.length; i += 500) {
      const chunk = subIds.slice(i, i + 500);
      const linked = await billing.find({ pax8SubscriptionId: In(chunk) }, { select: ['id', 'recurringInvoiceId'] });
      const ids = linked.filter((b) => b.recurringInvoiceId).map((b) => b.id);
      if (ids.length) await billing.update({ id: In(ids) }, { recurringInvoiceId: null });
      detached += ids.length;
    }
    return detached;
  }

  static describeCompany(c: Pax8Company) {
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
