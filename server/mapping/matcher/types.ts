/** The auto-map rules, strongest first; the string is what CompanyMapping.rule stores. */
export type MatchRule = 'accountNumber' | 'name' | 'domain';
export const MATCH_RULES: readonly MatchRule[] = ['accountNumber', 'name', 'domain'];

/** A host client as the matcher sees it (from the host's client directory). */
export interface MatchClient {
  id: string;
  name: string;
  accountNumber?: string | null;
  website?: string | null;
}

/** A Pax8 company as the matcher sees it. `externalId` is usually the PSA account number. */
export interface MatchCompany {
  id: string;
  name: string;
  externalId?: string | null;
  website?: string | null;
}
