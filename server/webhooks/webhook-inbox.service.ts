import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { TenantRepository } from '../common/tenancy/tenant-repository';
import { DelegatedGrant } from '../connection/delegated/delegated-grant.entity';
import { Pax8Integration } from '../connection/pax8-integration.entity';
import { LicensePort, PAX8_LICENSE } from '../host/license.port';
import { PAX8_DATA_SOURCE } from '../pax8.constants';
import { Pax8Delivery, REFRESHING_TOPICS } from './webhook-delivery';
import { WebhookEvent } from './webhook-event.entity';
import { WebhookRegistration } from './webhook-registration.entity';

export interface AcceptResult {
  /** Tenants the delivery was filed for (0 when the account is unknown: accepted and ignored). */
  tenants: number;
  duplicates: number;
  /** Tenants that must refresh (the caller schedules them). */
  toRefresh: string[];
}

/**
 * Files a delivery into each connected tenant's inbox, fast, before the receiver answers Pax8: a few
 * indexed reads and one insert per tenant.
 */
@Injectable()
export class WebhookInboxService {
  constructor(
    @Inject(PAX8_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(PAX8_LICENSE) private readonly license: LicensePort,
  ) {}

  async accept(delivery: Pax8Delivery, receivedAt: Date): Promise<AcceptResult> {
    const tenants = await this.tenantsFor(delivery);
    const refreshing = (REFRESHING_TOPICS as readonly string[]).includes(delivery.topic);
    const result: AcceptResult = { tenants: tenants.length, duplicates: 0, toRefresh: [] };
    for (const tenantId of tenants) {
      const licensed = await this.license.isEnabled(tenantId, 'pax8Integration');
      const events = new TenantRepository(this.dataSource, WebhookEvent, tenantId);
      const status = refreshing && licensed ? 'pending' : 'ignored';
      try {
        await events.save(
          events.create({
            dedupeKey: delivery.dedupeKey,
            topic: delivery.topic,
            eventType: delivery.eventType,
            pax8CompanyId: delivery.companyId,
            pax8SubscriptionId: delivery.subscriptionId,
            status,
            receivedAt,
            processedAt: status === 'ignored' ? receivedAt : null,
            note: status === 'ignored' ? (licensed ? `Topic ${delivery.topic} changes nothing the plugin stores` : 'The tenant\'s plan does not include the Pax8 integration') : null,
          }),
        );
      } catch {
        // The unique (tenant, dedupe key) index: a repeat of an event already filed (one write, no read first).
        result.duplicates++;
        continue;
      }
      if (status === 'pending') result.toRefresh.push(tenantId);
    }
    return result;
  }

  /**
   * The tenants a delivery is for: the tenant whose delegated consent names the partner account, and
   * tenants on client credentials whose own registration is the delivering webhook. A cross-tenant
   * lookup by design (Pax8 calls without a tenant); every later read is tenant-scoped.
   */
  private async tenantsFor(d: Pax8Delivery): Promise<string[]> {
    const ids = new Set<string>();
    if (d.accountId) {
      const grants = await this.dataSource.getRepository(DelegatedGrant).find({ where: { pax8AccountId: d.accountId, state: 'active' }, select: { tenantId: true } });
      grants.forEach((g) => ids.add(g.tenantId));
    }
    if (d.webhookId) {
      const regs = await this.dataSource.getRepository(WebhookRegistration).find({ where: { pax8WebhookId: d.webhookId, active: true }, select: { tenantId: true } });
      if (regs.length) {
        const own = await this.dataSource.getRepository(Pax8Integration).find({ where: { tenantId: In(regs.map((r) => r.tenantId)), connectionMethod: 'client_credentials' }, select: { tenantId: true } });
        own.forEach((r) => ids.add(r.tenantId));
      }
    }
    return [...ids];
  }
}
