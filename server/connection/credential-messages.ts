/** Words shown to people about their Pax8 connection, in one place. */
export const CONNECTION_MESSAGES = {
  rejected:
    'Pax8 rejected the stored credentials: they have expired or were revoked or rotated in the Pax8 portal. Re-enter the Client ID and Client Secret in the connection card; scheduled syncs are paused until then.',
  testRejected: 'Pax8 did not accept this Client ID and Client Secret. Check them in the Pax8 portal (Integrations → API credentials) and try again.',
  bothRequired: 'To replace the stored credentials, enter both the Client ID and the Client Secret.',
  unreadable:
    'The stored Pax8 credentials cannot be read (the encryption key they were saved with is gone, or the row was copied from elsewhere). Re-enter the Client ID and Client Secret in the connection card; scheduled syncs are paused until then.',
  notConnected: 'The Pax8 integration is not connected for this tenant. Enter a Client ID and Client Secret first.',
  reauthorize:
    'Pax8 ended the delegated authorization: it lasts 90 days, or it was revoked in Pax8. Re-authorize with Pax8 in the connection card; scheduled syncs are paused until then. Mappings, billing settings and history are kept.',
  consentEnding: (days: number, endsAt: string) =>
    `The Pax8 authorization ends in ${days} day${days === 1 ? '' : 's'} (${endsAt.slice(0, 10)}). Re-authorize with Pax8 before then to keep syncing.`,
  methodNotAllowed: (method: string) => `Connecting with ${method === 'delegated' ? 'Pax8 login' : 'a Client ID and Client Secret'} is not enabled in this product.`,
  unreachable: (detail: string) => `Pax8 could not be reached to check the credentials (${detail}). Nothing was changed; try again in a few minutes.`,
} as const;
