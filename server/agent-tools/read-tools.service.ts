import { Inject, Injectable } from '@nestjs/common';
import { MappingService } from '../mapping/mapping.service';
import type { Pax8Client, Subscription } from '../pax8-api';
import { PAX8_OPTIONS } from '../pax8.constants';
import type { ResolvedPax8Options } from '../pax8-options';
import { TenantPax8ClientService } from '../connection/tenant-pax8-client.service';
import { SyncedDataService } from '../sync/synced-data.service';
import { CompanyResolver } from './company-resolver';
import type { ToolName } from './tool-catalog';
import { CatalogToolsService } from './catalog-tools.service';
import { contains, liveAnswer, livePage, liveSource, pageInfo, pageOf, Source, ToolAnswer } from './tool-answers';
import { companyOut, subscriptionOut } from './tool-shapes';

type Input = Record<string, any>;

/** A company answer carries its first subscriptions; beyond that it says how many more and where to page. */
const COMPANY_SUBSCRIPTIONS = 100;
const subscriptionsCount = (total: number, shown: number) => ({
  subscriptionsTotal: total,
  ...(total > shown ? { subscriptionsNote: `The first ${shown} of ${total} subscriptions; page through the rest with pax8-list-subscriptions.` } : {}),
});

/**
 * The ten read tools. Companies and subscriptions come from the last complete sync when it is younger
 * than `agentTools.freshnessMinutes`, else live from Pax8; the catalog tools and orders are always live
 * (CatalogToolsService).
 */
@Injectable()
export class ReadToolsService {
  constructor(
    @Inject(PAX8_OPTIONS) private readonly options: ResolvedPax8Options,
    private readonly synced: SyncedDataService,
    private readonly mapping: MappingService,
    private readonly pax8: TenantPax8ClientService,
    private readonly companies: CompanyResolver,
    private readonly catalog: CatalogToolsService,
  ) {}

  run(tenantId: string, tool: ToolName, input: Input): Promise<ToolAnswer> {
    switch (tool) {
      case 'pax8-list-companies': return this.listCompanies(tenantId, input);
      case 'pax8-get-company': return this.getCompany(tenantId, input);
      case 'pax8-list-subscriptions': return this.listSubscriptions(tenantId, input);
      case 'pax8-get-subscription': return this.getSubscription(tenantId, input);
      default: return this.catalog.run(tenantId, tool, input);
    }
  }

  /** Synced data when the last complete sync is fresh enough, else null (go live). */
  async syncedSource(tenantId: string): Promise<Source | null> {
    const at = await this.synced.lastCompleteSyncAt(tenantId);
    if (!at || Date.now() - at.getTime() > this.options.agentTools.freshnessMinutes * 60_000) return null;
    return { source: 'synced', asOf: at.toISOString() };
  }

  private async listCompanies(tenantId: string, input: Input): Promise<ToolAnswer> {
    const { limit, offset } = input;
    const source = await this.syncedSource(tenantId);
    if (source) {
      const orIds = input.search ? await this.mapping.companiesOfClientsNamed(tenantId, input.search, 50) : undefined;
      const page = await this.synced.listCompanies(tenantId, { search: input.search, orIds, status: input.status, limit, offset });
      const clients = await this.mapping.mappedClients(tenantId, page.items.map((c) => c.pax8Id));
      return { status: 'ok', ...source, items: page.items.map((c) => companyOut(c, clients)), ...pageInfo(page.total, offset, limit) };
    }
    const client = await this.pax8.forTenant(tenantId);
    if (!input.search) {
      const { items, info } = await livePage(offset, limit, (size, n) => client.companies.page({ status: input.status, sort: 'name,asc', size }, n));
      const clients = await this.mapping.mappedClients(tenantId, items.map((c) => c.id));
      return { status: 'ok', ...liveSource(), items: items.map((c) => companyOut(c, clients)), ...info };
    }
    // Pax8 cannot search companies by name: read every page (companies are few) and filter here.
    const all = [];
    const byClient = new Set(await this.mapping.companiesOfClientsNamed(tenantId, input.search, 50));
    for await (const c of client.companies.all({ status: input.status, sort: 'name,asc' }))
      if (contains(c.name, input.search) || byClient.has(c.id)) all.push(c);
    const page = pageOf(all, offset, limit);
    const clients = await this.mapping.mappedClients(tenantId, page.items.map((c) => c.id));
    return { status: 'ok', ...liveSource(), ...page, items: page.items.map((c) => companyOut(c, clients)) };
  }

