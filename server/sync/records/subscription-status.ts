/**
 * What a Pax8 subscription status means to the plugin, in one place (pax8-api.md §6, §13).
 * Ended: Pax8 no longer bills the subscription and will not again: `Cancelled`, and `Expired` (a trial
 * or term that ended; seen live, outside the published enum). An ended subscription keeps its row,
 * marked removed by the sync, and gets no invoice line. `PendingCancel` still bills until its end date.
 */
export const ENDED_SUBSCRIPTION_STATUSES = ['Cancelled', 'Expired'] as const;

const ENDED = new Set<string>(ENDED_SUBSCRIPTION_STATUSES.map((s) => s.toLowerCase()));

/** Case-insensitive: Pax8's spelling is not guaranteed. */
export const isEndedSubscriptionStatus = (status: string | null | undefined): boolean => !!status && ENDED.has(status.toLowerCase());

/**
 * Statuses whose recurring charge reconciliation expects on Pax8's invoice: running ones only. Not the
 * ended ones above, not Trial, not the provisioning states (Pax8 bills on dates; these have none yet or no more).
 */
export const BILLING_SUBSCRIPTION_STATUSES = ['Active', 'PendingCancel'] as const;

const BILLING = new Set<string>(BILLING_SUBSCRIPTION_STATUSES);
export const isBillingSubscriptionStatus = (status: string | null | undefined): boolean => !!status && BILLING.has(status);
