import type { SandboxHandle } from '../../server/sandbox';
import type { E2eApp } from './e2e-app';

export const CALLBACK_URL = 'http://host.test/pax8/connection/delegated/callback';

/** The module's `delegated` options pointing at the sandbox's login side. */
export function delegatedOptions(sandbox: SandboxHandle) {
  const app = sandbox.oauth.apps[0];
  return {
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    integrationId: app.integrationId,
    redirectUrl: CALLBACK_URL,
    authorizeUrl: sandbox.oauth.authorizeUrl,
    tokenUrl: sandbox.oauth.tokenUrl,
    revokeUrl: sandbox.oauth.revokeUrl,
  };
}

/** POST start, then follow the authorize URL (auto-approve on) and return Pax8's redirect query. */
export async function authorizeAs(e2e: E2eApp, tenant: string, partnerClientId: string, role = 'Owner'): Promise<URLSearchParams> {
  const start = await e2e.http.post('/pax8/connection/delegated/start').set(e2e.as(tenant, role)).send({}).expect(200);
  e2e.sandbox.oauth.setAutoApprove(partnerClientId);
  try {
    const res = await fetch(start.body.authorizeUrl, { redirect: 'manual' });
    const location = res.headers.get('location');
    if (res.status !== 302 || !location) throw new Error(`authorize answered ${res.status}`);
    return new URL(location).searchParams;
  } finally {
    e2e.sandbox.oauth.setAutoApprove(undefined);
  }
}

export function callback(e2e: E2eApp, tenant: string, params: URLSearchParams, role = 'Owner') {
  return e2e.http.get(`/pax8/connection/delegated/callback?${params.toString()}`).set(e2e.as(tenant, role));
}

/** The whole dance for one tenant; resolves with the callback's JSON. */
export async function connectDelegated(e2e: E2eApp, tenant: string, partnerClientId: string) {
  const params = await authorizeAs(e2e, tenant, partnerClientId);
  return callback(e2e, tenant, params).expect(200);
}
