import type { ResolvedPax8Options } from '../pax8-options';
import { CONNECTION_MESSAGES } from './credential-messages';
import type { CredentialState, Pax8Integration } from './pax8-integration.entity';

export type ConnectionState = 'connected' | 'configured' | 'not_connected';

const LABELS: Record<ConnectionState, string> = {
  connected: 'Connected',
  configured: 'Configured (Inactive)',
  not_connected: 'Not Connected',
};

/** What the connection card shows. Never contains a secret: credentials appear as masked placeholders. */
export interface ConnectionStatus {
  state: ConnectionState;
  label: string;
  /** Pax8 rejected the stored credentials: they must be re-entered, and scheduled syncs pause until then. */
  needsCredentials: boolean;
  credentials: null | {
    clientId: string;
    clientSecret: string;
    savedAt: string | null;
    ageDays: number | null;
    /** The outcome of the last real token request, and when it happened. */
    health: { state: CredentialState; checkedAt: string | null };
  };
  settings: { autoMapEnabled: boolean };
  lastSync: null | { at: string | null; status: string | null; runId: string | null };
  lastError: null | { message: string; at: string | null };
  nextSyncAt: string | null;
}

export const MASK = '••••••••';
const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);

export function describeStatus(row: Pax8Integration | null, options: ResolvedPax8Options, now: Date): ConnectionStatus {
  if (!row || !row.encryptedCredentials) {
    return {
      state: 'not_connected',
      label: LABELS.not_connected,
      needsCredentials: false,
      credentials: null,
      settings: { autoMapEnabled: row?.autoMapEnabled ?? false },
      lastSync: null,
      lastError: null,
      nextSyncAt: null,
    };
  }
  const state: ConnectionState = row.status === 'active' ? 'connected' : 'configured';
  const needsCredentials = row.credentialState === 'rejected';
  const schedulable = state === 'connected' && !needsCredentials && options.sync.enabled;
  // The scheduler's own slot; a due time in the past means "on the next scheduler tick".
  const nextSyncAt = schedulable && row.nextSyncAt ? iso(row.nextSyncAt) : null;
  return {
    state,
    label: LABELS[state],
    needsCredentials,
    credentials: {
      clientId: `${MASK}${row.clientIdHint ?? ''}`,
      clientSecret: MASK,
      savedAt: iso(row.credentialsSavedAt),
      ageDays: row.credentialsSavedAt ? Math.floor((now.getTime() - new Date(row.credentialsSavedAt).getTime()) / 86_400_000) : null,
      health: { state: row.credentialState, checkedAt: iso(row.credentialsCheckedAt) },
    },
    settings: { autoMapEnabled: row.autoMapEnabled },
    lastSync: row.lastSyncAt || row.lastSyncRunId ? { at: iso(row.lastSyncAt), status: row.lastSyncStatus, runId: row.lastSyncRunId } : null,
    lastError: needsCredentials
      ? { message: CONNECTION_MESSAGES.rejected, at: iso(row.lastErrorAt ?? row.credentialsCheckedAt) }
      : row.lastError
        ? { message: row.lastError, at: iso(row.lastErrorAt) }
        : null,
    nextSyncAt,
  };
}
