import { isBillingSubscriptionStatus, isEndedSubscriptionStatus } from './subscription-status';

describe('what a Pax8 subscription status means', () => {
  it('treats Expired like Cancelled: ended (any case), while PendingCancel, Trial and provisioning are not', () => {
    for (const s of ['Cancelled', 'Expired', 'expired', 'CANCELLED']) expect([s, isEndedSubscriptionStatus(s)]).toEqual([s, true]);
    for (const s of ['Active', 'PendingCancel', 'Trial', 'PendingAutomated', 'Converted', 'Suspended', '', null, undefined])
      expect([s, isEndedSubscriptionStatus(s)]).toEqual([s, false]);
  });

  it('expects Pax8 to bill only running subscriptions: not Expired, Cancelled, Trial or provisioning', () => {
    expect(['Active', 'PendingCancel'].every(isBillingSubscriptionStatus)).toBe(true);
    for (const s of ['Expired', 'Cancelled', 'Trial', 'PendingManual', 'PendingAutomated', 'WaitingForDetails', null])
      expect([s, isBillingSubscriptionStatus(s)]).toEqual([s, false]);
  });
});
