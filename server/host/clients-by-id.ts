import type { ClientDirectoryPort, HostClient } from './client-directory.port';

/** The clients of `clientIds` the host knows, by id: one getClients call when the host offers it, else getClient per id. */
export async function clientsById(directory: ClientDirectoryPort, tenantId: string, clientIds: Iterable<string>): Promise<Map<string, HostClient>> {
  const wanted = new Set(clientIds);
  const found = new Map<string, HostClient>();
  if (!wanted.size) return found;
  if (directory.getClients) {
    // Only what was asked: a host answering more must not put other clients' names on these rows.
    for (const c of await directory.getClients(tenantId, [...wanted])) if (wanted.has(c.id)) found.set(c.id, c);
    return found;
  }
  await Promise.all(
    [...wanted].map(async (id) => {
      const c = await directory.getClient(tenantId, id);
      if (c) found.set(id, c);
    }),
  );
  return found;
}
