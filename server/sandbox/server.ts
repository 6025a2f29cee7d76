/**
 * The HTTP server: request pipeline (faults, token endpoint, auth, rate limit, routing, stats).
 * Plain node:http, because a connection-reset fault needs the raw socket.
 */
import http, { IncomingMessage, ServerResponse } from 'http';
import type { AddressInfo } from 'net';
import type { SandboxFaults, SandboxOptions, SandboxPartner, SandboxQuirks } from './sandbox.types';
import { TokenService } from './auth';
import { OAuthService } from './oauth';
import { WebhookService } from './webhooks';
import { RateLimiter } from './rate-limit';
import { FaultEngine } from './faults';
import { RequestStats } from './stats';
import { ApiError, envelope, Reply } from './errors';
import { mergeQuirks, SANDBOX_CHOICES } from './quirks';
import { createPartnerState, PartnerState, tick } from './partner-state';
import { normalisePath, Router } from './router';
import { parseDate, startOfMonth } from './dates';
import { registerCompanies } from './routes/companies';
import { registerProducts } from './routes/products';
import { registerSubscriptions } from './routes/subscriptions';
import { registerOrders } from './routes/orders';
import { registerUsage } from './routes/usage';
import { registerInvoices } from './routes/invoices';
import { handleAdmin } from './routes/admin';
import { BROWSE_PREFIX, indexPage } from './routes/browse';

