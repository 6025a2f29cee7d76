import { Injectable } from '@nestjs/common';
import { MappingService } from '../mapping/mapping.service';
import { normalizeCompanyName } from '../mapping/matcher';
import { Pax8NotFoundError } from '../pax8-api';
import { TenantPax8ClientService } from '../connection/tenant-pax8-client.service';
import { SyncedDataService } from '../sync/synced-data.service';

export interface ResolvedCompany {
  companyId: string;
  name: string;
  status: string | null;
}
export type CompanyResolution =
  | { status: 'ok'; company: ResolvedCompany }
  | { status: 'ambiguous'; candidates: Array<{ companyId: string; name: string; clientId: string | null; clientName: string | null }>; question: string }
  | { status: 'not-found'; question: string };

const CANDIDATE_LIMIT = 20;

/**
 * Turns what the agent said ("Acme", a Pax8 id, or the host client's name) into one Pax8 company.
 * A name that fits several companies answers the candidates and a question: it never picks one.
 * The only shortcut: exactly one company (or mapped client) whose normalised name equals the words given.
 */
@Injectable()
export class CompanyResolver {
  constructor(
    private readonly synced: SyncedDataService,
    private readonly mapping: MappingService,
    private readonly pax8: TenantPax8ClientService,
  ) {}

  async resolve(tenantId: string, ref: string): Promise<CompanyResolution> {
    const byId = await this.synced.getCompany(tenantId, ref);
    if (byId) return { status: 'ok', company: { companyId: byId.pax8Id, name: byId.name, status: byId.status } };
    const orIds = await this.mapping.companiesOfClientsNamed(tenantId, ref, CANDIDATE_LIMIT);
    const { items: companies, total } = await this.synced.listCompanies(tenantId, { search: ref, orIds, limit: CANDIDATE_LIMIT, offset: 0 });
    if (!companies.length) return this.resolveLive(tenantId, ref);
    const clients = await this.mapping.mappedClients(tenantId, companies.map((c) => c.pax8Id));
    const candidates = companies.map((c) => ({ companyId: c.pax8Id, name: c.name, status: c.status, clientId: clients.get(c.pax8Id)?.clientId ?? null, clientName: clients.get(c.pax8Id)?.clientName ?? null }));
    const key = normalizeCompanyName(ref);
    const exact = candidates.filter((c) => normalizeCompanyName(c.name) === key || (c.clientName && normalizeCompanyName(c.clientName) === key));
    const chosen = candidates.length === 1 ? candidates : exact.length === 1 ? exact : [];
    if (chosen.length === 1) return { status: 'ok', company: { companyId: chosen[0].companyId, name: chosen[0].name, status: chosen[0].status } };
    return {
      status: 'ambiguous',
      candidates: candidates.map(({ companyId, name, clientId, clientName }) => ({ companyId, name, clientId, clientName })),
      question:
        total > candidates.length
          ? `"${ref}" matches ${total} companies; the first ${candidates.length} are listed. Which one do you mean? Answer with its companyId, or use more of the name.`
          : `"${ref}" matches ${total} companies. Which one do you mean? Answer with its companyId.`,
    };
  }

  /**
   * Nothing synced matches: the ref may be a Pax8 id the last sync has not seen, or the tenant has not
   * synced yet. Then Pax8 is asked: the company by id, or every company page for the name.
   */
  private async resolveLive(tenantId: string, ref: string): Promise<CompanyResolution> {
    const notFound: CompanyResolution = { status: 'not-found', question: `No Pax8 company or mapped client matches "${ref}". Try pax8-list-companies with a shorter search.` };
    const client = await this.pax8.forTenant(tenantId);
    if (/^[0-9a-f-]{32,36}$/i.test(ref)) {
      try {
        const c = await client.companies.get(ref);
        return { status: 'ok', company: { companyId: c.id, name: c.name ?? c.id, status: c.status ?? null } };
      } catch (e) {
        if (e instanceof Pax8NotFoundError) return notFound;
        throw e;
      }
    }
    const key = normalizeCompanyName(ref);
    const found: Array<{ companyId: string; name: string; status: string | null }> = [];
    for await (const c of client.companies.all({})) if (c.name?.toLowerCase().includes(ref.toLowerCase())) found.push({ companyId: c.id, name: c.name, status: c.status ?? null });
    const exact = found.filter((c) => normalizeCompanyName(c.name) === key);
    const chosen = found.length === 1 ? found[0] : exact.length === 1 ? exact[0] : undefined;
    if (chosen) return { status: 'ok', company: chosen };
    if (!found.length) return notFound;
    return {
      status: 'ambiguous',
      candidates: found.slice(0, CANDIDATE_LIMIT).map(({ companyId, name }) => ({ companyId, name, clientId: null, clientName: null })),
      question: `"${ref}" matches ${found.length} companies in Pax8. Which one do you mean? Answer with its companyId.`,
    };
  }
}
