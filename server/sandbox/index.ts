/**
 * The Pax8 sandbox: a local simulator of the Pax8 Partner API (see shared/pax8-api.md).
 *   const sb = await startSandbox({ partners: [{ clientId: 'a', clientSecret: 'b', size: 'small' }] });
 *   // point the client at sb.apiBaseUrl / sb.tokenUrl; afterwards: await sb.close();
 */
import type { SandboxHandle, SandboxOptions } from './sandbox.types';
import { SandboxServer } from './server';

export * from './sandbox.types';
export { DEFAULT_PARTNER } from './server';
export { DEFAULT_QUIRKS } from './quirks';

export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
  const server = new SandboxServer(options);
  const url = await server.listen(options.port ?? 0, options.host ?? '127.0.0.1');
  const stateOf = (clientId: string) => {
    const st = server.states.get(clientId);
    if (!st) throw new Error(`No sandbox partner with clientId ${clientId}`);
    return st;
  };
  return {
    url,
    apiBaseUrl: `${url}/v1`,
    tokenUrl: `${url}/v1/token`,
    partners: [...server.states.values()].map((p) => ({ clientId: p.clientId, clientSecret: p.clientSecret })),
    stats: () => server.stats.snapshot(),
    resetStats: () => server.stats.reset(),
    setFaults: (f) => server.setFaults(f),
    setQuirks: (q) => server.setQuirks(q),
    revokeClient: (id) => server.tokens.revoke(stateOf(id).clientId),
    restoreClient: (id) => server.tokens.restore(stateOf(id).clientId),
    store: (id) => stateOf(id).store,
    close: () => server.close(),
  };
}
