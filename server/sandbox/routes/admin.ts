/**
 * /__admin: control endpoints for people and tools outside the test process (CLI users, the demo host).
 * Not part of the Pax8 API; no auth, not counted in stats, never faulted.
 *   GET  /__admin/stats         request record (+ faultsInjected)
 *   POST /__admin/reset-stats
 *   GET|POST /__admin/faults    body: SandboxFaults (null or {} clears)
 *   GET|POST /__admin/quirks    body: Partial<SandboxQuirks>
 *   POST /__admin/revoke        body: {clientId}
 *   POST /__admin/restore       body: {clientId}
 *   GET  /__admin/partners      client ids and data sizes
 */
import type { Reply } from '../errors';
import type { SandboxServer } from '../server';

function parse(raw: string): Record<string, unknown> | null | undefined {
  if (raw.trim() === '') return null;
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

const bad = (message: string): Reply => ({ status: 400, body: { error: message } });

export function handleAdmin(s: SandboxServer, method: string, path: string, raw: string): Reply {
  const body = parse(raw);
  if (body === undefined) return bad('Body must be JSON');
  const route = `${method} ${path.replace(/\/$/, '')}`;
  const clientIdOf = () => {
    const id = body?.clientId;
    return typeof id === 'string' && s.states.has(id) ? id : undefined;
  };
  switch (route) {
    case 'GET /stats':
      return { status: 200, body: { ...s.stats.snapshot(), faultsInjected: { ...s.faults.injected } } };
    case 'POST /reset-stats':
      s.stats.reset();
      return { status: 204 };
    case 'GET /faults':
      return { status: 200, body: s.faults.current };
    case 'POST /faults':
      s.setFaults(body && Object.keys(body).length ? (body as never) : undefined);
      return { status: 200, body: s.faults.current };
    case 'GET /quirks':
      return { status: 200, body: s.quirks };
    case 'POST /quirks':
      s.setQuirks((body ?? {}) as never);
      return { status: 200, body: s.quirks };
    case 'POST /revoke':
    case 'POST /restore': {
      const id = clientIdOf();
      if (!id) return bad('Unknown or missing clientId');
      if (route === 'POST /revoke') s.tokens.revoke(id);
      else s.tokens.restore(id);
      return { status: 200, body: { clientId: id, revoked: s.tokens.isRevoked(id) } };
    }
    case 'GET /partners':
      return {
        status: 200,
        body: [...s.states.values()].map((p) => ({
          clientId: p.clientId,
          companies: p.store.companies.size,
          subscriptions: p.store.subscriptions.size,
          products: p.store.products.size,
          orders: p.store.orders.size,
          revoked: s.tokens.isRevoked(p.clientId),
        })),
      };
    default:
      return { status: 404, body: { error: `No admin endpoint ${route}` } };
  }
}
