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
  /** Known discrepancies planted in this partner's Pax8 invoices, for reconciliation tests. */
  plants?: SandboxPlant[];
}

/**
 * A planted difference between what Pax8 bills and the subscription as it stood. `month` is the
 * service month (yyyy-MM) of the recurring charge, i.e. the invoice dated that month's 1st.
 *   cost:     Pax8 charges another unit cost than the subscription's partner cost
 *   quantity: Pax8 bills another quantity than the subscription had
 *   omit:     Pax8 leaves the subscription off that month's invoice
 *   credit:   the month's invoice is issued with `quantity` for the subscription, then Credited on the
 *             credit day and re-issued with the right quantity (a correction)
 */
export type SandboxPlant =
  | { kind: 'cost'; month: string; subscriptionId: string; cost: number }
  | { kind: 'quantity'; month: string; subscriptionId: string; quantity: number }
  | { kind: 'omit'; month: string; subscriptionId: string }
  | { kind: 'credit'; month: string; subscriptionId: string; quantity: number };

/** How the sandbox bills (choices documented in quirks.ts SANDBOX_BILLING). */
export interface SandboxBillingOptions {
  /** Day of the month (UTC) from which the invoice dated that month's 1st is visible. Default 5. */
  approvalDay?: number;
  /** Day of the month a planted credit turns the invoice Credited and the re-issue appears. Default 12. */
  creditDay?: number;
  /** Months of invoices before the reference month (the reference month's and the next month's exist too). Default 3. */
  monthsBack?: number;
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
  /**
   * The next N successful requests (optionally only on one route, e.g. 'POST /v1/orders') are PROCESSED
   * (the order is created, the change applied) and then the answer is lost: the connection is destroyed
   * ('reset', default) or a gateway answers 502 ('gateway'). Tests a caller's handling of unknown outcomes.
   */
  lostResponse?: { count: number; route?: string; mode?: 'reset' | 'gateway' };
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
  /**
   * orderedBy spelled 'Pax8Partner' (live) vs 'Pax8 Partner' (spec / 2026), or 'mixed': both spellings
   * in one list (per order, from a hash of its id), as seen while Pax8 moved between them. Default 'Pax8Partner'.
   */
  orderedBy: 'Pax8Partner' | 'Pax8 Partner' | 'mixed';
  /** Send Retry-After on 429. Pax8 does not document it, so it is off by default; switch it on to test a client's handling. */
  retryAfterHeader: boolean;
  /**
   * How PUT /subscriptions/{id} answers a rejected update (422): 'errors' = `{"errors":["..."]}`, one string per
   * problem, as some live subscription-update rejections are (§3, [3P]); 'envelope' = the §3 envelope with
   * `details[]`. Default 'errors'.
   */
  subscriptionUpdateErrors: 'errors' | 'envelope';
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
  /** Business time (ms) the API answers at: invoice approval, usage postings, status changes. Default Date.now. The rate limit always uses real time. */
  clock?: () => number;
  billing?: SandboxBillingOptions;
  /** Delegated authorization (authorize page, code and refresh grants). */
  oauth?: SandboxOAuthOptions;
  webhooks?: SandboxWebhookOptions;
}

/** A third-party platform's OAuth application (§14): what Pax8 hands an integration vendor. */
export interface SandboxOAuthApp {
  clientId: string;
  clientSecret: string;
  /** Sent by the platform when it registers webhooks (§15). */
  integrationId?: string;
  name?: string;
  /** Allowed redirect URIs; empty or absent = any (handy for tests on random ports). */
  redirectUris?: string[];
}

export interface SandboxOAuthOptions {
  /** Default: one app `sandbox-platform` / `sandbox-platform-secret`, integrationId `sandbox-integration`. */
  apps?: SandboxOAuthApp[];
  /** A refresh-token grant returns a new refresh token and kills the old one. Default false (undocumented at Pax8). */
  rotateRefreshTokens?: boolean;
  /** Approve every authorize request at once as this partner (clientId), without the consent page. */
  autoApprove?: string;
}

export interface SandboxWebhookOptions {
  /** Time from a change to its delivery. Default 2000 ms (Pax8: up to 5 minutes). */
  deliveryDelayMs?: number;
  /** Pause between the attempts of one delivery. Default 1000 ms. */
  retryDelayMs?: number;
}

/** One delivery as the sandbox's log shows it. */
export interface SandboxDeliveryLog {
  id: string;
  webhookId: string;
  topic: string;
  accountId: string;
  status: 'PENDING' | 'SUCCESS' | 'FAILED';
  attempts: number;
  responseStatus: number | null;
  error: string | null;
  payload: Record<string, unknown>;
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
  /** Delegated authorization: `${url}/authorize` and `${url}/oauth/token`, plus controls for tests. */
  oauth: {
    authorizeUrl: string;
    tokenUrl: string;
    revokeUrl: string;
    apps: SandboxOAuthApp[];
    /** Approve at once as this partner (undefined: show the consent page). */
    setAutoApprove(partnerClientId: string | undefined): void;
    setRotation(on: boolean): void;
    /** Moves the clock refresh tokens expire by (e.g. 91 days). */
    advanceClock(ms: number): void;
    /** Grants answered so far. */
    grants(): { authorization_code: number; refresh_token: number; revoked: number };
    refreshTokenAlive(token: string): boolean;
    /** The partner withdraws an application's access in the Pax8 portal. */
    revokeConsent(appClientId: string, partnerClientId: string): void;
  };
  /** Webhooks v2 at `${url}/api/v2/webhooks`, with controls for tests. */
  webhooks: {
    apiBaseUrl: string;
    setDeliveryDelay(ms: number): void;
    /** Every delivery so far, oldest first. */
    deliveries(): SandboxDeliveryLog[];
    /** Resolves when no delivery is queued or in flight. */
    idle(): Promise<void>;
  };
  /**
   * Changes a subscription the way Pax8 would (history, updatedDate) and announces it to webhooks:
   * `{quantity: 14}` is a Change, `{status: 'Cancelled'}` a Cancel.
   */
  changeSubscription(clientId: string, subscriptionId: string, patch: Record<string, unknown>): void;
  /** Changes a company's fields (e.g. `{name}`) and announces it as a COMPANY UPDATED event. */
  changeCompany(clientId: string, companyId: string, patch: Record<string, unknown>): void;
  /** Adds a subscription (a copy of `templateId` with a new id) and announces it as New. Returns its id. */
  addSubscription(clientId: string, templateId: string, patch?: Record<string, unknown>): string;
  /** The partner account id Pax8 uses for this partner (webhook `accountId`, access-token claim). */
  accountIdOf(clientId: string): string;
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
