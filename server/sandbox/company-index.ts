/**
 * The subscription store as a Map that also keeps each company's subscription ids, so
 * `GET /v1/subscriptions?companyId=` reads one company's rows instead of scanning every subscription
 * (a per-company pull of 2,000 companies would otherwise cost the simulator 2,000 full scans). Every Map
 * write keeps the index (tests may set and delete entries directly). A subscription's companyId is
 * treated as fixed, as in Pax8 (no call moves a subscription to another company); rows whose companyId
 * was changed in place are still filtered out of their old company.
 */
type Row = Record<string, unknown>;

export class CompanyIndexedMap extends Map<string, Row> {
  readonly #byCompany = new Map<string, Set<string>>();

  constructor(entries?: Iterable<readonly [string, Row]>) {
    super();
    if (entries) for (const [k, v] of entries) this.set(k, v);
  }

  override set(id: string, row: Row): this {
    const before = super.get(id);
    if (before !== undefined && before.companyId !== row.companyId) this.#unindex(id, before);
    super.set(id, row);
    // Map keeps an existing key's position, and so does the Set: paging order stays the store's.
    if (typeof row.companyId === 'string') {
      let ids = this.#byCompany.get(row.companyId);
      if (!ids) this.#byCompany.set(row.companyId, (ids = new Set()));
      ids.add(id);
    }
    return this;
  }

  override delete(id: string): boolean {
    const row = super.get(id);
    if (row !== undefined) this.#unindex(id, row);
    return super.delete(id);
  }

  override clear(): void {
    this.#byCompany.clear();
    super.clear();
  }

  /** One company's subscriptions, in store (creation) order. */
  *ofCompany(companyId: string): IterableIterator<Row> {
    for (const id of this.#byCompany.get(companyId) ?? []) {
      const row = super.get(id);
      if (row !== undefined && row.companyId === companyId) yield row;
    }
  }

  #unindex(id: string, row: Row): void {
    if (typeof row.companyId !== 'string') return;
    const ids = this.#byCompany.get(row.companyId);
    ids?.delete(id);
    if (ids && ids.size === 0) this.#byCompany.delete(row.companyId);
  }
}
