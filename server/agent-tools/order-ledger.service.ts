import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, In, IsNull, LessThan, Not } from 'typeorm';
import { TenantRepository } from '../common/tenancy/tenant-repository';
import { TenantPax8ClientService } from '../connection/tenant-pax8-client.service';
import { Order, Pax8ApiError, Pax8Client, Pax8UnavailableError, Pax8ValidationError, Subscription } from '../pax8-api';
import { PAX8_DATA_SOURCE } from '../pax8.constants';
import { LedgerStatus, OrderLedgerEntry } from './order-ledger-entry.entity';
import { matchingOrders } from './order-matching';
import type { WritePlan } from './write-plan';

/** Longer than any Pax8 call with its retries can take (timeouts are 30 s by default). */
const SENDING_STALE_MS = 10 * 60_000;

const orderOut = (o: Order) => ({
  orderId: o.id,
  createdDate: o.createdDate?.toISOString().slice(0, 10) ?? null,
  lineItems: o.lineItems.map((l) => ({ productId: l.productId, quantity: l.quantity, billingTerm: l.billingTerm, subscriptionId: l.subscriptionId ?? null })),
});
const subOut = (s: Subscription) => ({ subscriptionId: s.id, quantity: s.quantity ?? null, billingTerm: s.billingTerm ?? null, status: s.status ?? null });

/**
 * Every approved write gets a ledger row BEFORE it is sent; the unique (tenant, approval) index makes
 * a second send of the same approval impossible on every database. A call whose outcome is unknown
 * (the client's `outcomeUnknown`: timeout, reset, 5xx after sending) is never sent again: reconcile()
 * reads Pax8's orders and subscriptions and settles it as placed, not placed or needs a human.
 */
@Injectable()
export class OrderLedgerService {
  private readonly logger = new Logger('Pax8OrderLedger');

