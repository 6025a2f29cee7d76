import { Logger, Module, Provider } from '@nestjs/common';
import { AgentToolsController } from './agent-tools/agent-tools.controller';
import { AgentToolsScheduler } from './agent-tools/agent-tools.scheduler';
import { AgentToolsService } from './agent-tools/agent-tools.service';
import { ApprovalsService } from './agent-tools/approvals.service';
import { CatalogToolsService } from './agent-tools/catalog-tools.service';
import { CompanyResolver } from './agent-tools/company-resolver';
import { McpController } from './agent-tools/mcp.controller';
import { OrderLedgerService } from './agent-tools/order-ledger.service';
import { PoliciesService } from './agent-tools/policies.service';
import { ReadToolsService } from './agent-tools/read-tools.service';
import { ScheduledChangesService } from './agent-tools/scheduled-changes.service';
import { WriteToolsService } from './agent-tools/write-tools.service';
import { AuditController } from './audit/audit.controller';
import { AgentToolsCleanup } from './agent-tools/agent-tools.cleanup';
import { AuditService } from './audit/audit.service';
import { BillingCleanup } from './billing/billing.cleanup';
import { BillingRows } from './billing/billing-rows';
import { BillingController } from './billing/billing.controller';
import { BillingService } from './billing/billing.service';
import { InvoiceLinksService } from './billing/invoice-links.service';
import { LineItemsService } from './billing/line-items.service';
import { Pax8PricingService } from './billing/pax8-pricing.service';
import { PricingRulesController } from './billing/pricing-rules.controller';
import { PricingRulesService } from './billing/pricing-rules.service';
import { TenantLifecycle } from './common/lifecycle/tenant-lifecycle';
import { CredentialCipher } from './common/crypto/credential-cipher';
import { Pax8RequestGuard } from './common/http/pax8-request.guard';
import { ConnectionController } from './connection/connection.controller';
import { ConnectionService } from './connection/connection.service';
import { CredentialsService } from './connection/credentials.service';
import { TenantPax8ClientService } from './connection/tenant-pax8-client.service';
import { Pax8Clock } from './common/clock';
import { ConsentMonitor } from './connection/delegated/consent-monitor.service';
import { DelegatedConnectService } from './connection/delegated/delegated-connect.service';
import { DelegatedRevoker } from './connection/delegated/delegated-revoker';
import { DelegatedTokensService } from './connection/delegated/delegated-tokens.service';
import { DelegatedController } from './connection/delegated/delegated.controller';
import { WebhookInboxService } from './webhooks/webhook-inbox.service';
import { WebhookReceiverController } from './webhooks/webhook-receiver.controller';
import { WebhookRefresher } from './webhooks/webhook-refresher.service';
import { WebhooksController } from './webhooks/webhooks.controller';
import { WebhooksCleanup } from './webhooks/webhooks.cleanup';
import { WebhooksService } from './webhooks/webhooks.service';
import { dataSourceProvider, OwnDataSourceCloser } from './database/data-source.provider';
import { Pax8ClientFactory, Pax8DelegatedAuth } from './pax8-api';
import { MappingCleanup } from './mapping/mapping.cleanup';
import { MappingController } from './mapping/mapping.controller';
import { OpenApiController } from './openapi/openapi.controller';
import { MappingService } from './mapping/mapping.service';
import { ClientIndexCache } from './mapping/client-index-cache';
import { PAX8_AUTO_MAP_HOOK } from './sync/auto-map.hook';
import { SessionController } from './session/session.controller';
import { SyncLeaseService } from './sync/sync-lease.service';
import { SyncQueueService } from './sync/sync-queue.service';
import { SyncRunsService } from './sync/sync-runs.service';
import { SyncScheduler } from './sync/sync-scheduler.service';
import { SyncCleanup } from './sync/sync.cleanup';
import { SyncController } from './sync/sync.controller';
import { SyncService } from './sync/sync.service';
import { SyncedDataService } from './sync/synced-data.service';
import { invoicingControllers, invoicingExports, invoicingProviders } from './invoicing/invoicing.providers';
import { PAX8_CLIENT_FACTORY, PAX8_DATA_SOURCE, PAX8_DELEGATED_AUTH, PAX8_OPTIONS } from './pax8.constants';
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
        webhooksApiBaseUrl: o.webhooks.apiBaseUrl,
        tokenUrl: o.api.tokenUrl,
        audience: o.api.audience,
        pageSize: o.api.pageSize,
        requestsPerMinute: o.api.requestsPerMinute,
        timeoutMs: o.api.timeoutMs,
        // Several processes can call Pax8 once Redis is configured (queue mode, replicas): share the budget.
        rateLimitRedisUrl: o.sync.redisUrl,
        logger: { warn: (m: string) => logger.warn(m), debug: (m: string) => logger.debug(m) },
      });
    },
    inject: [PAX8_OPTIONS],
  },
  Pax8RequestGuard,
  AuditService,
  TenantLifecycle,
  Pax8Clock,
  {
    provide: PAX8_DELEGATED_AUTH,
    useFactory: (o: ResolvedPax8Options) => (o.delegated ? new Pax8DelegatedAuth({ ...o.delegated, timeoutMs: o.api.timeoutMs }) : null),
    inject: [PAX8_OPTIONS],
  },
];

