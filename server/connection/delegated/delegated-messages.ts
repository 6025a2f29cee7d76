/** Words shown to people coming back from Pax8's consent screen, in one place. */
export const CALLBACK_MESSAGES = {
  connected: 'Connected with Pax8. The first sync starts on the schedule, or run one now.',
  declined: 'You declined on Pax8\'s screen, so nothing was connected. Start "Connect with Pax8" again to connect.',
  pax8Error: (what: string) => `Pax8 did not authorize the connection (${what}). Nothing was connected; start again.`,
  missingCode: 'Pax8 did not send an authorization code. Nothing was connected; start again.',
  stateInvalid: 'This sign-in link is not valid (it was altered or is incomplete). Nothing was connected; start "Connect with Pax8" again.',
  stateOtherTenant: 'This sign-in was started in another account of this product. Nothing was connected here; start "Connect with Pax8" from this account.',
  stateOtherUser: 'This sign-in was started by another user. Nothing was connected; start "Connect with Pax8" yourself.',
  stateReplayed: 'This sign-in link was already used. Nothing more was changed; start "Connect with Pax8" again if needed.',
  stateExpired: 'This sign-in took too long and expired. Nothing was connected; start "Connect with Pax8" again.',
  exchangeFailed: (detail: string) => `Pax8 did not accept the authorization (${detail}). Nothing was connected; start again.`,
  noRefreshToken: 'Pax8 granted access without a refresh token (the offline_access scope is missing from delegated.scope). Nothing was connected.',
  accountTaken: 'This Pax8 partner account is already connected to another account of this product. Disconnect it there first; one Pax8 account connects to one account here.',
} as const;
