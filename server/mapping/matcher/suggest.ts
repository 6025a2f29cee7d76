import { ClientIndex, companyKeys, type IndexedClient } from './client-index';
import { MATCH_RULES, type MatchCompany, type MatchRule } from './types';

/** How a suggestion was found: an exact rule, or a near-miss on the name. */
export type SuggestionRule = MatchRule | 'fuzzyName';

export interface Suggestion {
  clientId: string;
  clientName: string;
  /** The strongest way this client matched. */
  rule: SuggestionRule;
  /** Every way it matched, strongest first (a client hit by name and domain is a better bet than by name alone). */
  rules: SuggestionRule[];
  /** 0..1; exact rules use RULE_SCORES, near-misses FUZZY_MAX_SCORE × similarity, so they always rank below. */
  score: number;
}

export const RULE_SCORES: Readonly<Record<MatchRule, number>> = { accountNumber: 1, name: 0.9, domain: 0.8 };
export const FUZZY_MAX_SCORE = 0.7;
/** Below this similarity a near-miss is noise, not a suggestion. */
export const FUZZY_MIN_SIMILARITY = 0.35;

export interface SuggestOptions {
  /** Default 5. */
  limit?: number;
  /** Clients to leave out (e.g. already mapped ones, when one client takes one company). */
  excludeClientIds?: ReadonlySet<string>;
}

/**
 * The best candidate clients for one company, for the top of the manual-mapping dropdown. Unlike
 * matchCompanies, every exact rule contributes (ambiguity is exactly when a human wants to see them all),
 * plus fuzzy name near-misses found through the token index, never by scanning all clients.
 */
export function suggestClients(
  company: MatchCompany,
  index: ClientIndex,
  limitOrOptions: number | SuggestOptions = {},
): Suggestion[] {
  const opts = typeof limitOrOptions === 'number' ? { limit: limitOrOptions } : limitOrOptions;
  const limit = opts.limit ?? 5;
  if (limit <= 0) return [];
  const exclude = opts.excludeClientIds;
  const { keys, tokens } = companyKeys(company);

  const found = new Map<string, { rules: SuggestionRule[]; score: number; sim: number }>();
  for (const rule of MATCH_RULES) {
    for (const id of index.lookup(rule, keys[rule])) {
      if (exclude?.has(id)) continue;
      const s = found.get(id);
      if (s) s.rules.push(rule);
      else found.set(id, { rules: [rule], score: RULE_SCORES[rule], sim: 1 });
    }
  }

  const companyTrigrams = tokenTrigrams(tokens);
  for (const id of fuzzyCandidates(tokens, index)) {
    if (exclude?.has(id)) continue;
    const client = index.get(id)!;
    const sim = nameSimilarity(tokens, companyTrigrams, client);
    if (sim < FUZZY_MIN_SIMILARITY) continue;
    const s = found.get(id);
    if (s) {
      if (!s.rules.includes('name')) s.rules.push('fuzzyName');
      continue;
    }
    found.set(id, { rules: ['fuzzyName'], score: round(FUZZY_MAX_SCORE * sim), sim });
  }

  return [...found.entries()]
    .map(([clientId, s]) => ({ clientId, s, name: index.get(clientId)!.client.name }))
    .sort(
      (a, b) =>
        b.s.score - a.s.score ||
        b.s.rules.length - a.s.rules.length ||
        cmp(a.name.toLowerCase(), b.name.toLowerCase()) ||
        cmp(a.name, b.name) ||
        cmp(a.clientId, b.clientId),
    )
    .slice(0, limit)
    .map(({ clientId, s, name }) => ({ clientId, clientName: name, rule: s.rules[0], rules: s.rules, score: s.score }));
}

/**
 * Every key and token suggestClients looks up for these companies: an index built with these as `onlyKeys`
 * suggests for them exactly what a full index would.
 */
export function suggestionKeys(companies: Iterable<MatchCompany>): Set<string> {
  const out = new Set<string>();
  for (const company of companies) {
    const { keys, tokens } = companyKeys(company);
    for (const rule of MATCH_RULES) {
      const key = keys[rule];
      if (key) out.add(key);
    }
    for (const t of tokens) out.add(t);
  }
  return out;
}

/**
 * Clients sharing a rare-ish name token with the company. Tokens held by more than maxTokenPostings clients
 * ("services", "consulting") are skipped; when every token is that common, only clients holding the two
 * rarest together are taken (a sorted-list intersection, still no scan over all clients).
 */
export function fuzzyCandidates(tokens: readonly string[], index: ClientIndex): Set<string> {
  const out = new Set<string>();
  const lists = tokens.map((t) => index.postings(t)).filter((l) => l.length > 0);
  const rare = lists.filter((l) => l.length <= index.maxTokenPostings);
  if (rare.length > 0) {
    for (const l of rare) for (const id of l) out.add(id);
  } else if (lists.length >= 2) {
    const [a, b] = lists.sort((x, y) => x.length - y.length);
    const inB = new Set(b);
    for (const id of a) if (inB.has(id)) out.add(id);
  }
  return out;
}

/** Trigram sets per token list: keysOf shares one frozen list per distinct name, so each is computed once while it lives. */
const trigramsOfTokens = new WeakMap<readonly string[], Set<string>>();
export function tokenTrigrams(tokens: readonly string[]): Set<string> {
  let t = trigramsOfTokens.get(tokens);
  if (!t) trigramsOfTokens.set(tokens, (t = trigrams(tokens.join(''))));
  return t;
}

/** Mean of token-set Jaccard (word overlap) and trigram Dice on the joined name (typos, split/merged words). */
export function nameSimilarity(tokens: readonly string[], tri: Set<string>, client: IndexedClient): number {
  const j = jaccard(tokens, client.tokens);
  const d = dice(tri, tokenTrigrams(client.tokens));
  return (j + d) / 2;
}

function jaccard(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const sb = new Set(b);
  let both = 0;
  for (const t of a) if (sb.has(t)) both++;
  return both / (a.length + sb.size - both);
}

export function trigrams(s: string): Set<string> {
  const padded = `$$${s}$`;
  const out = new Set<string>();
  if (s.length === 0) return out;
  for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  return out;
}

function dice(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let both = 0;
  for (const g of a) if (b.has(g)) both++;
  return (2 * both) / (a.size + b.size);
}

/** Code-point order: unlike localeCompare, the same on every server. */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
