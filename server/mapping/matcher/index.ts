/** Pure auto-mapping rules: Pax8 companies → host clients. No NestJS, no database. */
export * from './types';
export { normalizeAccountNumber } from './account-number';
export { normalizeCompanyName, companyNameTokens, tokenizeName } from './normalize-name';
export { registrableDomain, matchableDomain, isSharedDomain, SHARED_DOMAINS } from './domain';
export { ClientIndex, companyKeys, type ClientIndexOptions, type IndexedClient, type MatchKeys } from './client-index';
export {
  matchCompanies,
  decideCompany,
  type MatchOptions,
  type MatchResult,
  type MatchedCompany,
  type AmbiguousCompany,
  type AmbiguityReason,
  type MatchDecision,
} from './match';
export {
  suggestClients,
  suggestionKeys,
  RULE_SCORES,
  FUZZY_MAX_SCORE,
  FUZZY_MIN_SIMILARITY,
  type Suggestion,
  type SuggestionRule,
  type SuggestOptions,
} from './suggest';
