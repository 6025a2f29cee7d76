/** Words shown to people about their Pax8 connection, in one place. */
export const CONNECTION_MESSAGES = {
  rejected:
    'Pax8 rejected the stored credentials: they have expired or were revoked or rotated in the Pax8 portal. Re-enter the Client ID and Client Secret in the connection card; scheduled syncs are paused until then.',
  testRejected: 'Pax8 did not accept this Client ID and Client Secret. Check them in the Pax8 portal (Integrations → API credentials) and try again.',
  bothRequired: 'To replace the stored credentials, enter both the Client ID and the Client Secret.',
  notConnected: 'The Pax8 integration is not connected for this tenant. Enter a Client ID and Client Secret first.',
  unreachable: (detail: string) => `Pax8 could not be reached to check the credentials (${detail}). Nothing was changed; try again in a few minutes.`,
} as const;
