/**
 * Errors must never carry a secret or a token: axios errors hold the bearer header and the token request
 * body in their config, and servers sometimes echo input. A tiny local stub plays a hostile Pax8.
 */
import http from 'http';
import type { AddressInfo } from 'net';
import { inspect } from 'util';
import { Pax8ApiError, Pax8ClientFactory, Pax8CredentialsRejectedError, Pax8UnavailableError, Pax8ValidationError } from './index';

const SECRET = 'super-secret-value-123';
const TOKEN = 'tok-abcdef-0123456789';

type Mode = 'echo500' | 'echo422' | 'reset' | 'hang' | 'reject-token' | 'ok';

describe('error redaction', () => {
  let server: http.Server;
  let base: string;
  let mode: Mode = 'ok';

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const echo = `${req.headers.authorization ?? ''} ${body}`;
        if (req.url === '/v1/token') {
          if (mode === 'reject-token') {
            res.writeHead(401, { 'Content-Type': 'application/json' });
            return res.end(JSON.stringify({ error: 'access_denied', error_description: `Unauthorized: ${echo}` }));
          }
          res.writeHead(200, { 'Content-Type': 'application/json' });
          return res.end(JSON.stringify({ access_token: TOKEN, token_type: 'Bearer', expires_in: 86400 }));
        }
        if (mode === 'reset') return req.socket.destroy();
        if (mode === 'hang') return;
        if (mode === 'echo500') {
          res.writeHead(500, { 'Content-Type': 'application/json' });
          return res.end(JSON.stringify({ type: 'INTERNAL_SERVER_ERROR', message: `boom ${echo}`, details: [] }));
        }
        if (mode === 'echo422') {
          res.writeHead(422, { 'Content-Type': 'application/json' });
          return res.end(JSON.stringify({ type: 'UNPROCESSABLE', message: `bad ${echo}`, details: [{ message: `detail ${echo}` }] }));
        }
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ id: 'x' }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  function client(opts: { tokenUrl?: string } = {}) {
    const warnings: string[] = [];
    const factory = new Pax8ClientFactory({
      apiBaseUrl: `${base}/v1`,
      tokenUrl: opts.tokenUrl ?? `${base}/v1/token`,
      maxAttempts: 2,
      baseDelayMs: 1,
      maxDelayMs: 5,
      timeoutMs: 300,
      logger: { warn: (m) => warnings.push(m), debug: (m) => warnings.push(m) },
    });
    return { c: factory.client(`t-${Math.random()}`, { clientId: 'client-1', clientSecret: SECRET }), warnings, factory };
  }

  function expectClean(value: unknown) {
    for (const text of [JSON.stringify(value), inspect(value, { depth: 20, showHidden: true }), String(value)]) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(TOKEN);
    }
  }

  async function failure(p: Promise<unknown>): Promise<Pax8ApiError> {
    try {
      await p;
    } catch (e) {
      expect(e).toBeInstanceOf(Pax8ApiError);
      return e as Pax8ApiError;
    }
    throw new Error('expected a failure');
  }

  it.each<[Mode, unknown]>([
    ['echo500', Pax8UnavailableError],
    ['echo422', Pax8ValidationError],
    ['reset', Pax8UnavailableError],
    ['hang', Pax8UnavailableError],
    ['reject-token', Pax8CredentialsRejectedError],
  ])('%s: the thrown error and the log lines hold neither secret nor token', async (m, type) => {
    mode = m;
    const { c, warnings } = client();
    const err = await failure(c.companies.get('abc'));
    expect(err).toBeInstanceOf(type as never);
    expectClean(err);
    expectClean(warnings);
    expect(err.method).toBe(m === 'reject-token' ? 'POST' : 'GET');
    if (m === 'echo422') expect(err.details.length).toBe(1);
  });

  it('a write that fails is clean too, and the credentials test gives the actionable message', async () => {
    mode = 'echo500';
    const { c } = client();
    expectClean(await failure(c.subscriptions.updateQuantity('s1', 3)));
    mode = 'reject-token';
    const err = await failure(client().c.testCredentials());
    expect(err).toBeInstanceOf(Pax8CredentialsRejectedError);
    expect(err.message).toMatch(/rejected or have expired.*connection card/);
    expectClean(err);
  });

  it('an unreachable token endpoint (ECONNREFUSED) gives a clean Pax8UnavailableError', async () => {
    const { c } = client({ tokenUrl: 'http://127.0.0.1:1/v1/token' });
    const err = await failure(c.companies.get('abc'));
    expect(err).toBeInstanceOf(Pax8UnavailableError);
    expect(err.code).toBe('ECONNREFUSED');
    expectClean(err);
  });

  it('the client and factory objects do not show the secret or the token when inspected', async () => {
    mode = 'ok';
    const { c, factory } = client();
    await c.companies.get('abc');
    expect(inspect(c, { depth: 20 })).not.toContain(SECRET);
    expect(inspect(c, { depth: 20 })).not.toContain(TOKEN);
    expect(inspect(factory, { depth: 20 })).not.toContain(SECRET);
    expect(inspect(factory, { depth: 20 })).not.toContain(TOKEN);
  });
});
