import { Inject, Injectable } from '@nestjs/common';
import { PAX8_CLIENT_DIRECTORY, type ClientDirectoryPort } from '../host/client-directory.port';
import { ClientIndex, suggestionKeys, type MatchClient, type MatchCompany } from './matcher';

/** Tenants whose index is kept (least recently used first out). */
const MAX_TENANTS = 50;
/** Clients kept over all tenants: a few host directories of tens of thousands of clients, not more. */
const MAX_CLIENTS = 250_000;

interface Entry {
  version: string;
  index: Promise<ClientIndex>;
  clients: number;
}

/**
 * The host clients suggestions are looked up in. Reading and indexing every client of the tenant was
 * most of a suggestions request (1,500 clients: 4 of 6.7 ms). When the host's directory offers
 * `clientsVersion`, each tenant's full index is kept and reused while that value stays the same, so it is
 * never older than the host's last change it reported; a request reads the version first, then the
 * clients, so a change in between only makes the next request rebuild. Entries are per tenant (one
 * tenant's clients never answer another's request), bounded by tenants and clients, and hold only the
 * host's clients: mappings are read fresh on every request. Without `clientsVersion` nothing says when a
 * client changed, so every request indexes the directory anew, restricted to what the page looks up.
 */
@Injectable()
export class ClientIndexCache {
  /** Insertion order is recency: a hit moves its entry to the end. */
  private readonly entries = new Map<string, Entry>();

  constructor(@Inject(PAX8_CLIENT_DIRECTORY) private readonly directory: ClientDirectoryPort) {}

  /** An index that suggests for `companies` exactly what an index of all the tenant's current clients would. */
  async forSuggestions(tenantId: string, companies: MatchCompany[]): Promise<ClientIndex> {
    const reported = this.directory.clientsVersion ? await this.directory.clientsVersion(tenantId) : undefined;
    // No version (or none today): nothing would tell a kept index is stale, so read and index anew.
    if (reported === undefined || reported === null) return new ClientIndex(await this.readAll(tenantId), { onlyKeys: suggestionKeys(companies) });
    const version = String(reported);
    const kept = this.entries.get(tenantId);
    this.entries.delete(tenantId);
    if (kept?.version === version) {
      this.entries.set(tenantId, kept);
      return kept.index;
    }
    // Concurrent requests for the same version share one build; a failed build is not kept.
    const entry: Entry = { version, clients: 0, index: this.fresh(tenantId) };
    this.entries.set(tenantId, entry);
    try {
      const index = await entry.index;
      entry.clients = index.size;
      this.evict();
      return index;
    } catch (err) {
      if (this.entries.get(tenantId) === entry) this.entries.delete(tenantId);
      throw err;
    }
  }

  /** Every client of the tenant, read and indexed anew (auto-mapping links on it, so it never relies on a kept index). */
  async fresh(tenantId: string): Promise<ClientIndex> {
    return new ClientIndex(await this.readAll(tenantId));
  }

  /** How many tenants have an index kept (for tests). */
  get size(): number {
    return this.entries.size;
  }

  private async readAll(tenantId: string): Promise<MatchClient[]> {
    const all: MatchClient[] = [];
    for await (const c of this.directory.listAllClients(tenantId)) all.push(c);
    return all;
  }

  private evict(): void {
    let clients = 0;
    for (const e of this.entries.values()) clients += e.clients;
    for (const [tenantId, e] of this.entries) {
      if (this.entries.size <= MAX_TENANTS && clients <= MAX_CLIENTS) break;
      this.entries.delete(tenantId);
      clients -= e.clients;
    }
  }
}
