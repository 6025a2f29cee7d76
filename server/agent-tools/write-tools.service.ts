import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BillingRows, priceRow } from '../billing/billing-rows';
import { TenantRepository } from '../common/tenancy/tenant-repository';
import { TenantPax8ClientService } from '../connection/tenant-pax8-client.service';
import { CreateOrderRequest, Pax8Client, Pax8NotFoundError, Pax8ValidationError, Pricing, Subscription } from '../pax8-api';
import { PAX8_DATA_SOURCE } from '../pax8.constants';
import { Pax8Subscription } from '../sync/entities/pax8-subscription.entity';
import { isEndedSubscriptionStatus } from '../sync/records/subscription-status';
import { CompanyResolver } from './company-resolver';
import { difference, monthlyAmount, monthsOfBillingTerm, periodCost, pricingFor, toCents } from './money';
import { commitmentRefusal } from './nce-rules';
import { commitmentStateOf } from './tool-shapes';
import type { FieldProblem } from './tool-input';
import type { WritePlan } from './write-plan';
import Decimal from 'decimal.js';

type Input = Record<string, any>;

/** A write checked and priced, ready for an approval request. */
export interface PreparedWrite {
  status: 'ready';
  plan: WritePlan;
  summary: Record<string, unknown>;
  dryRun: Record<string, unknown>;
  /** Seats added (for the auto-approval threshold) and the Pax8 cost change per month (cents, null when unknown). */
  seatsAdded: number;
  monthlyCostChange: string | null;
}
export type WriteCheck =
  | PreparedWrite
  | { status: 'invalid'; message: string; problems: FieldProblem[]; dryRun?: Record<string, unknown>; plan?: WritePlan; summary?: Record<string, unknown> }
  | { status: 'refused'; message: string; commitmentEndDate: string; offer: Record<string, unknown> | null; schedule?: { plan: Extract<WritePlan, { kind: 'quantity' }>; effectiveAt: Date } }
  | { status: 'ambiguous' | 'not-found'; message: string; candidates?: unknown[]; question: string };

/** Ended (Cancelled, Expired) or ending: Pax8 refuses changes. */
const unchangeable = (status: string | undefined) => isEndedSubscriptionStatus(status) || status === 'PendingCancel';

/**
 * Checks, prices and dry-runs the two write tools before anyone is asked to approve them:
 * an Active company, prerequisite products, commitment term ids, provisioning keys and values,
 * NCE commitment rules; then `isMock=true` at Pax8 for orders (Pax8 has no dry run for a PUT).
 */
