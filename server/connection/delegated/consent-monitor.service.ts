import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { Pax8Clock } from '../../common/clock';
import { TenantRepository } from '../../common/tenancy/tenant-repository';
import { PAX8_DATA_SOURCE } from '../../pax8.constants';
import { DelegatedGrant } from './delegated-grant.entity';
import { daysLeft, warningTier } from './delegated-status';
import { DelegatedTokensService } from './delegated-tokens.service';

export const CONSENT_CHECK_MS = 3_600_000;

/**
 * Watches every delegated consent's 90 days: tells the host 14, 7 and 1 days ahead (once each, even
 * with several replicas: the tier is claimed with a conditional update), and ends consents whose
 * time is up so their syncs pause at once rather than at the next refresh.
 */
@Injectable()
export class ConsentMonitor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Pax8ConsentMonitor');
  // A plain hourly timer, like the sync scheduler's: nothing to clash with the host's own scheduler.
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(PAX8_DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly clock: Pax8Clock,
    private readonly tokens: DelegatedTokensService,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.check().catch((e) => this.logger.error(`Consent check failed: ${e.message}`)), CONSENT_CHECK_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One round; public for tests and host CLIs. */
  async check(): Promise<{ warned: number; ended: number }> {
    const now = this.clock.now();
    // Across tenants by design, like the sync scheduler: each row is then handled in its own tenant.
    const grants = await this.dataSource.getRepository(DelegatedGrant).find({ where: { state: 'active' } });
    let warned = 0;
    let ended = 0;
    for (const grant of grants) {
      const left = daysLeft(grant.consentEndsAt, now);
      if (left === 0) {
        await this.tokens.endConsent(grant.tenantId, 'The 90-day authorization ended.');
        ended++;
        continue;
      }
      const tier = warningTier(left);
      if (tier === null || (grant.warnedDaysAhead !== null && grant.warnedDaysAhead <= tier)) continue;
      const repo = new TenantRepository(this.dataSource, DelegatedGrant, grant.tenantId);
      const claimed = (await repo.update({ id: grant.id, warnedDaysAhead: grant.warnedDaysAhead === null ? IsNull() : grant.warnedDaysAhead }, { warnedDaysAhead: tier })) as { affected?: number };
      if (!claimed.affected) continue;
      await this.tokens.publish({ type: 'pax8.consent.expiring', tenantId: grant.tenantId, daysLeft: left, endsAt: new Date(grant.consentEndsAt).toISOString() });
      warned++;
    }
    return { warned, ended };
  }
}
