import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import type { DataSourceOptions } from 'typeorm';

/**
 * Options of `Pax8Module.forRoot()` / `forRootAsync()`. Defaults sit beside each field; they are
 * validated at start-up (see `resolvePax8Options`) and a bad value stops the host with an error that
 * names the option.
 */
export class Pax8EncryptionOptions {
  /** Id of the key new writes use. Must be one of `keys`. */
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,32}$/)
  currentKeyId: string;

  /**
   * Key id → 32-byte key, base64. Keep old keys here after a rotation so old rows still decrypt;
   * `Pax8CredentialsService.reencryptAll()` then moves every row to the current key.
   */
  @IsObject()
  keys: Record<string, string>;
}

export class Pax8ApiOptions {
  /** Default: https://api.pax8.com/v1 (the demo host points it at the local sandbox). */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true })
  apiBaseUrl?: string = 'https://api.pax8.com/v1';

  /** Default: https://api.pax8.com/v1/token */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true })
  tokenUrl?: string = 'https://api.pax8.com/v1/token';

  /** Default: https://api.pax8.com (the partner-endpoint audience). */
  @IsOptional()
  @IsString()
  audience?: string = 'https://api.pax8.com';

  /** Client-side throttle per credential set. Default 900 (a margin under Pax8's 1000 per minute). */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  requestsPerMinute?: number = 900;

  /** Page size for list calls. Default 200, the largest Pax8 allows. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize?: number = 200;

  /** Per-request timeout in ms. Default 30000. */
  @IsOptional()
  @IsInt()
  @Min(100)
  timeoutMs?: number = 30_000;
}

export class Pax8SyncOptions {
  /** Run the scheduled sync at all in this process. Default true. */
  @IsOptional()
  @IsBoolean()
  enabled?: boolean = true;

  /** Minutes between scheduled syncs of a tenant. Default 240 (4 hours). */
  @IsOptional()
  @IsInt()
  @Min(5)
  intervalMinutes?: number = 240;

  /** Tenants synced at once by one process. Default 2. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  maxConcurrentTenants?: number = 2;

  /** How long a sync lease lasts before another process may take over a crashed run, in seconds. Default 120 (renewed while running). */
  @IsOptional()
  @IsInt()
  @Min(10)
  leaseSeconds?: number = 120;

  /** Product cache entries older than this are fetched again. Default 24 hours. */
  @IsOptional()
  @IsInt()
  @Min(1)
  productCacheHours?: number = 24;

  /**
   * Page writes at once during a tenant's first full pull on PostgreSQL and MariaDB (each on its own connection;
   * SQLite always writes one at a time). Default 2: a cold 40,000-subscription pull about a fifth faster, with the
   * database busier for the host's own requests meanwhile; 1 favours those requests. Later pulls write one at a time.
   */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(4)
  firstPullWriters?: number = 2;

  /**
   * SQLite files in WAL mode (better-sqlite3): a full sync's writes run on a worker thread's own connection, so the
   * event loop only parses and builds them, and reads of the host's requests are not held by a sync write. On by
   * default since round 10: 2,000 / 40,000 cold plugin time 2.2 s against 2.9 s, the list routes' p95 during a sync
   * 24–53 ms against 54–85 ms; peak heap of a 200,000-subscription sync 105–135 MB (goal 150). README, Round 10.
   * False keeps every write on the host's connection.
   */
  @IsOptional()
  @IsBoolean()
  sqliteWriterThread?: boolean = true;

  /** 'in-process' (default) or 'queue' (BullMQ on Redis, for several replicas). */
  @IsOptional()
  @IsIn(['in-process', 'queue'])
  mode?: 'in-process' | 'queue' = 'in-process';

  /** BullMQ queue name in queue mode (replicas of one host share it). Default 'pax8-sync'. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/)
  queueName?: string = 'pax8-sync';

  /** In queue mode: also run a worker in this process. Default true. */
  @IsOptional()
  @IsBoolean()
  runWorker?: boolean = true;

  /** Redis connection URL for queue mode, e.g. redis://127.0.0.1:6379. */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['redis', 'rediss'], require_protocol: true })
  redisUrl?: string;
}

export class Pax8AccessOptions {
  /** Roles allowed to configure the integration. Default ['Owner', 'Admin']. */
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  adminRoles?: string[] = ['Owner', 'Admin'];

