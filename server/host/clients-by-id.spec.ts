import type { ClientDirectoryPort, HostClient } from './client-directory.port';
import { clientsById } from './clients-by-id';

const CLIENTS: HostClient[] = [
  { id: 'c-1', name: 'Alpha' },
  { id: 'c-2', name: 'Beta' },
  { id: 'c-3', name: 'Gamma' },
];

/** A directory that records its calls; `batch` adds getClients, `extra` makes getClients answer more than asked. */
function directory(opts: { batch: boolean; extra?: boolean }) {
  const calls: string[] = [];
  const port: ClientDirectoryPort = {
    getClient: async (tenantId, id) => {
      calls.push(`getClient ${tenantId} ${id}`);
      return CLIENTS.find((c) => c.id === id) ?? null;
    },
    searchClients: async () => [],
    listAllClients: async function* () {},
  };
  if (opts.batch) {
    port.getClients = async (tenantId, ids) => {
      calls.push(`getClients ${tenantId} ${ids.join(',')}`);
      return opts.extra ? CLIENTS : CLIENTS.filter((c) => ids.includes(c.id));
    };
  }
  return { port, calls };
}

describe('clientsById', () => {
  it('asks once with every distinct id when the host offers getClients, and leaves unknown ids out', async () => {
    const { port, calls } = directory({ batch: true });
    const found = await clientsById(port, 't-1', ['c-2', 'c-1', 'c-2', 'missing']);
    expect(calls).toEqual(['getClients t-1 c-2,c-1,missing']);
    expect(Object.fromEntries(found)).toEqual({ 'c-1': { id: 'c-1', name: 'Alpha' }, 'c-2': { id: 'c-2', name: 'Beta' } });
  });

  it('keeps only the asked ids when the host answers more', async () => {
    const { port } = directory({ batch: true, extra: true });
    expect([...(await clientsById(port, 't-1', ['c-3'])).keys()]).toEqual(['c-3']);
  });

  it('falls back to one getClient per distinct id without getClients', async () => {
    const { port, calls } = directory({ batch: false });
    const found = await clientsById(port, 't-2', ['c-3', 'c-3', 'missing']);
    expect(calls.sort()).toEqual(['getClient t-2 c-3', 'getClient t-2 missing']);
    expect([...found.keys()]).toEqual(['c-3']);
  });

  it('asks nothing for no ids', async () => {
    const { port, calls } = directory({ batch: true });
    expect((await clientsById(port, 't-1', [])).size).toBe(0);
    expect(calls).toEqual([]);
  });
});