  constructor(
    @Inject(PAX8_DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly pax8: TenantPax8ClientService,
  ) {}

  private repo(tenantId: string) {
    return new TenantRepository(this.dataSource, OrderLedgerEntry, tenantId);
  }

  findForApproval(tenantId: string, approvalRequestId: string): Promise<OrderLedgerEntry | null> {
    return this.repo(tenantId).findOne({ approvalRequestId });
  }

  findForApprovals(tenantId: string, approvalRequestIds: string[]): Promise<OrderLedgerEntry[]> {
    return approvalRequestIds.length ? this.repo(tenantId).find({ approvalRequestId: In(approvalRequestIds) }) : Promise.resolve([]);
  }

  /** Writes the ledger row (throws on a second row for the same approval), then sends once. */
  async execute(tenantId: string, approvalRequestId: string, plan: WritePlan): Promise<OrderLedgerEntry> {
    const repo = this.repo(tenantId);
    const entry = await repo.save(
      repo.create({
        approvalRequestId,
        kind: plan.kind,
        status: 'sending',
        pax8CompanyId: plan.companyId,
        pax8SubscriptionId: plan.kind === 'quantity' ? plan.subscriptionId : null,
        request: plan.kind === 'order' ? { ...plan.body } : { quantity: plan.quantity, billingTerm: plan.billingTerm },
        sentAt: new Date(),
        pax8OrderId: null,
        outcome: null,
        reconciledAt: null,
      }),
    );
    let client: Pax8Client;
    try {
      client = await this.pax8.forTenant(tenantId);
    } catch (e) {
      return this.settle(entry, 'not-placed', { error: (e as Error).message });
    }
    try {
      if (plan.kind === 'order') {
        const order = await client.orders.create(plan.body);
        return this.settle(entry, 'placed', { order: orderOut(order) }, order.id);
      }
      let sub: Subscription | undefined;
      if (plan.billingTerm !== undefined) sub = await client.subscriptions.updateBillingTerm(plan.subscriptionId, plan.billingTerm);
      if (plan.quantity !== undefined) sub = await client.subscriptions.updateQuantity(plan.subscriptionId, plan.quantity);
      return this.settle(entry, 'placed', { subscription: subOut(sub!) });
    } catch (e) {
      if (e instanceof Pax8UnavailableError && (e.outcomeUnknown || plan.kind === 'quantity')) {
        const unknown = await this.settle(entry, 'unknown', { error: e.message, code: e.code ?? null, status: e.status ?? null });
        return this.reconcile(tenantId, unknown);
      }
      if (e instanceof Pax8ValidationError) return this.settle(entry, 'not-placed', { rejection: { status: e.status, message: e.message, details: e.details } });
      // Any other Pax8 error is one the client proves was not processed (e.g. 401/403/404/429 answers, a connection never opened).
      if (e instanceof Pax8ApiError) return this.settle(entry, 'not-placed', { error: e.message, status: e.status ?? null });
      const unknown = await this.settle(entry, 'unknown', { error: (e as Error).message });
      return this.reconcile(tenantId, unknown);
    }
  }

  /** Settles an `unknown` row from what Pax8 shows now. A failed read keeps it `unknown` for the next scheduler tick. */
  async reconcile(tenantId: string, entry: OrderLedgerEntry): Promise<OrderLedgerEntry> {
    if (entry.status !== 'unknown') return entry;
    try {
      const client = await this.pax8.forTenant(tenantId);
      return entry.kind === 'order' ? await this.reconcileOrder(tenantId, client, entry) : await this.reconcileQuantity(client, entry);
    } catch (e) {
      this.logger.warn(`Reconciling ledger entry ${entry.id} failed, will retry: ${(e as Error).message}`);
      return entry;
    }
  }

  private async reconcileOrder(tenantId: string, client: Pax8Client, entry: OrderLedgerEntry): Promise<OrderLedgerEntry> {
    const orders: Order[] = [];
    for await (const o of client.orders.all({ companyId: entry.pax8CompanyId })) orders.push(o);
    const claimed = new Set(
      (await this.repo(tenantId).find({ pax8OrderId: Not(IsNull()) }, { select: { pax8OrderId: true } })).map((r) => r.pax8OrderId!),
    );
    const sent = entry.request as { companyId: string; lineItems: Array<{ productId: string; quantity: number; billingTerm: string }> };
    const found = matchingOrders(sent, orders, entry.sentAt, claimed);
    if (found.length === 1) {
      const order = found[0];
      const subscriptions: Array<ReturnType<typeof subOut>> = [];
      for (const l of order.lineItems) if (l.subscriptionId) subscriptions.push(subOut(await client.subscriptions.get(l.subscriptionId)));
      return this.settle(entry, 'placed', { reconciled: true, found: 'one matching order', order: orderOut(order), subscriptions }, order.id);
    }
    if (found.length === 0) return this.settle(entry, 'not-placed', { reconciled: true, found: `no order of this company since ${entry.sentAt.toISOString().slice(0, 10)} has these line items`, ordersRead: orders.length });
    return this.settle(entry, 'needs-human', { reconciled: true, found: `${found.length} orders match; a person must tell which one (if any) is this request`, candidates: found.map(orderOut) });
  }

  private async reconcileQuantity(client: Pax8Client, entry: OrderLedgerEntry): Promise<OrderLedgerEntry> {
    const sub = await client.subscriptions.get(entry.pax8SubscriptionId!);
    const want = entry.request as { quantity?: number; billingTerm?: string };
    const applied = (want.quantity === undefined || sub.quantity === want.quantity) && (want.billingTerm === undefined || sub.billingTerm === want.billingTerm);
    if (applied) return this.settle(entry, 'placed', { reconciled: true, found: 'the subscription shows the new values', subscription: subOut(sub) });
    return this.settle(entry, 'needs-human', { reconciled: true, found: 'the subscription still shows other values; send the change again only after checking Pax8', subscription: subOut(sub) });
  }

  private async settle(entry: OrderLedgerEntry, status: LedgerStatus, outcome: Record<string, unknown>, pax8OrderId?: string): Promise<OrderLedgerEntry> {
    const reconciledAt = outcome.reconciled ? new Date() : null;
    // simple-json columns take plain objects; TypeORM's deep-partial type cannot express that.
    await this.repo(entry.tenantId).update({ id: entry.id }, { status, outcome, pax8OrderId: pax8OrderId ?? entry.pax8OrderId, reconciledAt } as never);
    return Object.assign(entry, { status, outcome, pax8OrderId: pax8OrderId ?? entry.pax8OrderId, reconciledAt });
  }

  /**
   * Rows to reconcile, across tenants, for the scheduler: `unknown` ones, and `sending` ones older than
   * SENDING_STALE_MS (the process died between writing the row and recording the answer).
   */
  async entriesToReconcile(now = new Date()): Promise<OrderLedgerEntry[]> {
    const repo = this.dataSource.getRepository(OrderLedgerEntry);
    const stale = await repo.find({ where: { status: 'sending', sentAt: LessThan(new Date(now.getTime() - SENDING_STALE_MS)) }, take: 100 });
    for (const e of stale) {
      const r = (await this.repo(e.tenantId).update({ id: e.id, status: 'sending' }, { status: 'unknown' })) as { affected?: number };
      if (r.affected === 1) e.status = 'unknown';
    }
    return repo.find({ where: { status: 'unknown' }, take: 100 });
  }
}
