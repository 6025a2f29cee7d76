import { formatPax8DateTime } from '../dates';
import { PagedList } from '../pagination';
import { parseContentList } from '../parse/page';
import { parseSubscription } from '../parse/subscription';
import { parseUsageSummary } from '../parse/usage';
import { IDEMPOTENT_WRITE_POLICY } from '../retry';
import type { Pax8Transport } from '../http';
import type { Subscription, SubscriptionQuery, UsageSummary, UsageSummaryQuery } from '../types';

export class SubscriptionsResource extends PagedList<SubscriptionQuery, Subscription> {
  constructor(
    private readonly t: Pax8Transport,
    private readonly size: number,
  ) {
    super(t, '/subscriptions', parseSubscription, size);
  }

  private at(id: string, sub = ''): string {
    return `/subscriptions/${encodeURIComponent(id)}${sub}`;
  }

  get(subscriptionId: string): Promise<Subscription> {
    return this.t.send({ method: 'GET', path: this.at(subscriptionId), parse: (c, b) => parseSubscription(c, b) });
  }

  /** One full snapshot per change (§7). */
  history(subscriptionId: string): Promise<Subscription[]> {
    return this.t.send({ method: 'GET', path: this.at(subscriptionId, '/history'), parse: (c, b) => parseContentList(c, b, parseSubscription) });
  }

  /**
   * Sends ONLY `{quantity}` (a full object could overwrite price or partnerCost, §7). The value is
   * absolute, so repeating the call after a lost answer is harmless: it may be retried.
   */
  updateQuantity(subscriptionId: string, quantity: number): Promise<Subscription> {
    if (!Number.isInteger(quantity) || quantity < 1) throw new RangeError('quantity must be a whole number of at least 1');
    return this.t.send({ method: 'PUT', path: this.at(subscriptionId), body: { quantity }, policy: IDEMPOTENT_WRITE_POLICY, parse: (c, b) => parseSubscription(c, b) });
  }

  /** Sends ONLY `{billingTerm}`; absolute like a quantity, so it may be retried. Pax8 refuses it during an NCE commitment (§7). */
  updateBillingTerm(subscriptionId: string, billingTerm: string): Promise<Subscription> {
    return this.t.send({ method: 'PUT', path: this.at(subscriptionId), body: { billingTerm }, policy: IDEMPOTENT_WRITE_POLICY, parse: (c, b) => parseSubscription(c, b) });
  }

  /** Cancels (final: there is no reactivation, §7). Moves to PendingCancel with an end date. */
  async cancel(subscriptionId: string, cancelDate?: Date | string): Promise<void> {
    await this.t.send({
      method: 'DELETE',
      path: this.at(subscriptionId),
      query: { cancelDate: cancelDate === undefined ? undefined : formatPax8DateTime(cancelDate) },
      policy: IDEMPOTENT_WRITE_POLICY,
      parse: () => undefined,
    });
  }

  /** Usage summaries of an arrears-billed subscription (the only list path that exists live, §4). */
  usageSummaries(subscriptionId: string): PagedList<UsageSummaryQuery, UsageSummary> {
    return new PagedList(this.t, this.at(subscriptionId, '/usage-summaries'), parseUsageSummary, this.size);
  }
}
