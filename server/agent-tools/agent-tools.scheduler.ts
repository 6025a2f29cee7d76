import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PAX8_OPTIONS } from '../pax8.constants';
import type { ResolvedPax8Options } from '../pax8-options';
import { AgentToolsService } from './agent-tools.service';
import { ApprovalsService } from './approvals.service';
import { OrderLedgerService } from './order-ledger.service';
import { ScheduledChangesService } from './scheduled-changes.service';

export const AGENT_TOOLS_TICK_MS = 60_000;

/**
 * Every minute: expire old approval requests, remind and submit scheduled NCE changes, and retry
 * reconciling ledger rows whose outcome is still unknown. Every step is a conditional update, so
 * several processes ticking at once do each thing once.
 */
@Injectable()
export class AgentToolsScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Pax8AgentTools');
  private ticking = false;
  // A plain timer, like the sync scheduler's: nothing to clash with the host's own scheduler.
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(PAX8_OPTIONS) private readonly options: ResolvedPax8Options,
    private readonly approvals: ApprovalsService,
    private readonly scheduled: ScheduledChangesService,
    private readonly ledger: OrderLedgerService,
    private readonly tools: AgentToolsService,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.options.agentTools.schedulerEnabled) return;
    this.timer = setInterval(() => void this.tick().catch((e) => this.logger.error(`Agent tools tick failed: ${e.message}`)), AGENT_TOOLS_TICK_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One round; public for tests and host CLIs. */
  async tick(now = new Date()): Promise<{ expired: number; reminded: number; submitted: number; reconciled: number }> {
    if (this.ticking) return { expired: 0, reminded: 0, submitted: 0, reconciled: 0 };
    this.ticking = true;
    try {
      let expired = 0;
      for (const tenantId of await this.approvals.tenantsWithExpired(now)) expired += await this.approvals.expire(tenantId, now);
      const reminded = await this.scheduled.remind(now);
      const due = await this.scheduled.claimDue(now);
      for (const change of due) await this.tools.submitScheduled(change, now);
      let reconciled = 0;
      for (const entry of await this.ledger.entriesToReconcile(now)) {
        const settled = await this.ledger.reconcile(entry.tenantId, entry);
        const request = settled.status !== 'unknown' ? await this.approvals.forLedger(settled) : null;
        if (request) {
          await this.approvals.finishFromLedger(entry.tenantId, request, settled);
          reconciled++;
        }
      }
      return { expired, reminded, submitted: due.length, reconciled };
    } finally {
      this.ticking = false;
    }
  }
}
