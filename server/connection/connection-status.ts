import type { ResolvedPax8Options } from '../pax8-options';
import { CONNECTION_MESSAGES } from './credential-messages';
import type { ConnectionMethod, CredentialState, Pax8Integration } from './pax8-integration.entity';
import type { DelegatedGrant } from './delegated/delegated-grant.entity';
import { ConnectionWarning, DelegatedStatus, describeDelegated } from './delegated/delegated-status';

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
  /** How the tenant is connected (null when not connected), and the ways this product allows. */
  method: ConnectionMethod | null;
  availableMethods: ConnectionMethod[];
  /** Delegated only: the consent ended or was revoked; show "Re-authorize with Pax8". Syncs pause until then. */
  needsReauthorization: boolean;
  /** Delegated only: the partner account and the consent's 90-day window. */
  delegated: DelegatedStatus | null;
  /** Things the card should show prominently (consent ending in 14/7/1 days, re-authorization needed). */
  warnings: ConnectionWarning[];
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

export function describeStatus(row: Pax8Integration | null, options: ResolvedPax8Options, now: Date, grant: DelegatedGrant | null = null): ConnectionStatus {
  const delegatedRow = row?.connectionMethod === 'delegated' && grant ? grant : null;
  const availableMethods = options.connectionMethods;
  if (!row || (!row.encryptedCredentials && !delegatedRow)) {
    return {
      state: 'not_connected',
      label: LABELS.not_connected,
      needsCredentials: false,
      method: null,
      availableMethods,
      needsReauthorization: false,
      delegated: null,
      warnings: [],
      credentials: null,
      settings: { autoMapEnabled: row?.autoMapEnabled ?? false },
      lastSync: null,
      lastError: null,
      nextSyncAt: null,
    };
  }
  const state: ConnectionState = row.status === 'active' ? 'connected' : 'configured';
  const delegated = delegatedRow ? describeDelegated(delegatedRow, now) : null;
  const unusable = row.credentialState === 'rejected' || row.credentialState === 'unreadable';
  const needsReauthorization = !!delegated && (unusable || delegated.delegated.state === 'reauthorize');
  const needsCredentials = !delegated && unusable;
  const schedulable = state === 'connected' && !needsCredentials && !needsReauthorization && options.sync.enabled;
  // The scheduler's own slot; a due time in the past means "on the next scheduler tick".
  const nextSyncAt = schedulable && row.nextSyncAt ? iso(row.nextSyncAt) : null;
  return {
    state,
    label: LABELS[state],
    needsCredentials,
    method: row.connectionMethod,
    availableMethods,
    needsReauthorization,
    delegated: delegated?.delegated ?? null,
    warnings: delegated?.warnings ?? [],
    credentials: delegated ? null : {
      clientId: `${MASK}${row.clientIdHint ?? ''}`,
      clientSecret: MASK,
      savedAt: iso(row.credentialsSavedAt),
      ageDays: row.credentialsSavedAt ? Math.floor((now.getTime() - new Date(row.credentialsSavedAt).getTime()) / 86_400_000) : null,
      health: { state: row.credentialState, checkedAt: iso(row.credentialsCheckedAt) },
    },
    settings: { autoMapEnabled: row.autoMapEnabled },
    lastSync: row.lastSyncAt || row.lastSyncRunId ? { at: iso(row.lastSyncAt), status: row.lastSyncStatus, runId: row.lastSyncRunId } : null,
    lastError: needsReauthorization
      ? { message: CONNECTION_MESSAGES.reauthorize, at: iso(row.lastErrorAt ?? row.credentialsCheckedAt) }
      : needsCredentials
      ? { message: CONNECTION_MESSAGES[row.credentialState === 'unreadable' ? 'unreadable' : 'rejected'], at: iso(row.lastErrorAt ?? row.credentialsCheckedAt) }
      : row.lastError
        ? { message: row.lastError, at: iso(row.lastErrorAt) }
        : null,
    nextSyncAt,
  };
}