export const DEFAULT_PARTNER: SandboxPartner = { clientId: 'sandbox-client', clientSecret: 'sandbox-secret', seed: 1, size: 'demo' };
const MAX_BODY = 1_000_000;
const ERROR_TYPES: Record<number, string> = { 500: 'INTERNAL_SERVER_ERROR', 502: 'BAD_GATEWAY', 503: 'SERVICE_UNAVAILABLE' };

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) reject(new ApiError(413, 'BAD_REQUEST', 'Request body too large'));
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class SandboxServer {
  readonly states = new Map<string, PartnerState>();
  readonly tokens: TokenService;
  readonly oauth: OAuthService;
  readonly webhooks: WebhookService;
  readonly faults: FaultEngine;
  readonly stats: RequestStats;
  readonly limiter?: RateLimiter;
  quirks: SandboxQuirks;
  /** Business time: what the API answers at (invoice approval, usage postings); the rate limit uses real time. */
  readonly clock: () => number;
  private readonly router = new Router();
  private readonly http: http.Server;

  constructor(readonly options: SandboxOptions = {}) {
    const partners = options.partners?.length ? options.partners : [DEFAULT_PARTNER];
    const ref = options.referenceDate !== undefined ? parseDate(options.referenceDate) : Date.now();
    if (ref === undefined) throw new Error(`Invalid referenceDate: ${options.referenceDate}`);
    const anchor = startOfMonth(ref);
    this.clock = options.clock ?? Date.now;
    for (const p of partners) {
      if (this.states.has(p.clientId)) throw new Error(`Duplicate sandbox partner clientId: ${p.clientId}`);
      this.states.set(p.clientId, createPartnerState(p, anchor, options.provisioningDelayMs, options.billing));
    }
    this.tokens = new TokenService(partners, options.tokenLifetimeSeconds ?? SANDBOX_CHOICES.defaultTokenLifetimeSeconds);
    const accounts = [...this.states.values()].map((st) => ({ clientId: st.clientId, accountId: st.accountId, name: st.partnerName }));
    this.oauth = new OAuthService(options.oauth, accounts, this.tokens);
    this.webhooks = new WebhookService(options.webhooks, (id) => this.states.get(id)!.accountId, this.oauth);
    for (const st of this.states.values()) st.onChange = (topic, data) => this.webhooks.emit(st.clientId, topic, data);
    const rl = options.rateLimit === undefined ? SANDBOX_CHOICES.rateLimit : options.rateLimit;
    if (rl) this.limiter = new RateLimiter(rl.limit, rl.windowMs);
    this.stats = new RequestStats(rl ? rl.windowMs : SANDBOX_CHOICES.rateLimit.windowMs);
    this.faults = new FaultEngine();
    this.setFaults(options.faults);
    this.quirks = mergeQuirks(options.quirks);
    for (const reg of [registerCompanies, registerProducts, registerSubscriptions, registerOrders, registerUsage, registerInvoices]) reg(this.router);
    this.http = http.createServer((req, res) => {
      this.handle(req, res).catch((err) => {
        // Last resort: never leave a request hanging.
        if (!res.headersSent) this.write(res, { status: 500, body: envelope(500, 'INTERNAL_SERVER_ERROR', String(err?.message ?? err), req.url ?? '') });
      });
    });
    this.http.keepAliveTimeout = 5000;
  }

  setFaults(f: SandboxFaults | undefined): void {
    this.faults.set(f);
    if (f?.revokeAfterRequests && f.revokeAfterRequests.requests <= 0) this.tokens.revoke(f.revokeAfterRequests.clientId);
  }

  setQuirks(q: Partial<SandboxQuirks>): void {
    this.quirks = mergeQuirks(q, this.quirks);
  }

  listen(port: number, host: string): Promise<string> {
    return new Promise((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(port, host, () => {
        const a = this.http.address() as AddressInfo;
        const h = a.family === 'IPv6' ? `[${a.address}]` : a.address;
        resolve(`http://${h === '0.0.0.0' ? '127.0.0.1' : h}:${a.port}`);
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.http.close(() => resolve());
      this.http.closeAllConnections();
    });
  }

  private write(res: ServerResponse, reply: Reply, raw?: string): void {
    const headers: Record<string, string> = { ...(reply.headers ?? {}) };
    let payload = raw;
    if (payload === undefined && reply.body !== undefined && reply.status !== 204) payload = JSON.stringify(reply.body);
    if (payload !== undefined && !headers['Content-Type']) headers['Content-Type'] = 'application/json';
    res.writeHead(reply.status, headers);
    res.end(payload);
  }

  private writeHtml(res: ServerResponse, page: { reply: Reply; raw?: string }): void {
    this.write(res, page.reply, page.raw);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://sandbox.local');
    const path = url.pathname;
    let rawBody = '';
    try {
      rawBody = await readBody(req);
    } catch (e) {
      const err = e as ApiError;
      return this.write(res, { status: err.status ?? 400, body: envelope(err.status ?? 400, 'BAD_REQUEST', err.message, path) });
    }

    if (path === '/__admin' || path.startsWith('/__admin/')) {
      const reply = handleAdmin(this, method, path.slice('/__admin'.length) || '/', rawBody);
      return this.write(res, reply);
    }
    if (method === 'GET' && path === '/') {
      const partners = [...this.states.values()].map((p) => ({ clientId: p.clientId, companies: p.store.companies.size, subscriptions: p.store.subscriptions.size }));
      const page = indexPage(partners, `http://${req.headers.host ?? 'localhost'}`);
      return this.write(res, page, page.html);
    }
    if (method === 'GET' && path.startsWith(`${BROWSE_PREFIX}/v1/`)) {
      return this.write(res, this.browse(path.slice(BROWSE_PREFIX.length), url.searchParams));
    }

    if (method === 'GET' && path === '/authorize') return this.writeHtml(res, this.oauth.authorize(url.searchParams));
    if (method === 'POST' && path === '/authorize/decision') return this.writeHtml(res, this.oauth.decide(new URLSearchParams(rawBody)));
    if (method === 'POST' && path === '/oauth/revoke') {
      const body = parseTokenBody(rawBody, req.headers['content-type']);
      return this.write(res, body ? this.oauth.revoke(body) : { status: 400, body: { error: 'invalid_request' } });
    }

    const isToken = method === 'POST' && (path === '/v1/token' || path === '/oauth/token');
    const match = isToken ? undefined : this.router.match(method, path);
    const key = isToken ? `POST ${path}` : (match?.key ?? `${method} ${normalisePath(path)}`);
    const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim();
    let tokenBody: Record<string, unknown> | undefined;
    if (isToken) tokenBody = parseTokenBody(rawBody, req.headers['content-type']);
    const clientId = isToken
      ? typeof tokenBody?.client_id === 'string' && this.states.has(tokenBody.client_id) ? tokenBody.client_id : undefined
      : this.tokens.ownerOf(bearer);
    const send = (reply: Reply, raw?: string) => {
      this.stats.record(key, reply.status, clientId, !isToken, Date.now());
      this.write(res, reply, raw);
    };

    // Faults act like the network and gateway in front of the API: before authentication.
    const latency = this.faults.latencyMs();
    if (latency > 0) await sleep(latency);
    const fault = this.faults.decide(key, `${method} ${path}`, isToken);
    if (fault?.kind === 'reset') {
      this.stats.record(key, 0, clientId, !isToken, Date.now());
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'rateLimit') return send(this.tooMany(path, fault.retryAfterSeconds));
    if (fault?.kind === 'error') {
      if (fault.status === 502)
        return send({ status: 502, headers: { 'Content-Type': 'text/html' } }, '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>');
      return send({ status: fault.status, body: envelope(fault.status, ERROR_TYPES[fault.status], 'Injected fault', path) });
    }
    if (fault?.kind === 'malformed') return send({ status: 200 }, '{"content":[{"id":"3f0c6a9e-6f1e-4c55-9a43-1d2b7c8e9f01","name":"Northw');

    if (isToken) {
      if (!tokenBody) return send({ status: 400, body: { error: 'invalid_request', error_description: 'Request body must be JSON' } });
      if (tokenBody.grant_type === 'authorization_code' || tokenBody.grant_type === 'refresh_token') return send(this.oauth.token(tokenBody));
      return send(this.tokens.issue(tokenBody, 'https://login.pax8.com/'));
    }
    const isWebhooks = path === '/api/v2/webhooks' || path.startsWith('/api/v2/webhooks/');
    if (!path.startsWith('/v1/') && !isWebhooks) return send({ status: 404, body: envelope(404, 'NOT_FOUND', `No resource at ${method} ${path}`, path) });

    const auth = this.tokens.verify(bearer);
    if ('error' in auth)
      return send({
        status: 401,
        headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
        body: envelope(401, 'UNAUTHORIZED', auth.error, path),
      });
    const state = this.states.get(auth.clientId)!;
    const real = Date.now();
    const now = this.clock();
    if (this.limiter) {
      const wait = this.limiter.check(auth.clientId, real);
      if (wait !== undefined) return send(this.tooMany(path, wait));
    }
    const revokeAfter = this.faults.countApiRequest(auth.clientId);
    tick(state, now);

    let reply: Reply;
    if (isWebhooks) reply = this.webhooksReply(method, path, url.searchParams, rawBody, { partner: auth.clientId, app: auth.app });
    else if (!match) reply = { status: 404, body: envelope(404, 'NOT_FOUND', `No resource at ${method} ${path}`, path) };
    else {
      try {
        reply = match.handler({ method, path, query: url.searchParams, body: parseJsonBody(rawBody), params: match.params, state, quirks: this.quirks, now });
      } catch (e) {
        if (e instanceof ApiError)
          reply = { status: e.status, headers: e.headers, body: envelope(e.status, e.type, e.message, path, e.details) };
        else {
          console.error('[pax8-sandbox] handler error', e);
          reply = { status: 500, body: envelope(500, 'INTERNAL_SERVER_ERROR', 'Internal error', path) };
        }
      }
    }
    const listBody = reply.body as { content?: unknown[]; page?: unknown } | undefined;
    if (reply.status === 200 && Array.isArray(listBody?.content) && listBody?.page) {
      const drop = this.faults.shortPageDrop(key, `${method} ${path}`);
      if (drop > 0) reply = { ...reply, body: { ...listBody, content: listBody.content.slice(0, Math.max(0, listBody.content.length - drop)) } };
    }
    if (reply.status < 400) this.limiter?.recordSuccess(auth.clientId, real);
    if (revokeAfter) this.tokens.revoke(auth.clientId);
    // The work is done (order created, change applied); only the answer goes missing.
    const lost = reply.status < 400 ? this.faults.lostResponse(key, `${method} ${path}`) : undefined;
    if (lost === 'reset') {
      this.stats.record(key, 0, auth.clientId, true, Date.now());
      req.socket.destroy();
      return;
    }
    if (lost === 'gateway')
      return send({ status: 502, headers: { 'Content-Type': 'text/html' } }, '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>');
    send(reply);
  }

  private webhooksReply(method: string, path: string, query: URLSearchParams, rawBody: string, caller: { partner: string; app?: string }): Reply {
    try {
      return this.webhooks.handle(method, path, query, parseJsonBody(rawBody), caller);
    } catch (e) {
      if (e instanceof ApiError) return { status: e.status, headers: e.headers, body: envelope(e.status, e.type, e.message, path, e.details) };
      throw e;
    }
  }

  /** A read-only GET as one partner sees it, for people exploring in a browser (see routes/browse.ts). */
  private browse(path: string, query: URLSearchParams): Reply {
    const clientId = query.get('partner') ?? [...this.states.keys()][0];
    const state = this.states.get(clientId);
    if (!state) return { status: 404, body: envelope(404, 'NOT_FOUND', `No sandbox partner ${clientId}`, path) };
    const params = new URLSearchParams(query);
    params.delete('partner');
    const match = this.router.match('GET', path);
    if (!match) return { status: 404, body: envelope(404, 'NOT_FOUND', `No resource at GET ${path}`, path) };
    const now = this.clock();
    tick(state, now);
    try {
      return match.handler({ method: 'GET', path, query: params, body: undefined, params: match.params, state, quirks: this.quirks, now });
    } catch (e) {
      if (e instanceof ApiError) return { status: e.status, headers: e.headers, body: envelope(e.status, e.type, e.message, path, e.details) };
      throw e;
    }
  }

  private tooMany(path: string, retryAfterSeconds: number): Reply {
    return {
      status: 429,
      headers: this.quirks.retryAfterHeader ? { 'Retry-After': String(retryAfterSeconds) } : {},
      body: envelope(429, SANDBOX_CHOICES.tooManyRequestsType, 'Too many requests; the rate limit is exceeded', path),
    };
  }
}

/** An API request body: undefined when empty, 400 when it is not JSON. */
function parseJsonBody(raw: string): unknown {
  if (raw.trim() === '') return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    throw new ApiError(400, 'BAD_REQUEST', 'Malformed JSON request body');
  }
}

/** The token endpoint takes JSON (§1); form encoding is accepted too, as OAuth servers usually do. */
function parseTokenBody(raw: string, contentType: string | undefined): Record<string, unknown> | undefined {
  if ((contentType ?? '').includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(raw));
  try {
    const v = JSON.parse(raw || '{}');
    return v && typeof v === 'object' && !Array.isArray(v) ? v : undefined;
  } catch {
    return undefined;
  }
}
