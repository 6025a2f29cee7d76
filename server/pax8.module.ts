import { Logger, Module, Provider } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { AuditController } from './audit/audit.controller';
import { AuditService } from './audit/audit.service';
import { CredentialCipher } from './common/crypto/credential-cipher';
import { Pax8RequestGuard } from './common/http/pax8-request.guard';
import { ConnectionController } from './connection/connection.controller';
import { ConnectionService } from './connection/connection.service';
import { CredentialsService } from './connection/credentials.service';
import { TenantPax8ClientService } from './connection/tenant-pax8-client.service';
import { dataSourceProvider, OwnDataSourceCloser } from './database/data-source.provider';
import { Pax8ClientFactory } from './pax8-api';
import { MappingController } from './mapping/mapping.controller';
import { MappingService } from './mapping/mapping.service';
import { PAX8_AUTO_MAP_HOOK } from './sync/auto-map.hook';
import { SyncLeaseService } from './sync/sync-lease.service';
import { SyncQueueService } from './sync/sync-queue.service';
import { SyncRunsService } from './sync/sync-runs.service';
import { SyncScheduler } from './sync/sync-scheduler.service';
import { SyncController } from './sync/sync.controller';
import { SyncService } from './sync/sync.service';
import { PAX8_CLIENT_FACTORY, PAX8_DATA_SOURCE, PAX8_OPTIONS } from './pax8.constants';
import { Pax8ConfigurableModule, PAX8_RAW_OPTIONS } from './pax8.module-definition';
import type { Pax8ModuleOptionsInput, ResolvedPax8Options } from './pax8-options';
import { resolvePax8Options } from './pax8-options.validation';

const coreProviders: Provider[] = [
  { provide: PAX8_OPTIONS, useFactory: (raw: Pax8ModuleOptionsInput) => resolvePax8Options(raw), inject: [PAX8_RAW_OPTIONS] },
  dataSourceProvider,
  OwnDataSourceCloser,
  {
    provide: CredentialCipher,
    useFactory: (o: ResolvedPax8Options) => new CredentialCipher(o.encryption.currentKeyId, o.encryption.keys),
    inject: [PAX8_OPTIONS],
  },
  {
    provide: PAX8_CLIENT_FACTORY,
    useFactory: (o: ResolvedPax8Options) => {
      const logger = new Logger('Pax8Api');
      return new Pax8ClientFactory({
        apiBaseUrl: o.api.apiBaseUrl,
        tokenUrl: o.api.tokenUrl,
        audience: o.api.audience,
        pageSize: o.api.pageSize,
        requestsPerMinute: o.api.requestsPerMinute,
        timeoutMs: o.api.timeoutMs,
        logger: { warn: (m: string) => logger.warn(m), debug: (m: string) => logger.debug(m) },
      });
    },
    inject: [PAX8_OPTIONS],
  },
  Pax8RequestGuard,
  AuditService,
];

const connectionProviders: Provider[] = [CredentialsService, TenantPax8ClientService, ConnectionService];
const syncProviders: Provider[] = [SyncLeaseService, SyncRunsService, SyncService, SyncQueueService, SyncScheduler];
const mappingProviders: Provider[] = [MappingService, { provide: PAX8_AUTO_MAP_HOOK, useExisting: MappingService }];

/**
 * The Pax8 plugin. Mount with `Pax8Module.forRoot(options)` or `Pax8Module.forRootAsync({...})`, and
 * provide the host ports (see `server/host/`) from a module passed in `imports`.
 */
@Module({
  imports: [ScheduleModule.forRoot()],
  controllers: [ConnectionController, SyncController, MappingController, AuditController],
  providers: [...coreProviders, ...connectionProviders, ...syncProviders, ...mappingProviders],
  exports: [PAX8_OPTIONS, PAX8_DATA_SOURCE, PAX8_CLIENT_FACTORY, CredentialsService, ConnectionService, TenantPax8ClientService, AuditService, SyncService, SyncScheduler, MappingService],
})
export class Pax8Module extends Pax8ConfigurableModule {}
