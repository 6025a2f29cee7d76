/**
 * Public surface of the Pax8 sandbox (a local simulator of the Pax8 Partner API, written from
 * shared/pax8-api.md on its own: it shares no code or types with server/pax8-api, so it catches the
 * client's misreadings instead of repeating them). Tests, the demo host and the benchmark start it
 * in-process with `startSandbox(options)`; `npm run sandbox` starts it from the command line.
 */

/** One Pax8 partner account: its API credentials and the data set it sees. */
export interface SandboxPartner {
  clientId: string;
  clientSecret: string;
  /** Seed for the deterministic data generator (same seed, same data). Default 1. */
  seed?: number;
  /** 'demo' = a few companies; 'bench' = 2,000 companies / 40,000 subscriptions; or explicit counts. */
  size?: 'demo' | 'small' | 'bench' | { companies: number; subscriptions: number };
}

export interface SandboxFaults {
  /** Seed for the fault dice, so a given configuration fails the same requests every run. */
  seed?: number;
  /** Added latency per request, in ms (fixed, or min..max drawn from the seeded dice). */
  latencyMs?: number | { min: number; max: number };
  /** Share (0..1) of requests answered 500/502/503, per route key such as 'GET /v1/subscriptions' or '*'. */
  errorRate?: Record<string, { rate: number; statuses?: Array<500 | 502 | 503> }>;
  /** The next N API requests (optionally only on one route) get 429. */
  rateLimitBurst?: { count: number; route?: string; retryAfterSeconds?: number };
  /** The next N requests (optionally only on one route) have their connection destroyed without an answer. */
  connectionReset?: { count: number; route?: string };
  /** The next N requests (optionally only on one route) get 200 with a body that is not valid JSON. */
  malformedBody?: { count: number; route?: string };
  /** The next N list answers (optionally only on one route) leave out `drop` items (default 1) but keep the page totals: a short page. */
  shortPage?: { count: number; route?: string; drop?: number };
  /** Revoke this client's credentials after it has made N more API requests (mid-run revocation). */
  revokeAfterRequests?: { clientId: string; requests: number };
}

/** Live behaviour recorded in pax8-api.md §2, §5, §13. Each can be switched to the documented behaviour. */
export interface SandboxQuirks {
  /** GET /orders ignores ?status= and returns oldest first (live). Default true. */
  ordersIgnoreStatusOldestFirst: boolean;
  /** Subscriptions carry `commitment` (live) rather than `commitmentTerm` (spec). Default true. */
  commitmentKey: 'commitment' | 'commitmentTerm';
  /** Subscriptions omit productName (live, §13). Default true. */
  omitSubscriptionProductName: boolean;
  /** Mixed date formats (colon-less offsets, 6 fraction digits, plain dates). Default true. */
  mixedDateFormats: boolean;
  /** Optional fields left out rather than null. Default true. */
  omitOptionalFields: boolean;
  /** orderedBy spelled 'Pax8Partner' (live) vs 'Pax8 Partner' (spec / 2026). Default 'Pax8Partner'. */
  orderedBy: 'Pax8Partner' | 'Pax8 Partner';
  /** Send Retry-After on 429 (undocumented on the real API). Default true. */
  retryAfterHeader: boolean;
}

export interface SandboxOptions {
  /** Port to listen on; 0 picks a free one. Default 0. */
  port?: number;
  host?: string;
  /** Partners (credential sets). Default: one demo partner `sandbox-client` / `sandbox-secret`. */
  partners?: SandboxPartner[];
  /** Access token lifetime in seconds. Default 86400 (Pax8's). */
  tokenLifetimeSeconds?: number;
  /** Successful requests allowed per credential in a sliding window. Default 1000 per 60,000 ms; false = off. */
  rateLimit?: { limit: number; windowMs: number } | false;
  quirks?: Partial<SandboxQuirks>;
  faults?: SandboxFaults;
  /** Generated dates are relative to the 1st of this date's month (UTC). Default: the current month. Pin it for data that is identical across months. */
  referenceDate?: string;
  /** How long order-created subscriptions stay PendingAutomated before they turn Active. Default 1000 ms. */
  provisioningDelayMs?: number;
}

/** Requests served, counted by route key ('GET /v1/companies', 'POST /v1/token', ...) and by client. */
export interface SandboxRequestStats {
  total: number;
  byRoute: Record<string, number>;
  byStatus: Record<string, number>;
  byClient: Record<string, number>;
  /** Highest number of API requests of one client inside any rate-limit window. */
  peakPerWindow: Record<string, number>;
}

export interface SandboxHandle {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  /** url + '/v1': what the client uses as its API base URL. */
  apiBaseUrl: string;
  /** url + '/v1/token' */
  tokenUrl: string;
  partners: Required<Pick<SandboxPartner, 'clientId' | 'clientSecret'>>[];
  stats(): SandboxRequestStats;
  resetStats(): void;
  setFaults(faults: SandboxFaults | undefined): void;
  setQuirks(quirks: Partial<SandboxQuirks>): void;
  /** Credentials rejected from now on (stands for expiry or rotation in the Pax8 portal); tokens already issued stop working. */
  revokeClient(clientId: string): void;
  restoreClient(clientId: string): void;
  /** The partner's live data, to mutate in tests (rename a company, remove a subscription, ...). */
  store(clientId: string): SandboxStore;
  close(): Promise<void>;
}

/** Mutable view of one partner's data (wire-shaped objects, as the API would return them). */
export interface SandboxStore {
  companies: Map<string, Record<string, unknown>>;
  subscriptions: Map<string, Record<string, unknown>>;
  products: Map<string, Record<string, unknown>>;
  orders: Map<string, Record<string, unknown>>;
  /** Contacts per company id (newest last). */
  contacts?: Map<string, Record<string, unknown>[]>;
  usageSummaries?: Map<string, Record<string, unknown>>;
  invoices?: Map<string, Record<string, unknown>>;
}