  /** Permission needed (with an admin role) to configure. Default 'integrations.manage'. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  managePermission?: string = 'integrations.manage';

  /** Permission that lets other users read status, companies and subscriptions. Default 'integrations.view'. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  viewPermission?: string = 'integrations.view';
}

export class Pax8AgentToolsOptions {
  /** Permission a user needs to approve or reject an agent's write. Default 'integrations.approve'. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  approverPermission?: string = 'integrations.approve';

  /** How long an approval request stays open before it expires. Default 1440 minutes (a day). */
  @IsOptional()
  @IsInt()
  @Min(5)
  approvalTtlMinutes?: number = 1440;

  /** Tools answer from synced data no older than this, and call Pax8 live otherwise. Default 360 minutes. */
  @IsOptional()
  @IsInt()
  @Min(0)
  freshnessMinutes?: number = 360;

  /** A scheduled NCE change is reminded (audit entry, shown in the approvals element) this many days before its date. Default 7. */
  @IsOptional()
  @IsInt()
  @Min(0)
  reminderDays?: number = 7;

  /** Run the agent-tools scheduler (expiry, reminders, scheduled changes, reconciliation) in this process. Default true. */
  @IsOptional()
  @IsBoolean()
  schedulerEnabled?: boolean = true;
}

/**
 * The host's own Pax8 OAuth application (§14 of pax8-api.md), for "Connect with Pax8" (delegated
 * authorization code flow). Pax8 issues the client id, secret and integrationId to the platform.
 */
export class Pax8DelegatedOptions {
  @IsString()
  @IsNotEmpty()
  clientId: string;

  @IsString()
  @IsNotEmpty()
  clientSecret: string;

  /** The module's callback route as the browser reaches it, e.g. https://psa.example.com/pax8/connection/delegated/callback (registered with Pax8). */
  @IsUrl({ require_tld: false, require_protocol: true })
  redirectUrl: string;

  /** Sent with webhook registrations (§15). */
  @IsOptional()
  @IsString()
  integrationId?: string;

  /** Default https://api.pax8.com (mandatory on Pax8's authorize URL). */
  @IsOptional()
  @IsString()
  audience?: string = 'https://api.pax8.com';

  /** Default https://login.pax8.com/authorize */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true })
  authorizeUrl?: string = 'https://login.pax8.com/authorize';

  /** Code exchange and refresh. Default https://login.pax8.com/oauth/token */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true })
  tokenUrl?: string = 'https://login.pax8.com/oauth/token';

  /** Revocation on disconnect. Default https://login.pax8.com/oauth/revoke (Auth0's path). */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true })
  revokeUrl?: string = 'https://login.pax8.com/oauth/revoke';

  /** Default 'Manage:Pax8Data offline_access' (offline_access brings the refresh token). */
  @IsOptional()
  @IsString()
  scope?: string = 'Manage:Pax8Data offline_access';

  /** How long a started "Connect with Pax8" may take before its state expires, in seconds. Default 600. */
  @IsOptional()
  @IsInt()
  @Min(60)
  @Max(3600)
  stateTtlSeconds?: number = 600;

  /** Where the callback sends the browser afterwards (with ?pax8Connect=connected|declined|failed&message=). Default: a small result page. */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true })
  returnUrl?: string;
}

/** Pax8 webhooks (§15): the receiver route and registration. */
export class Pax8WebhookOptions {
  /**
   * The value Pax8 sends back as the Authorization header of every delivery (set at registration);
   * at least 32 characters. Without it the receiver answers 404 and registration is refused.
   */
  @IsOptional()
  @IsString()
  @Matches(/^\S{32,512}$/, { message: 'webhooks.authorization must be 32 to 512 characters without spaces' })
  authorization?: string;

  /** The receiver route as Pax8 reaches it, e.g. https://psa.example.com/pax8/webhooks/pax8. Needed to register. */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true })
  publicUrl?: string;

  /** Pax8's webhooks API. Default https://api.pax8.com/api/v2 */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true })
  apiBaseUrl?: string = 'https://api.pax8.com/api/v2';

  /** Events are gathered this long before a refresh, so a burst becomes one refresh per company. Default 1000 ms. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(60_000)
  coalesceMs?: number = 1000;

  /** A steady stream of deliveries still gets its refresh this long after its first event. Default 10000 ms. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(600_000)
  maxCoalesceMs?: number = 10_000;

  /** Contact Pax8 e-mails after repeated delivery errors. */
  @IsOptional()
  @IsString()
  contactEmail?: string;
}