@Injectable()
export class WriteToolsService {
  constructor(
    @Inject(PAX8_DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly pax8: TenantPax8ClientService,
    private readonly companies: CompanyResolver,
    private readonly billingRows: BillingRows,
  ) {}

  async prepareOrder(tenantId: string, input: Input): Promise<WriteCheck> {
    const resolved = await this.companies.resolve(tenantId, input.company);
    if (resolved.status === 'ambiguous') return { ...resolved, message: resolved.question };
    if (resolved.status === 'not-found') return { ...resolved, message: resolved.question };
    const client = await this.pax8.forTenant(tenantId);
    const company = await client.companies.get(resolved.company.companyId).catch((e) => (e instanceof Pax8NotFoundError ? null : Promise.reject(e)));
    if (!company) return { status: 'not-found', message: `Pax8 no longer has the company ${resolved.company.name}.`, question: 'Sync again, or pick another company with pax8-list-companies.' };
    const problems: FieldProblem[] = [];
    if (company.status !== 'Active') problems.push({ field: 'company', reason: `${company.name} is ${company.status ?? 'not Active'} in Pax8; orders need an Active company (primary Admin, Billing and Technical contacts)` });

    const existing: Subscription[] = [];
    for await (const s of client.subscriptions.all({ companyId: company.id })) if (!unchangeable(s.status)) existing.push(s);
    const lines = input.lineItems as Input[];
    const ordered = new Set(lines.map((l) => l.productId));
    const pricingByLine: Array<Pricing | undefined> = [];
    const names: string[] = [];
    for (const [i, line] of lines.entries()) {
      const at = (f: string) => `lineItems[${i}].${f}`;
      let product;
      try {
        product = await client.products.get(line.productId);
      } catch (e) {
        if (!(e instanceof Pax8NotFoundError)) throw e;
        problems.push({ field: at('productId'), reason: `no Pax8 product ${line.productId}` });
        pricingByLine.push(undefined);
        names.push(line.productId);
        continue;
      }
      names.push(product.name ?? product.id);
      const [deps, details, pricing] = await Promise.all([
        client.products.dependencies(product.id),
        client.products.provisionDetails(product.id),
        client.products.pricing(product.id, { companyId: company.id }),
      ]);
      const dep = line.commitmentTermId ? deps.commitmentDependencies.find((d) => d.id === line.commitmentTermId) : undefined;
      if (product.requiresCommitment && !line.commitmentTermId)
        problems.push({ field: at('commitmentTermId'), reason: `${product.name} requires a commitment: one of ${deps.commitmentDependencies.map((d) => `${d.id} (${d.term})`).join(', ')}` });
      if (line.commitmentTermId && !dep) problems.push({ field: at('commitmentTermId'), reason: `is not a commitment option of ${product.name} (see pax8-get-product-dependencies)` });
      for (const group of deps.productDependencies) {
        const ids = group.products.map((p) => p.id);
        if (!ids.length || ids.some((id) => ordered.has(id) || existing.some((s) => s.productId === id))) continue;
        problems.push({ field: at('productId'), reason: `${product.name} ${group.name ?? 'Requires'} one of: ${group.products.map((p) => p.name ?? p.id).join(', ')}, which the company does not have` });
      }
      for (const [k, given] of ((line.provisioningDetails ?? []) as Input[]).entries()) {
        const spec = details.find((d) => d.key === given.key);
        if (!spec) problems.push({ field: at(`provisioningDetails[${k}].key`), reason: `${given.key} is not a provisioning detail of ${product.name}; known: ${details.map((d) => d.key).join(', ') || 'none'}` });
        else if (spec.possibleValues?.length)
          for (const v of given.values as string[]) if (!spec.possibleValues.includes(v)) problems.push({ field: at(`provisioningDetails[${k}].values`), reason: `'${v}' is not one of: ${spec.possibleValues.join(', ')}` });
      }
      pricingByLine.push(pricingFor(pricing, line.billingTerm, dep?.term));
    }
    if (problems.length) return { status: 'invalid', message: 'The order is not valid; nothing was sent to Pax8.', problems };

    const body: CreateOrderRequest = {
      companyId: company.id,
      lineItems: lines.map((l, i) => ({
        lineItemNumber: i + 1,
        productId: l.productId,
        quantity: l.quantity,
        billingTerm: l.billingTerm,
        ...(l.commitmentTermId ? { commitmentTermId: l.commitmentTermId } : {}),
        ...(l.parentSubscriptionId ? { parentSubscriptionId: l.parentSubscriptionId } : {}),
        ...(l.parentLineItemNumber ? { parentLineItemNumber: l.parentLineItemNumber } : {}),
        ...(l.provisioningDetails ? { provisioningDetails: l.provisioningDetails } : {}),
      })),
    };
    const plan: WritePlan = { kind: 'order', companyId: company.id, body };
    const summary = this.orderSummary(company.name ?? company.id, lines, names, pricingByLine, existing);
    const dryRun = await this.mockOrder(client, body);
    if (!dryRun.accepted)
      return { status: 'invalid', message: 'Pax8 rejected the dry run (isMock); nothing was ordered.', problems: (dryRun.rejection as { problems: FieldProblem[] }).problems, dryRun, plan, summary };
    const totalChange = summary.monthlyCostChange as string | null;
    return { status: 'ready', plan, summary, dryRun, seatsAdded: lines.reduce((n, l) => n + l.quantity, 0), monthlyCostChange: totalChange };
  }

  private orderSummary(companyName: string, lines: Input[], names: string[], pricing: Array<Pricing | undefined>, existing: Subscription[]) {
    let total: Decimal | null = new Decimal(0);
    const items = lines.map((l, i) => {
      const before = existing.filter((s) => s.productId === l.productId).reduce((n, s) => n + (s.quantity ?? 0), 0);
      const entry = pricing[i];
      const period = entry ? periodCost(entry, l.quantity) : null;
      const months = monthsOfBillingTerm(l.billingTerm);
      const monthly = period && months ? toCents(period.dividedBy(months)) : null;
      total = total && monthly !== null ? total.plus(monthly) : null;
      return {
        productId: l.productId,
        productName: names[i],
        billingTerm: l.billingTerm,
        commitmentTerm: entry?.commitmentTerm ?? null,
        quantityBefore: before,
        quantityAfter: before + l.quantity,
        pax8MonthlyCostBefore: '0.00',
        pax8MonthlyCostAfter: monthly,
        currencyCode: entry?.currencyCode ?? null,
      };
    });
    const change = total === null ? null : toCents(total);
    return {
      action: 'order',
      text: `Order for ${companyName}: ${items.map((x, i) => `${lines[i].quantity} × ${x.productName} (${x.billingTerm}${x.commitmentTerm ? `, ${x.commitmentTerm} commitment` : ''}), seats ${x.quantityBefore} → ${x.quantityAfter}`).join('; ')}. Pax8 cost per month: +${change ?? 'unknown'}.`,
      companyName,
      lines: items,
      monthlyCostChange: change,
      clientPriceChange: null,
      clientPriceNote: 'New subscriptions are not billed to the client until billing is set up for them.',
    };
  }

  /** isMock=true: Pax8 runs every validation and creates nothing (§7). Records its exact answer. */
  private async mockOrder(client: Pax8Client, body: CreateOrderRequest): Promise<Record<string, unknown>> {
    try {
      const order = await client.orders.create(body, { isMock: true });
      return { accepted: true, at: new Date().toISOString(), pax8: { lineItems: order.lineItems.map((l) => ({ productId: l.productId, quantity: l.quantity, billingTerm: l.billingTerm })) } };
    } catch (e) {
      if (!(e instanceof Pax8ValidationError)) throw e;
      const problems = e.details.length
        ? e.details.map((d) => ({ field: (d.instance ?? 'order').replace(/^\$\.?/, '') || 'order', reason: d.message }))
        : [{ field: 'order', reason: e.message }];
      return { accepted: false, at: new Date().toISOString(), rejection: { status: e.status, message: e.message, details: e.details, problems } };
    }
  }

  async prepareUpdate(tenantId: string, input: Input, now = new Date()): Promise<WriteCheck> {
    const client = await this.pax8.forTenant(tenantId);
    let sub: Subscription;
    try {
      sub = await client.subscriptions.get(input.subscriptionId);
    } catch (e) {
      if (e instanceof Pax8NotFoundError) return { status: 'not-found', message: `No Pax8 subscription ${input.subscriptionId}.`, question: 'Check the id with pax8-list-subscriptions.' };
      throw e;
    }
    const plan: Extract<WritePlan, { kind: 'quantity' }> = {
      kind: 'quantity',
      companyId: sub.companyId ?? '',
      subscriptionId: sub.id,
      ...(input.quantity !== undefined ? { quantity: input.quantity } : {}),
      ...(input.billingTerm !== undefined ? { billingTerm: input.billingTerm } : {}),
    };
    if (unchangeable(sub.status)) return { status: 'invalid', message: `The subscription is ${sub.status}; it cannot be changed.`, problems: [{ field: 'subscriptionId', reason: `is ${sub.status}` }] };
    if (input.quantity === sub.quantity && (input.billingTerm === undefined || input.billingTerm === sub.billingTerm))
      return { status: 'invalid', message: 'Nothing would change.', problems: [{ field: 'quantity', reason: `is already ${sub.quantity}` }] };
    const state = commitmentStateOf(sub);
    const deps = sub.productId ? await client.products.dependencies(sub.productId).catch((e) => (e instanceof Pax8NotFoundError ? undefined : Promise.reject(e))) : undefined;
    const flags = deps?.commitmentDependencies.find((d) => d.id === state.commitmentId);
    const refusal = commitmentRefusal(state, { quantity: input.quantity, billingTerm: input.billingTerm }, flags, now);
    if (refusal) {
      const endDate = refusal.commitmentEndDate.toISOString();
      return {
        status: 'refused',
        message: `${refusal.reason} ${refusal.schedulable ? 'It can be scheduled for that date instead.' : ''}`.trim(),
        commitmentEndDate: endDate,
        offer: refusal.schedulable ? { tool: 'pax8-update-subscription', input: { ...input, scheduleAtCommitmentEnd: true }, effectiveAt: endDate } : null,
        schedule: refusal.schedulable ? { plan, effectiveAt: refusal.commitmentEndDate } : undefined,
      };
    }
    const summary = await this.updateSummary(tenantId, sub, plan, client);
    const dryRun = {
      accepted: true,
      pax8DryRun: false,
      at: now.toISOString(),
      note: 'Pax8 has no dry run for subscription updates; the plugin checked the status, the commitment rules and the dependency flags.',
      checks: ['subscription exists and is not cancelled', state.commitmentTerm ? `commitment ${state.commitmentTerm} allows this change` : 'no running commitment'],
    };
    const after = plan.quantity ?? sub.quantity ?? 0;
    return { status: 'ready', plan, summary, dryRun, seatsAdded: after - (sub.quantity ?? 0), monthlyCostChange: summary.monthlyCostChange as string | null };
  }

  private async updateSummary(tenantId: string, sub: Subscription, plan: Extract<WritePlan, { kind: 'quantity' }>, client: Pax8Client) {
    const before = sub.quantity ?? 0;
    const after = plan.quantity ?? before;
    const termAfter = plan.billingTerm ?? sub.billingTerm;
    const unitCost = sub.unitCost?.amount ?? null;
    const costBefore = monthlyAmount(unitCost, before, sub.billingTerm);
    const costAfter = plan.billingTerm && plan.billingTerm !== sub.billingTerm ? null : monthlyAmount(unitCost, after, termAfter);
    const termChanges = !!plan.billingTerm && plan.billingTerm !== sub.billingTerm;
    const billed = await this.clientMonthly(tenantId, sub.id, [before, after], termChanges);
    const [clientBefore, clientAfter] = billed ?? [null, null];
    const productName = sub.productName ?? (sub.productId ? (await client.products.get(sub.productId).catch(() => undefined))?.name : undefined) ?? sub.productId ?? 'subscription';
    const change = difference(costBefore, costAfter);
    return {
      action: 'update-subscription',
      text:
        `${productName}: ${before === after ? `quantity stays ${before}` : `quantity ${before} → ${after}`}` +
        `${plan.billingTerm && plan.billingTerm !== sub.billingTerm ? `, billing term ${sub.billingTerm} → ${plan.billingTerm}` : ''}. ` +
        `Pax8 cost per month ${costBefore ?? 'unknown'} → ${costAfter ?? 'unknown'}` +
        (billed ? `; the client's price per month ${clientBefore ?? 'unknown'} → ${clientAfter ?? 'unknown'}.` : '; not billed to a client.'),
      subscriptionId: sub.id,
      productName,
      quantityBefore: before,
      quantityAfter: after,
      billingTermBefore: sub.billingTerm ?? null,
      billingTermAfter: termAfter ?? null,
      unitCost,
      unitCostSource: sub.unitCost?.source ?? null,
      pax8MonthlyCostBefore: costBefore,
      pax8MonthlyCostAfter: costAfter,
      monthlyCostChange: change,
      clientMonthlyPriceBefore: clientBefore,
      clientMonthlyPriceAfter: clientAfter,
      clientPriceChange: difference(clientBefore, clientAfter),
      currencyCode: sub.currencyCode ?? null,
    };
  }

  /**
   * The client's monthly price at each quantity, priced by billing itself (pricing rules, the
   * subscription's own markup or override), or null when the subscription is not billed to a client
   * (company unmapped, billing turned off, or no price). After a term change the new monthly figure is
   * unknown until Pax8 prices the new term.
   */
  private async clientMonthly(tenantId: string, pax8SubscriptionId: string, quantities: [number, number], termChanges: boolean): Promise<[string | null, string | null] | null> {
    const synced = await new TenantRepository(this.dataSource, Pax8Subscription, tenantId).findOne({ pax8Id: pax8SubscriptionId });
    if (!synced) return null;
    const book = await this.billingRows.ruleBook(tenantId);
    const [row] = await this.billingRows.rows(tenantId, [synced]);
    if (!row.clientId || row.settings?.enabled === false) return null;
    const monthly = (quantity: number) => priceRow({ ...row, sub: Object.assign(new Pax8Subscription(), synced, { quantity }) }, book).price?.monthlyTotal ?? null;
    const before = monthly(quantities[0]);
    if (before === null) return null;
    return [before, termChanges ? null : monthly(quantities[1])];
  }
}
