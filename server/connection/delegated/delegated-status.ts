import { CONNECTION_MESSAGES } from '../credential-messages';
import type { DelegatedGrant } from './delegated-grant.entity';

/** Days ahead of the consent's end when the card and the host are warned (§14: 90-day refresh tokens). */
export const CONSENT_WARNING_DAYS = [14, 7, 1] as const;
export const CONSENT_LIFETIME_MS = 90 * 86_400_000;

export interface DelegatedStatus {
  pax8AccountId: string | null;
  consentGivenAt: string;
  consentEndsAt: string;
  /** Whole days left, rounded up (0 = ended). */
  daysLeft: number;
  state: DelegatedGrant['state'];
}

export interface ConnectionWarning {
  code: 'consent_ending' | 'reauthorize';
  severity: 'warning' | 'critical';
  message: string;
}

export function daysLeft(endsAt: Date, now: Date): number {
  return Math.max(0, Math.ceil((new Date(endsAt).getTime() - now.getTime()) / 86_400_000));
}

/** The tightest warning tier reached (14, 7 or 1), or null while more than 14 days are left. */
export function warningTier(left: number): number | null {
  const reached = CONSENT_WARNING_DAYS.filter((d) => left <= d);
  return reached.length ? Math.min(...reached) : null;
}

export function describeDelegated(grant: DelegatedGrant, now: Date): { delegated: DelegatedStatus; warnings: ConnectionWarning[] } {
  const left = daysLeft(grant.consentEndsAt, now);
  const endsAt = new Date(grant.consentEndsAt).toISOString();
  const warnings: ConnectionWarning[] = [];
  if (grant.state === 'reauthorize' || left === 0) warnings.push({ code: 'reauthorize', severity: 'critical', message: CONNECTION_MESSAGES.reauthorize });
  else if (warningTier(left) !== null) warnings.push({ code: 'consent_ending', severity: left <= 1 ? 'critical' : 'warning', message: CONNECTION_MESSAGES.consentEnding(left, endsAt) });
  return {
    delegated: {
      pax8AccountId: grant.pax8AccountId,
      consentGivenAt: new Date(grant.consentGivenAt).toISOString(),
      consentEndsAt: endsAt,
      daysLeft: left,
      state: left === 0 ? 'reauthorize' : grant.state,
    },
    warnings,
  };
}