export type Pax8ConnectionMethod = 'client_credentials' | 'delegated';

export class Pax8ModuleOptions {
  @IsDefined({ message: 'encryption is required: { currentKeyId, keys: { [id]: base64 32-byte key } }' })
  @ValidateNested()
  @Type(() => Pax8EncryptionOptions)
  encryption: Pax8EncryptionOptions;

  @IsOptional()
  @ValidateNested()
  @Type(() => Pax8ApiOptions)
  api?: Pax8ApiOptions = new Pax8ApiOptions();

  @IsOptional()
  @ValidateNested()
  @Type(() => Pax8SyncOptions)
  sync?: Pax8SyncOptions = new Pax8SyncOptions();

  @IsOptional()
  @ValidateNested()
  @Type(() => Pax8AccessOptions)
  access?: Pax8AccessOptions = new Pax8AccessOptions();

  @IsOptional()
  @ValidateNested()
  @Type(() => Pax8AgentToolsOptions)
  agentTools?: Pax8AgentToolsOptions = new Pax8AgentToolsOptions();

  /** One Pax8 company per host client (default false), since two companies billed to one client is usually a mistake. */
  @IsOptional()
  @IsBoolean()
  allowMultipleCompaniesPerClient?: boolean = false;

  /**
   * Give the module its own connection instead of the host's TypeORM DataSource. Default: use the
   * host's (which must list `PAX8_ENTITIES` and run `PAX8_MIGRATIONS`).
   */
  @IsOptional()
  @IsObject()
  ownDataSource?: DataSourceOptions;

  /** With `ownDataSource`: run the plugin's migrations at start-up. Default true. */
  @IsOptional()
  @IsBoolean()
  runMigrations?: boolean = true;

  /** "Connect with Pax8" (delegated OAuth). */
  @IsOptional()
  @ValidateNested()
  @Type(() => Pax8DelegatedOptions)
  delegated?: Pax8DelegatedOptions;

  /** Which ways tenants may connect. Default: both when `delegated` is set, else client credentials only. */
  @IsOptional()
  @IsArray()
  @IsIn(['client_credentials', 'delegated'], { each: true })
  connectionMethods?: Pax8ConnectionMethod[];

  @IsOptional()
  @ValidateNested()
  @Type(() => Pax8WebhookOptions)
  webhooks?: Pax8WebhookOptions = new Pax8WebhookOptions();
}

/** What the host writes: every nested group and field but `encryption` may be left out. */
export type Pax8ModuleOptionsInput = {
  encryption: { currentKeyId: string; keys: Record<string, string> };
  api?: Partial<Pax8ApiOptions>;
  sync?: Partial<Pax8SyncOptions>;
  access?: Partial<Pax8AccessOptions>;
  agentTools?: Partial<Pax8AgentToolsOptions>;
  allowMultipleCompaniesPerClient?: boolean;
  ownDataSource?: DataSourceOptions;
  runMigrations?: boolean;
  delegated?: Partial<Pax8DelegatedOptions> & Pick<Pax8DelegatedOptions, 'clientId' | 'clientSecret' | 'redirectUrl'>;
  connectionMethods?: Pax8ConnectionMethod[];
  webhooks?: Partial<Pax8WebhookOptions>;
};

/** Options after defaults: every field present. */
export type ResolvedPax8Options = Required<Omit<Pax8ModuleOptions, 'ownDataSource' | 'delegated' | 'webhooks'>> & {
  ownDataSource?: DataSourceOptions;
  delegated?: Required<Omit<Pax8DelegatedOptions, 'integrationId' | 'returnUrl'>> & Pick<Pax8DelegatedOptions, 'integrationId' | 'returnUrl'>;
  webhooks: Required<Pick<Pax8WebhookOptions, 'apiBaseUrl' | 'coalesceMs' | 'maxCoalesceMs'>> & Pax8WebhookOptions;
  api: Required<Pax8ApiOptions>;
  sync: Required<Omit<Pax8SyncOptions, 'redisUrl'>> & { redisUrl?: string };
  access: Required<Pax8AccessOptions>;
  agentTools: Required<Pax8AgentToolsOptions>;
};
