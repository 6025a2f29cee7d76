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
}

/** What the host writes: every nested group and field but `encryption` may be left out. */
export type Pax8ModuleOptionsInput = {
  encryption: { currentKeyId: string; keys: Record<string, string> };
  api?: Partial<Pax8ApiOptions>;
  sync?: Partial<Pax8SyncOptions>;
  access?: Partial<Pax8AccessOptions>;
  allowMultipleCompaniesPerClient?: boolean;
  ownDataSource?: DataSourceOptions;
  runMigrations?: boolean;
};

/** Options after defaults: every field present. */
export type ResolvedPax8Options = Required<Omit<Pax8ModuleOptions, 'ownDataSource'>> & {
  ownDataSource?: DataSourceOptions;
  api: Required<Pax8ApiOptions>;
  sync: Required<Omit<Pax8SyncOptions, 'redisUrl'>> & { redisUrl?: string };
  access: Required<Pax8AccessOptions>;
};