  private async getCompany(tenantId: string, input: Input): Promise<ToolAnswer> {
    const resolved = await this.companies.resolve(tenantId, input.company);
    if (resolved.status !== 'ok') return resolved;
    const id = resolved.company.companyId;
    const clients = await this.mapping.mappedClients(tenantId, [id]);
    const source = await this.syncedSource(tenantId);
    const names = new Map([[id, resolved.company.name]]);
    if (source) {
      const company = await this.synced.getCompany(tenantId, id);
      const subs = await this.synced.listSubscriptions(tenantId, { companyId: id, limit: COMPANY_SUBSCRIPTIONS, offset: 0 });
      if (company)
        return { status: 'ok', ...source, company: companyOut(company, clients), subscriptions: subs.items.map((s) => subscriptionOut(s, clients, names)), ...subscriptionsCount(subs.total, subs.items.length) };
    }
    return liveAnswer(this.pax8, tenantId, async (c) => {
      const company = await c.companies.get(id);
      const { items, info } = await livePage(0, COMPANY_SUBSCRIPTIONS, (size, n) => c.subscriptions.page({ companyId: id, size }, n));
      await this.fillProductNames(c, items);
      return { company: companyOut(company, clients), subscriptions: items.map((s) => subscriptionOut(s, clients, names)), ...subscriptionsCount(info.total, items.length) };
    });
  }

  private async listSubscriptions(tenantId: string, input: Input): Promise<ToolAnswer> {
    const { limit, offset } = input;
    let companyId: string | undefined;
    const names = new Map<string, string>();
    if (input.company) {
      const resolved = await this.companies.resolve(tenantId, input.company);
      if (resolved.status !== 'ok') return resolved;
      companyId = resolved.company.companyId;
      names.set(companyId, resolved.company.name);
    }
    const source = await this.syncedSource(tenantId);
    if (source) {
      const page = await this.synced.listSubscriptions(tenantId, { companyId, status: input.status, productId: input.productId, product: input.product, limit, offset });
      const companyIds = [...new Set(page.items.map((s) => s.pax8CompanyId))];
      const clients = await this.mapping.mappedClients(tenantId, companyIds);
      for (const c of (await this.synced.listCompanies(tenantId, { ids: companyIds, limit: companyIds.length || 1, offset: 0 })).items) names.set(c.pax8Id, c.name);
      return { status: 'ok', ...source, items: page.items.map((s) => subscriptionOut(s, clients, names)), ...pageInfo(page.total, offset, limit) };
    }
    return liveAnswer(this.pax8, tenantId, async (c) => {
      const query = { companyId, status: input.status, productId: input.productId };
      if (!input.product) {
        const { items, info } = await livePage(offset, limit, (size, n) => c.subscriptions.page({ ...query, size }, n));
        await this.fillProductNames(c, items);
        const clients = await this.mapping.mappedClients(tenantId, items.map((s) => s.companyId ?? ''));
        return { items: items.map((s) => subscriptionOut(s, clients, names)), ...info };
      }
      // Live subscriptions carry no product name (§13): filtering by name needs every page.
      const all: Subscription[] = [];
      for await (const s of c.subscriptions.all(query)) all.push(s);
      await this.fillProductNames(c, all);
      const filtered = input.product ? all.filter((s) => contains(s.productName, input.product)) : all;
      const page = pageOf(filtered, offset, limit);
      const clients = await this.mapping.mappedClients(tenantId, page.items.map((s) => s.companyId ?? ''));
      return { ...page, items: page.items.map((s) => subscriptionOut(s, clients, names)) };
    });
  }

  private async getSubscription(tenantId: string, input: Input): Promise<ToolAnswer> {
    const source = await this.syncedSource(tenantId);
    const row = source ? await this.synced.getSubscription(tenantId, input.subscriptionId) : null;
    if (source && row) {
      const clients = await this.mapping.mappedClients(tenantId, [row.pax8CompanyId]);
      const company = await this.synced.getCompany(tenantId, row.pax8CompanyId);
      return { status: 'ok', ...source, subscription: subscriptionOut(row, clients, new Map(company ? [[company.pax8Id, company.name]] : [])) };
    }
    return liveAnswer(this.pax8, tenantId, async (c) => {
      const s = await c.subscriptions.get(input.subscriptionId);
      await this.fillProductNames(c, [s]);
      const clients = await this.mapping.mappedClients(tenantId, [s.companyId ?? '']);
      return { subscription: subscriptionOut(s, clients) };
    });
  }







  /** Live subscriptions usually lack productName (§13): one product look-up per distinct product. */
  private async fillProductNames(client: Pax8Client, subs: Subscription[]): Promise<void> {
    const missing = [...new Set(subs.filter((s) => !s.productName && s.productId).map((s) => s.productId!))];
    const names = new Map<string, string | undefined>();
    for (const id of missing) names.set(id, (await client.products.get(id).catch(() => undefined))?.name);
    for (const s of subs) if (!s.productName && s.productId) s.productName = names.get(s.productId);
  }
}
