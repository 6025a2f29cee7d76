import { normalizeAccountNumber } from './account-number';
import { matchableDomain } from './domain';
import { companyNameTokens } from './normalize-name';
import { MATCH_RULES, type MatchClient, type MatchCompany, type MatchRule } from './types';

/** The keys one company or client contributes per rule; a missing key means the rule cannot apply. */
export type MatchKeys = Partial<Record<MatchRule, string>>;

/** Words too generic to say two names are alike. */
const FUZZY_STOPWORDS: ReadonlySet<string> = new Set(['and', 'of', 'the', 'de', 'la', 'le', 'van', 'von', 'der']);

export interface IndexedClient {
  readonly client: MatchClient;
  readonly keys: Readonly<MatchKeys>;
  /** Distinct significant name tokens, for fuzzy similarity. */
  readonly tokens: readonly string[];
}

/** What one name / account number / website normalises to; shared between callers, so never mutated. */
export interface NameKeys {
  readonly keys: Readonly<MatchKeys>;
  readonly tokens: readonly string[];
  /** Every key and token above in one list: an index restricted to a few keys tests these first. */
  readonly all: readonly string[];
}

/**
 * keysOf is a pure function of its three strings, and tokenising plus the public-suffix look-up was most
 * of the cost of building a client index on every suggestions request: each distinct input is normalised
 * once per process. Keyed by the strings themselves (one map level per argument, so no two inputs share a
 * key and no key string is built per call), it holds no tenant's data that the caller did not pass in, and
 * cannot go stale. Bounded: cleared when full.
 */
const KEYS_CACHE_LIMIT = 100_000;
/** Stands for a missing account number or website (never a string a caller passes). */
const NONE = Symbol('none');
let keysCache = new Map<string, Map<string | symbol, Map<string | symbol, NameKeys>>>();
let keysCached = 0;

export function keysOf(name: string, accountNumber: string | null | undefined, website: string | null | undefined): NameKeys {
  const acct = accountNumber ?? NONE;
  const site = website ?? NONE;
  const hit = keysCache.get(name)?.get(acct)?.get(site);
  if (hit) return hit;
  const computed = computeKeys(name, accountNumber, website);
  if (keysCached >= KEYS_CACHE_LIMIT) {
    keysCache = new Map();
    keysCached = 0;
  }
  let byAcct = keysCache.get(name);
  if (!byAcct) keysCache.set(name, (byAcct = new Map()));
  let bySite = byAcct.get(acct);
  if (!bySite) byAcct.set(acct, (bySite = new Map()));
  bySite.set(site, computed);
  keysCached++;
  return computed;
}

function computeKeys(name: string, accountNumber: string | null | undefined, website: string | null | undefined): NameKeys {
  const tokens = companyNameTokens(name);
  const keys: MatchKeys = {};
  const acct = normalizeAccountNumber(accountNumber);
  if (acct) keys.accountNumber = acct;
  const nameKey = tokens.join('');
  if (nameKey) keys.name = nameKey;
  const domain = matchableDomain(website);
  if (domain) keys.domain = domain;
  const fuzzy = fuzzyTokens(tokens);
  const all = [...MATCH_RULES.flatMap((rule) => (keys[rule] ? [keys[rule]] : [])), ...fuzzy];
  return Object.freeze({ keys: Object.freeze(keys), tokens: Object.freeze(fuzzy), all: Object.freeze(all) });
}

export function companyKeys(company: MatchCompany): NameKeys {
  return keysOf(company.name, company.externalId, company.website);
}

function fuzzyTokens(tokens: string[]): string[] {
  return [...new Set(tokens.filter((t) => !FUZZY_STOPWORDS.has(t)))];
}

export interface ClientIndexOptions {
  /**
   * A token shared by more clients than this is "common" and does not alone make a fuzzy candidate
   * (it would make the fuzzy pass a near-full scan). Default 150.
   */
  maxTokenPostings?: number;
  /**
   * Only these keys and tokens get postings, and only clients holding one of them are kept (`get` finds no
   * other): lookups of any other key find nothing. Answering a page of suggestions needs the postings of its
   * companies' keys only (see suggestionKeys); hashing every key of every client, then keeping an entry per
   * client, was most of building the index per request.
   */
  onlyKeys?: ReadonlySet<string>;
}

const EMPTY: readonly string[] = Object.freeze([]);

/**
 * Every host client hashed once by account number, name key, domain and name token, so matching is a few Map
 * look-ups per company instead of a scan over all clients. Build it once per run.
 * Duplicate client ids: the first one wins.
 */
export class ClientIndex {
  readonly maxTokenPostings: number;
  private readonly clients = new Map<string, IndexedClient>();
  private readonly byRule: Record<MatchRule, Map<string, string[]>> = {
    accountNumber: new Map(),
    name: new Map(),
    domain: new Map(),
  };
  private readonly byToken = new Map<string, string[]>();

  constructor(clients: Iterable<MatchClient>, options: ClientIndexOptions = {}) {
    this.maxTokenPostings = options.maxTokenPostings ?? 150;
    const only = options.onlyKeys;
    // Every id counts, kept or not, so the first of a duplicate id always wins.
    const ids = new Set<string>();
    for (const client of clients) {
      if (ids.has(client.id)) continue;
      ids.add(client.id);
      const nameKeys = keysOf(client.name, client.accountNumber, client.website);
      // Most clients share nothing with a page's companies: one pass over their keys tells.
      if (only && !nameKeys.all.some((k) => only.has(k))) continue;
      const { keys, tokens } = nameKeys;
      this.clients.set(client.id, { client, keys, tokens });
      for (const rule of MATCH_RULES) {
        const key = keys[rule];
        if (key && (!only || only.has(key))) push(this.byRule[rule], key, client.id);
      }
      for (const t of tokens) if (!only || only.has(t)) push(this.byToken, t, client.id);
    }
  }

  get size(): number {
    return this.clients.size;
  }

  get(clientId: string): IndexedClient | undefined {
    return this.clients.get(clientId);
  }

  /** Client ids whose key for `rule` equals `key` (already normalised), in input order. */
  lookup(rule: MatchRule, key: string | undefined): readonly string[] {
    return (key && this.byRule[rule].get(key)) || EMPTY;
  }

  /** Client ids having this name token. */
  postings(token: string): readonly string[] {
    return this.byToken.get(token) ?? EMPTY;
  }
}

function push(map: Map<string, string[]>, key: string, id: string): void {
  const list = map.get(key);
  if (list) list.push(id);
  else map.set(key, [id]);
}
