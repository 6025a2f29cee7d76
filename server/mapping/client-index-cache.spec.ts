import type { ClientDirectoryPort, HostClient } from '../host/client-directory.port';
import { ClientIndexCache } from './client-index-cache';
import { suggestClients, type MatchCompany } from './matcher';

const ACME: MatchCompany = { id: 'co-acme', name: 'Acme Corp', externalId: null, website: null };

/** A host directory kept in memory per tenant; `versioned` adds clientsVersion (a counter bumped by `edit`). */
function host(versioned: boolean) {
  const clients = new Map<string, HostClient[]>([
    ['t-1', [{ id: 'c-acme', name: 'Acme Corp' }, { id: 'c-beta', name: 'Beta LLC' }]],
    ['t-2', [{ id: 'c-other', name: 'Acme Corp' }]],
  ]);
  const versions = new Map<string, number>();
  const reads: string[] = [];
  let failNextRead = false;
  const port: ClientDirectoryPort = {
    getClient: async () => null,
    searchClients: async () => [],
    listAllClients: async function* (tenantId) {
      reads.push(tenantId);
      if (failNextRead) {
        failNextRead = false;
        throw new Error('directory down');
      }
      yield* clients.get(tenantId) ?? [];
    },
  };
  if (versioned) port.clientsVersion = async (tenantId) => versions.get(tenantId) ?? 0;
  return {
    port,
    reads,
    edit(tenantId: string, list: HostClient[]) {
      clients.set(tenantId, list);
      versions.set(tenantId, (versions.get(tenantId) ?? 0) + 1);
    },
    failNextRead: () => (failNextRead = true),
  };
}

const suggestedIds = async (cache: ClientIndexCache, tenantId: string) => suggestClients(ACME, await cache.forSuggestions(tenantId, [ACME])).map((s) => s.clientId);

describe('ClientIndexCache', () => {
  it('reads the directory once while the host reports the same version, and again once it changes', async () => {
    const h = host(true);
    const cache = new ClientIndexCache(h.port);
    expect(await suggestedIds(cache, 't-1')).toEqual(['c-acme']);
    expect(await suggestedIds(cache, 't-1')).toEqual(['c-acme']);
    expect(h.reads).toEqual(['t-1']);

    h.edit('t-1', [{ id: 'c-acme-2', name: 'ACME Corporation' }]);
    expect(await suggestedIds(cache, 't-1')).toEqual(['c-acme-2']);
    expect(h.reads).toEqual(['t-1', 't-1']);
  });

  it("keeps each tenant's clients apart", async () => {
    const h = host(true);
    const cache = new ClientIndexCache(h.port);
    expect(await suggestedIds(cache, 't-1')).toEqual(['c-acme']);
    expect(await suggestedIds(cache, 't-2')).toEqual(['c-other']);
    expect(await suggestedIds(cache, 't-1')).toEqual(['c-acme']);
    expect(h.reads).toEqual(['t-1', 't-2']);
    expect(cache.size).toBe(2);
  });

  it('reads the directory on every request when the host gives no version', async () => {
    const h = host(false);
    const cache = new ClientIndexCache(h.port);
    expect(await suggestedIds(cache, 't-1')).toEqual(['c-acme']);
    h.edit('t-1', [{ id: 'c-acme-2', name: 'Acme Corp' }]);
    expect(await suggestedIds(cache, 't-1')).toEqual(['c-acme-2']);
    expect(h.reads).toEqual(['t-1', 't-1']);
    expect(cache.size).toBe(0);
  });

  it('keeps nothing while the host answers no version', async () => {
    const h = host(true);
    h.port.clientsVersion = async () => undefined;
    const cache = new ClientIndexCache(h.port);
    expect(await suggestedIds(cache, 't-1')).toEqual(['c-acme']);
    expect(await suggestedIds(cache, 't-1')).toEqual(['c-acme']);
    expect(h.reads).toEqual(['t-1', 't-1']);
    expect(cache.size).toBe(0);
  });

  it('shares one read between concurrent requests for the same version', async () => {
    const h = host(true);
    const cache = new ClientIndexCache(h.port);
    const [a, b] = await Promise.all([cache.forSuggestions('t-1', [ACME]), cache.forSuggestions('t-1', [ACME])]);
    expect(a).toBe(b);
    expect(h.reads).toEqual(['t-1']);
  });

  it('does not keep a failed read: the next request reads again', async () => {
    const h = host(true);
    const cache = new ClientIndexCache(h.port);
    h.failNextRead();
    await expect(cache.forSuggestions('t-1', [ACME])).rejects.toThrow('directory down');
    expect(cache.size).toBe(0);
    expect(await suggestedIds(cache, 't-1')).toEqual(['c-acme']);
    expect(h.reads).toEqual(['t-1', 't-1']);
  });

  it('keeps at most 50 tenants, dropping the least recently used', async () => {
    const h = host(true);
    const cache = new ClientIndexCache(h.port);
    for (let i = 0; i < 51; i++) await cache.forSuggestions(`t-${i}`, [ACME]);
    expect(cache.size).toBe(50);
    await cache.forSuggestions('t-1', [ACME]); // still kept (t-0 went first)
    expect(h.reads.filter((t) => t === 't-1')).toHaveLength(1);
    await cache.forSuggestions('t-0', [ACME]); // dropped: read again
    expect(h.reads.filter((t) => t === 't-0')).toHaveLength(2);
  });
});
