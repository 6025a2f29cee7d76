import { ClientIndex, companyKeys } from './client-index';
import { MATCH_RULES, type MatchCompany, type MatchRule } from './types';

export interface MatchOptions {
  /** Clients already linked to some company (manually or earlier): never auto-linked again unless allowed below. */
  mappedClientIds?: ReadonlySet<string>;
  /** When true, a client may take several companies: mapped clients and shared claims stop being ambiguous. */
  allowMultipleCompaniesPerClient?: boolean;
}

export interface MatchedCompany {
  companyId: string;
  clientId: string;
  rule: MatchRule;
}

/**
 * Why a company was left for manual mapping:
 * - multipleClients: the deciding rule found several clients;
 * - clientAlreadyMapped: the one client found is already linked to another company;
 * - clientClaimedTwice: another company in this run matched the same single client.
 */
export type AmbiguityReason = 'multipleClients' | 'clientAlreadyMapped' | 'clientClaimedTwice';

export interface AmbiguousCompany {
  companyId: string;
  rule: MatchRule;
  reason: AmbiguityReason;
  clientIds: string[];
}

export interface MatchResult {
  matched: MatchedCompany[];
  ambiguous: AmbiguousCompany[];
  noCandidate: string[];
}

export type MatchDecision =
  | { kind: 'matched'; companyId: string; clientId: string; rule: MatchRule }
  | { kind: 'ambiguous'; companyId: string; rule: MatchRule; reason: AmbiguityReason; clientIds: string[] }
  | { kind: 'none'; companyId: string };

/**
 * The first rule (account number, then name, then domain) that finds any client decides:
 * one client → matched; several → ambiguous. A weaker rule is never consulted once a stronger one found
 * something, because a tie on the strong key is a real conflict a weaker key must not paper over; an empty
 * stronger rule falls through.
 */
export function decideCompany(company: MatchCompany, index: ClientIndex, opts: MatchOptions = {}): MatchDecision {
  const { keys } = companyKeys(company);
  const mapped = opts.mappedClientIds;
  for (const rule of MATCH_RULES) {
    const found = index.lookup(rule, keys[rule]);
    if (found.length === 0) continue;
    if (found.length > 1) {
      return { kind: 'ambiguous', companyId: company.id, rule, reason: 'multipleClients', clientIds: [...found] };
    }
    const clientId = found[0];
    if (!opts.allowMultipleCompaniesPerClient && mapped?.has(clientId)) {
      // Never steal a client from the company it is linked to: a human decides.
      return { kind: 'ambiguous', companyId: company.id, rule, reason: 'clientAlreadyMapped', clientIds: [clientId] };
    }
    return { kind: 'matched', companyId: company.id, clientId, rule };
  }
  return { kind: 'none', companyId: company.id };
}

/**
 * Auto-map unmapped companies to host clients. Pass only unmapped companies; a company id given twice is
 * decided once. Results keep input order. No two companies get one client in a run unless allowed.
 */
export function matchCompanies(
  companies: readonly MatchCompany[],
  index: ClientIndex,
  opts: MatchOptions = {},
): MatchResult {
  const seen = new Set<string>();
  const decisions: MatchDecision[] = [];
  const claims = new Map<string, number>();
  for (const company of companies) {
    if (seen.has(company.id)) continue;
    seen.add(company.id);
    const d = decideCompany(company, index, opts);
    decisions.push(d);
    if (d.kind === 'matched') claims.set(d.clientId, (claims.get(d.clientId) ?? 0) + 1);
  }

  const result: MatchResult = { matched: [], ambiguous: [], noCandidate: [] };
  for (const d of decisions) {
    if (d.kind === 'none') result.noCandidate.push(d.companyId);
    else if (d.kind === 'ambiguous') {
      result.ambiguous.push({ companyId: d.companyId, rule: d.rule, reason: d.reason, clientIds: d.clientIds });
    } else if (!opts.allowMultipleCompaniesPerClient && claims.get(d.clientId)! > 1) {
      // Two companies want one client: even an account-number hit loses here, as the issue asks; a human picks.
      result.ambiguous.push({ companyId: d.companyId, rule: d.rule, reason: 'clientClaimedTwice', clientIds: [d.clientId] });
    } else {
      result.matched.push({ companyId: d.companyId, clientId: d.clientId, rule: d.rule });
    }
  }
  return result;
}