const connectionProviders: Provider[] = [CredentialsService, TenantPax8ClientService, ConnectionService, DelegatedTokensService, DelegatedConnectService, DelegatedRevoker, ConsentMonitor];
const syncProviders: Provider[] = [SyncLeaseService, SyncRunsService, SyncService, SyncQueueService, SyncScheduler, SyncedDataService, SyncCleanup];
const webhookProviders: Provider[] = [WebhookInboxService, WebhookRefresher, WebhooksService, WebhooksCleanup];
const mappingProviders: Provider[] = [MappingService, ClientIndexCache, { provide: PAX8_AUTO_MAP_HOOK, useExisting: MappingService }, MappingCleanup];
const billingProviders: Provider[] = [BillingRows, BillingService, PricingRulesService, InvoiceLinksService, LineItemsService, Pax8PricingService, BillingCleanup];
const agentToolsProviders: Provider[] = [
  AgentToolsCleanup,
  CompanyResolver,
  PoliciesService,
  CatalogToolsService,
  ReadToolsService,
  WriteToolsService,
  OrderLedgerService,
  ApprovalsService,
  ScheduledChangesService,
  AgentToolsService,
  AgentToolsScheduler,
];

/**
 * The Pax8 plugin. Mount with `Pax8Module.forRoot(options)` or `Pax8Module.forRootAsync({...})`, and
 * provide the host ports (see `server/host/`) from a module passed in `imports`.
 */
@Module({
  controllers: [
    ConnectionController,
    DelegatedController,
    SyncController,
    MappingController,
    BillingController,
    PricingRulesController,
    AuditController,
    SessionController,
    WebhookReceiverController,
    WebhooksController,
    AgentToolsController,
    McpController,
    OpenApiController,
    ...invoicingControllers,
  ],
  providers: [...coreProviders, ...connectionProviders, ...syncProviders, ...webhookProviders, ...mappingProviders, ...billingProviders, ...agentToolsProviders, ...invoicingProviders],
  exports: [
    PAX8_OPTIONS,
    PAX8_DATA_SOURCE,
    PAX8_CLIENT_FACTORY,
    CredentialsService,
    ConnectionService,
    TenantPax8ClientService,
    AuditService,
    SyncService,
    SyncScheduler,
    MappingService,
    TenantLifecycle,
    BillingService,
    PricingRulesService,
    InvoiceLinksService,
    LineItemsService,
    DelegatedConnectService,
    DelegatedTokensService,
    ConsentMonitor,
    Pax8Clock,
    WebhooksService,
    WebhookRefresher,
    AgentToolsService,
    AgentToolsScheduler,
    ...invoicingExports,
  ],
})
export class Pax8Module extends Pax8ConfigurableModule {}
