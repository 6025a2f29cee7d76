import { PagedList } from '../pagination';
import { parseCompany, parseContact } from '../parse/company';
import type { Pax8Transport } from '../http';
import type { Company, CompanyQuery, Contact, PageQuery } from '../types';

export class CompaniesResource extends PagedList<CompanyQuery, Company> {
  constructor(
    private readonly t: Pax8Transport,
    private readonly size: number,
  ) {
    super(t, '/companies', parseCompany, size);
  }

  get(companyId: string): Promise<Company> {
    return this.t.send({ method: 'GET', path: `/companies/${encodeURIComponent(companyId)}`, parse: (c, b) => parseCompany(c, b) });
  }

  /** Contacts of one company (newest first, as Pax8 sorts them). */
  contacts(companyId: string): PagedList<PageQuery, Contact> {
    return new PagedList(this.t, `/companies/${encodeURIComponent(companyId)}/contacts`, parseContact, this.size);
  }
}
