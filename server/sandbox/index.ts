/**
 * The Pax8 sandbox: a local simulator of the Pax8 Partner API (see shared/pax8-api.md).
 *   const sb = await startSandbox({ partners: [{ clientId: 'a', clientSecret: 'b', size: 'small' }] });
 *   // point the client at sb.apiBaseUrl / sb.tokenUrl; afterwards: await sb.close();
 */
import type { SandboxHandle, SandboxOptions } from './sandbox.types';
import { SandboxServer } from './server';
import { announceSubscription, changeSubscription } from './partner-state';

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
    oauth: {
      authorizeUrl: `${url}/authorize`,
      tokenUrl: `${url}/oauth/token`,
      revokeUrl: `${url}/oauth/revoke`,
      apps: server.oauth.apps,
      setAutoApprove: (partner) => void (server.oauth.autoApprove = partner),
      setRotation: (on) => void (server.oauth.rotateRefreshTokens = on),
      advanceClock: (ms) => void (server.oauth.clockOffsetMs += ms),
      grants: () => ({ ...server.oauth.grants }),
      refreshTokenAlive: (t) => server.oauth.refreshTokenAlive(t),
      revokeConsent: (app, partner) => server.oauth.revokeConsent(app, stateOf(partner).clientId),
    },
    webhooks: {
      apiBaseUrl: `${url}/api/v2`,
      setDeliveryDelay: (ms) => void (server.webhooks.deliveryDelayMs = ms),
      deliveries: () => server.webhooks.logs.map((l) => ({ ...l })),
      idle: () => server.webhooks.idle(),
    },
    changeSubscription: (clientId, id, patch) => {
      const st = stateOf(clientId);
      const s = st.store.subscriptions.get(id);
      if (!s) throw new Error(`No subscription ${id} for ${clientId}`);
      changeSubscription(st, s as Record<string, unknown>, patch, Date.now());
    },
    changeCompany: (clientId, companyId, patch) => {
      const st = stateOf(clientId);
      const c = st.store.companies.get(companyId);
      if (!c) throw new Error(`No company ${companyId} for ${clientId}`);
      Object.assign(c, patch, { updatedDate: new Date().toISOString() });
      st.onChange?.('COMPANY', { action: 'UPDATED', companyId });
    },
    addSubscription: (clientId, templateId, patch = {}) => {
      const st = stateOf(clientId);
      const template = st.store.subscriptions.get(templateId);
      if (!template) throw new Error(`No subscription ${templateId} for ${clientId}`);
      const s = { ...structuredClone(template), ...patch, id: st.ids.uuid(), status: 'Active' } as Record<string, unknown>;
      st.store.subscriptions.set(s.id as string, s);
      announceSubscription(st, s, 'New');
      return s.id as string;
    },
    accountIdOf: (id) => stateOf(id).accountId,
    store: (id) => stateOf(id).store,
    close: () => server.close(),
  };
}
