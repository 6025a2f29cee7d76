/** A client (customer) of the MSP, as the host knows it. */
export interface HostClient {
  id: string;
  name: string;
  /** The host's account or reference number, matched against Pax8's company `externalId`. */
  accountNumber?: string | null;
  website?: string | null;
}

/** Port: the host's client directory, always asked for one tenant. */
export interface ClientDirectoryPort {
  getClient(tenantId: string, clientId: string): Promise<HostClient | null>;
  /**
   * Optional: several clients by id in one call, leaving out ids the host does not know. Without it the
   * plugin calls getClient once per id: up to 50 calls for one page of the company list.
   */
  getClients?(tenantId: string, clientIds: string[]): Promise<HostClient[]>;
  /** Search by name for pickers; `limit` is at most 50. */
  searchClients(tenantId: string, query: { search?: string; limit: number }): Promise<HostClient[]>;
  /** Every client of the tenant, streamed (auto-mapping indexes them once per run). */
  listAllClients(tenantId: string): AsyncIterable<HostClient>;
  /**
   * Optional: a value that changes whenever one of the tenant's clients is added, removed, or gets another
   * name, account number or website (a change counter, or the latest update time with the count). With it
   * the plugin keeps each tenant's client index between suggestion requests and rebuilds it when this
   * value changes; without it (or when it answers undefined or null), every suggestions request reads all
   * the tenant's clients again.
   */
  clientsVersion?(tenantId: string): Promise<string | number | null | undefined>;
}
export const PAX8_CLIENT_DIRECTORY = Symbol.for('pax8.port.client-directory');
