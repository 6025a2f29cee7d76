/** Shared set-up for the sandbox HTTP tests: start in-process on port 0, fetch tokens, call the API. */
import axios, { AxiosInstance, AxiosResponse } from 'axios';
import { startSandbox, SandboxHandle, SandboxOptions } from '../../../server/sandbox';

export interface Harness {
  sb: SandboxHandle;
  http: AxiosInstance;
  token(clientId?: string, clientSecret?: string): Promise<string>;
  /** GET/POST/... with a fresh-or-cached token of the first partner. */
  api(method: string, path: string, opts?: { data?: unknown; token?: string; params?: Record<string, unknown> }): Promise<AxiosResponse>;
}

export async function harness(options: SandboxOptions = {}): Promise<Harness> {
  const sb = await startSandbox(options);
  const http = axios.create({ baseURL: sb.url, validateStatus: () => true });
  const cache = new Map<string, string>();
  const token = async (clientId = sb.partners[0].clientId, clientSecret?: string) => {
    const secret = clientSecret ?? sb.partners.find((p) => p.clientId === clientId)!.clientSecret;
    const res = await http.post('/v1/token', { client_id: clientId, client_secret: secret, audience: 'https://api.pax8.com', grant_type: 'client_credentials' });
    if (res.status !== 200) throw new Error(`token failed: ${res.status} ${JSON.stringify(res.data)}`);
    return res.data.access_token as string;
  };
  const api: Harness['api'] = async (method, path, opts = {}) => {
    let t = opts.token;
    if (!t) {
      const id = sb.partners[0].clientId;
      if (!cache.has(id)) cache.set(id, await token(id));
      t = cache.get(id)!;
    }
    return http.request({ method, url: path, data: opts.data, params: opts.params, headers: { Authorization: `Bearer ${t}` } });
  };
  return { sb, http, token, api };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function expectEnvelope(res: AxiosResponse, status: number, type: string): void {
  expect(res.status).toBe(status);
  expect(res.data).toEqual(expect.objectContaining({ type, status, message: expect.any(String), instance: expect.stringMatching(/^\/public\/v1\//), details: expect.any(Array) }));
}
