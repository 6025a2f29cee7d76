/**
 * NCE commitment rules (pax8-api.md §7, PR #296): during a running commitment Pax8 rejects a quantity
 * decrease and a billing-term change, and a failed attempt can cost money. So the plugin refuses them
 * before an approver sees them and offers the commitment end date instead.
 */
export interface CommitmentState {
  quantity: number;
  billingTerm: string | null;
  commitmentTerm: string | null;
  commitmentEndDate: Date | null;
}

export interface CommitmentFlags {
  allowForQuantityIncrease?: boolean;
  allowForQuantityDecrease?: boolean;
}

export interface RequestedChange {
  quantity?: number;
  billingTerm?: string;
}

export interface CommitmentRefusal {
  reason: string;
  commitmentTerm: string;
  commitmentEndDate: Date;
  /** Whether the change can be scheduled for the end date (an increase Pax8 forbids cannot wait for it usefully). */
  schedulable: boolean;
}

/** A commitment that still binds: a term other than Monthly whose end date is in the future. */
export function isCommitmentRunning(s: CommitmentState, now: Date): boolean {
  return !!s.commitmentTerm && s.commitmentTerm !== 'Monthly' && !!s.commitmentEndDate && s.commitmentEndDate.getTime() > now.getTime();
}

/** Null when the change may go ahead now; otherwise why not and until when. */
export function commitmentRefusal(s: CommitmentState, change: RequestedChange, flags: CommitmentFlags | undefined, now: Date): CommitmentRefusal | null {
  if (!isCommitmentRunning(s, now)) return null;
  const base = { commitmentTerm: s.commitmentTerm!, commitmentEndDate: s.commitmentEndDate! };
  const until = s.commitmentEndDate!.toISOString().slice(0, 10);
  if (change.billingTerm !== undefined && change.billingTerm !== s.billingTerm)
    return { ...base, schedulable: true, reason: `The billing term cannot change during the ${s.commitmentTerm} commitment, which ends on ${until}.` };
  if (change.quantity !== undefined && change.quantity < s.quantity && flags?.allowForQuantityDecrease !== true)
    return { ...base, schedulable: true, reason: `The quantity cannot go down from ${s.quantity} to ${change.quantity} during the ${s.commitmentTerm} commitment, which ends on ${until}.` };
  if (change.quantity !== undefined && change.quantity > s.quantity && flags?.allowForQuantityIncrease === false)
    return { ...base, schedulable: false, reason: `This commitment does not allow more seats before it ends on ${until}.` };
  return null;
}
