import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditActor, AuditService } from '../audit/audit.service';
import { TenantRepository } from '../common/tenancy/tenant-repository';
import { Pax8Integration } from '../connection/pax8-integration.entity';
import { TenantPax8ClientService } from '../connection/tenant-pax8-client.service';
import { Pax8ApiError } from '../pax8-api';
import { PAX8_DATA_SOURCE, PAX8_OPTIONS } from '../pax8.constants';
import type { ResolvedPax8Options } from '../pax8-options';
import { SyncRunsService } from '../sync/sync-runs.service';
import { REFRESHING_TOPICS } from './webhook-delivery';
import { WebhookEvent } from './webhook-event.entity';
import { WebhookRegistration } from './webhook-registration.entity';

const DISPLAY_NAME = 'Pax8 plugin (MSP host)';

const badRequest = (field: string, reason: string) => new BadRequestException({ statusCode: 400, error: 'Bad Request', message: reason, errors: [{ field, reason }] });

/**
 * Registers the plugin's webhook with Pax8 and reports on it. Host-callable (`register`) as well as
 * behind the routes, for hosts that set webhooks up from their own admin screens or scripts.
 */
@Injectable()
export class WebhooksService {
  constructor(
    @Inject(PAX8_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(PAX8_OPTIONS) private readonly options: ResolvedPax8Options,
    private readonly pax8: TenantPax8ClientService,
    private readonly runs: SyncRunsService,
    private readonly audit: AuditService,
  ) {}

  private registrations(tenantId: string) {
    return new TenantRepository(this.dataSource, WebhookRegistration, tenantId);
  }

  /**
   * Registers (or adopts an existing webhook at the same URL) for the topics, read from Pax8's topic
   * definitions. Delegated tenants share the platform's one webhook (it receives every consenting
   * partner's events, §15), so a second delegated tenant adopts it instead of adding another.
   */
  async register(tenantId: string, actor: AuditActor, topics?: string[]) {
    const { authorization, publicUrl, contactEmail } = this.options.webhooks;
    if (!authorization || !publicUrl) throw badRequest('webhooks', 'Set webhooks.authorization and webhooks.publicUrl in the module options to register with Pax8.');
    const integration = await new TenantRepository(this.dataSource, Pax8Integration, tenantId).findOne({});
    const delegated = integration?.connectionMethod === 'delegated';
    const integrationId = delegated ? this.options.delegated?.integrationId : undefined;
    if (delegated && !integrationId) throw badRequest('delegated.integrationId', 'Pax8 requires the integrationId for webhooks of delegated connections: set delegated.integrationId.');
    const client = await this.pax8.forTenant(tenantId);
    const available = (await client.webhooks.topicDefinitions()).map((d) => d.topic);
    const wanted = topics ?? REFRESHING_TOPICS.filter((t) => available.includes(t));
    const unknown = wanted.filter((t) => !available.includes(t));
    if (unknown.length) throw badRequest('topics', `Pax8 offers no topic ${unknown.join(', ')}; available: ${available.join(', ')}`);
    if (!wanted.length) throw badRequest('topics', `Pax8 offers none of ${REFRESHING_TOPICS.join(', ')}; pass the topics to subscribe`);

    const existing = (await client.webhooks.list()).find((w) => w.url === publicUrl);
    const webhook =
      existing ??
      (await client.webhooks.create({
        displayName: DISPLAY_NAME,
        url: publicUrl,
        authorization,
        active: true,
        errorThreshold: 3,
        ...(contactEmail ? { contactEmail } : {}),
        ...(integrationId ? { integrationId } : {}),
        webhookTopics: wanted.map((topic) => ({ topic, filters: [] })),
      }));
    const repo = this.registrations(tenantId);
    const row = (await repo.findOne({})) ?? repo.create({ lastDeliveryAt: null });
    Object.assign(row, { pax8WebhookId: webhook.id, topics: webhook.webhookTopics.map((t) => t.topic), active: webhook.active !== false, registeredAt: new Date() });
    await repo.save(row);
    await this.audit.record(tenantId, actor, existing ? 'webhooks.adopted' : 'webhooks.registered', { type: 'webhook', id: webhook.id }, { topics: row.topics });
    return this.state(tenantId);
  }

  /** Removes the registration; deletes the webhook at Pax8 unless other tenants share it. */
  async unregister(tenantId: string, actor: AuditActor): Promise<{ unregistered: true; deletedAtPax8: boolean }> {
    const row = await this.registrations(tenantId).findOne({});
    if (!row) throw new NotFoundException({ statusCode: 404, error: 'Not Found', message: 'No Pax8 webhook is registered for this account.' });
    // Cross-tenant count only (no rows read): a shared integration webhook stays while others use it.
    const sharers = await this.dataSource.getRepository(WebhookRegistration).count({ where: { pax8WebhookId: row.pax8WebhookId } });
    let deletedAtPax8 = false;
    if (sharers <= 1) {
      await (await this.pax8.forTenant(tenantId)).webhooks.delete(row.pax8WebhookId);
      deletedAtPax8 = true;
    }
    await this.registrations(tenantId).delete({ id: row.id });
    await this.audit.record(tenantId, actor, 'webhooks.unregistered', { type: 'webhook', id: row.pax8WebhookId }, { deletedAtPax8 });
    return { unregistered: true, deletedAtPax8 };
  }

  /** Registration, Pax8's view of it with recent failed deliveries, the inbox, and what the last full sync found that webhooks missed. */
  async state(tenantId: string) {
    const row = await this.registrations(tenantId).findOne({});
    const events = new TenantRepository(this.dataSource, WebhookEvent, tenantId);
    const [pending, done, ignored] = await Promise.all([events.count({ status: 'pending' }), events.count({ status: 'done' }), events.count({ status: 'ignored' })]);
    let pax8: null | { active: boolean | null; topics: string[]; recentFailures: unknown[] } | { error: string } = null;
    if (row) {
      try {
        const client = await this.pax8.forTenant(tenantId);
        const [hook, failures] = await Promise.all([client.webhooks.get(row.pax8WebhookId), client.webhooks.logs(row.pax8WebhookId, { status: 'FAILED' })]);
        pax8 = { active: hook.active ?? null, topics: hook.webhookTopics.map((t) => t.topic), recentFailures: failures.slice(0, 20) };
      } catch (err) {
        if (!(err instanceof Pax8ApiError)) throw err;
        pax8 = { error: err.message };
      }
    }
    const full = await this.runs.lastFinishedFull(tenantId);
    const changed = (c?: { created: number; updated: number; removed: number }) => (c ? c.created + c.updated + c.removed : 0);
    return {
      receiverConfigured: !!this.options.webhooks.authorization,
      canRegister: !!(this.options.webhooks.authorization && this.options.webhooks.publicUrl),
      registration: row ? { pax8WebhookId: row.pax8WebhookId, topics: row.topics, active: row.active, registeredAt: row.registeredAt, lastDeliveryAt: row.lastDeliveryAt } : null,
      pax8,
      inbox: { pending, done, ignored },
      // The safety net: rows the last full sync had to change although webhooks were on.
      lastFullSync:
        full && row && new Date(full.startedAt) > new Date(row.registeredAt)
          ? { runId: full.id, finishedAt: full.finishedAt, missedByWebhooks: changed(full.counts?.companies) + changed(full.counts?.subscriptions) }
          : full
            ? { runId: full.id, finishedAt: full.finishedAt, missedByWebhooks: null }
            : null,
    };
  }

  /** Asks Pax8 to deliver a failed delivery again (its log id from `state().pax8.recentFailures`). */
  async replay(tenantId: string, logId: string): Promise<{ replayed: true }> {
    const row = await this.registrations(tenantId).findOne({});
    if (!row) throw new NotFoundException({ statusCode: 404, error: 'Not Found', message: 'No Pax8 webhook is registered for this account.' });
    await (await this.pax8.forTenant(tenantId)).webhooks.retry(row.pax8WebhookId, logId);
    return { replayed: true };
  }
}
