/**
 * Auto-mapping at MSP scale: 20,000 host clients, 5,000 Pax8 companies, generated deterministically.
 * Run: npx ts-node --transpile-only bench/mapping.bench.ts   (or call runMappingBench() from bench/run.ts)
 */
import { mulberry32 } from '../server/sandbox/random';
import { performance } from 'node:perf_hooks';
import {
  ClientIndex,
  matchCompanies,
  suggestClients,
  type MatchClient,
  type MatchCompany,
} from '../server/mapping/matcher';

export interface MappingBenchOptions {
  clients?: number;
  companies?: number;
  seed?: number;
  /** How many clients count as already mapped (taken from the front). */
  mappedClients?: number;
}

export interface MappingBenchResult {
  clients: number;
  companies: number;
  indexBuildMs: number;
  matchMs: number;
  suggestMs: number;
  matched: number;
  matchedByRule: Record<string, number>;
  ambiguous: number;
  ambiguousByReason: Record<string, number>;
  noCandidate: number;
  suggestedCompanies: number;
  suggestionsTotal: number;
  companiesWithSuggestion: number;
}

/** The sandbox's seeded PRNG, so every run sees the same data. */
const prng = mulberry32;

const BRANDS = [
  'Acme', 'Summit', 'Blue Ridge', 'Northwind', 'Contoso', 'Fabrikam', 'Pinnacle', 'Evergreen', 'Redwood', 'Harbor',
  'Cedar', 'Granite', 'Silver Lake', 'Ironwood', 'Maple', 'Oakridge', 'Riverside', 'Lakeside', 'Sunrise', 'Keystone',
  'Liberty', 'Frontier', 'Atlas', 'Beacon', 'Crescent', 'Falcon', 'Horizon', 'Meridian', 'Orion', 'Sterling',
  'Müller', 'Zürich', 'Crème', 'Søren', 'Björk', 'Café Noir', "O'Neill", 'Smith', 'Johnson', 'Nguyen',
];
const SYLLABLES = ['ka', 'lo', 'mer', 'tri', 'van', 'zen', 'bor', 'qui', 'sal', 'dor', 'fen', 'gra', 'hex', 'lum', 'nov', 'pax'];
const INDUSTRY = [
  'Plumbing', 'Dental', 'Legal', 'Consulting', 'Accounting', 'Logistics', 'Construction', 'Medical', 'Realty',
  'Engineering', 'Marketing', 'Insurance', 'Roofing', 'Veterinary', 'Architects', 'Solutions', 'Services', 'Group',
];
const SUFFIXES = ['', '', 'Inc.', 'Inc', 'LLC', 'L.L.C.', 'Ltd', 'Limited', 'Pty Ltd', 'GmbH', 'Corp.', 'Co., Ltd.', 'S.A.', 'B.V.', 'PLC'];
const TLDS = ['com', 'com', 'com', 'net', 'co.uk', 'com.au', 'de', 'nl', 'io'];
const FREE = ['gmail.com', 'outlook.com', 'hotmail.com', 'yahoo.com'];

function pick<T>(rnd: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rnd() * xs.length)];
}

function slug(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, '');
}

function generate(opts: Required<MappingBenchOptions>): { clients: MatchClient[]; companies: MatchCompany[] } {
  const rnd = prng(opts.seed);
  const clients: MatchClient[] = [];
  for (let i = 0; i < opts.clients; i++) {
    const coined = pick(rnd, SYLLABLES) + pick(rnd, SYLLABLES) + pick(rnd, SYLLABLES);
    const brand = rnd() < 0.1 ? pick(rnd, BRANDS) : coined[0].toUpperCase() + coined.slice(1);
    const base = `${brand} ${pick(rnd, INDUSTRY)}${rnd() < 0.2 ? ` & ${pick(rnd, INDUSTRY)}` : ''}`;
    const name = `${base}${(() => { const s = pick(rnd, SUFFIXES); return s ? ` ${s}` : ''; })()}`;
    const r = rnd();
    const website =
      r < 0.6 ? `https://www.${slug(base)}.${pick(rnd, TLDS)}` : r < 0.7 ? `info@${pick(rnd, FREE)}` : r < 0.75 ? 'n/a' : undefined;
    clients.push({ id: `cl-${i}`, name, accountNumber: rnd() < 0.5 ? `A${String(100000 + i)}` : undefined, website });
  }

  const companies: MatchCompany[] = [];
  for (let i = 0; i < opts.companies; i++) {
    const r = rnd();
    if (r < 0.65) {
      // A company that exists in the PSA, spelt the Pax8 way.
      const c = clients[Math.floor(rnd() * clients.length)];
      const base = c.name.replace(/\s+(Inc\.?|LLC|L\.L\.C\.|Ltd|Limited|Pty Ltd|GmbH|Corp\.|Co\., Ltd\.|S\.A\.|B\.V\.|PLC)$/, '');
      const variant = rnd() < 0.5 ? base.toUpperCase().replace(/&/g, 'AND') : `${base}, ${pick(rnd, SUFFIXES)}`;
      companies.push({
        id: `co-${i}`,
        name: rnd() < 0.85 ? variant : `${base.slice(0, -1)}x`,
        externalId: c.accountNumber && rnd() < 0.4 ? ` ${c.accountNumber.toLowerCase()} ` : undefined,
        website: c.website && rnd() < 0.5 ? c.website.replace('https://www.', 'http://shop.') + ':8443/store' : undefined,
      });
    } else {
      const coined = pick(rnd, SYLLABLES) + pick(rnd, SYLLABLES) + pick(rnd, SYLLABLES) + pick(rnd, SYLLABLES);
      const name = `${coined} ${pick(rnd, INDUSTRY)} ${pick(rnd, SUFFIXES)}`;
      companies.push({ id: `co-${i}`, name, website: rnd() < 0.5 ? `${coined}.${pick(rnd, TLDS)}` : undefined });
    }
  }
  return { clients, companies };
}

function count<T>(xs: readonly T[], key: (x: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of xs) out[key(x)] = (out[key(x)] ?? 0) + 1;
  return out;
}

export function runMappingBench(options: MappingBenchOptions = {}): MappingBenchResult {
  const opts: Required<MappingBenchOptions> = {
    clients: options.clients ?? 20_000,
    companies: options.companies ?? 5_000,
    seed: options.seed ?? 8,
    mappedClients: options.mappedClients ?? 500,
  };
  const { clients, companies } = generate(opts);
  const mappedClientIds = new Set(clients.slice(0, opts.mappedClients).map((c) => c.id));

  let t = performance.now();
  const index = new ClientIndex(clients);
  const indexBuildMs = performance.now() - t;

  t = performance.now();
  const result = matchCompanies(companies, index, { mappedClientIds });
  const matchMs = performance.now() - t;

  // Suggestions for everything left for a human: the ambiguous and the no-candidate companies.
  const byId = new Map(companies.map((c) => [c.id, c]));
  const left = [...result.ambiguous.map((a) => a.companyId), ...result.noCandidate].map((id) => byId.get(id)!);
  t = performance.now();
  let suggestionsTotal = 0;
  let companiesWithSuggestion = 0;
  for (const c of left) {
    const s = suggestClients(c, index, 5);
    suggestionsTotal += s.length;
    if (s.length > 0) companiesWithSuggestion++;
  }
  const suggestMs = performance.now() - t;

  const r2 = (x: number) => Math.round(x * 100) / 100;
  return {
    clients: index.size,
    companies: companies.length,
    indexBuildMs: r2(indexBuildMs),
    matchMs: r2(matchMs),
    suggestMs: r2(suggestMs),
    matched: result.matched.length,
    matchedByRule: count(result.matched, (m) => m.rule),
    ambiguous: result.ambiguous.length,
    ambiguousByReason: count(result.ambiguous, (a) => a.reason),
    noCandidate: result.noCandidate.length,
    suggestedCompanies: left.length,
    suggestionsTotal,
    companiesWithSuggestion,
  };
}

if (require.main === module) {
  runMappingBench(); // warm-up: JIT and tldts tables, so the figures show steady state
  console.log(JSON.stringify(runMappingBench(), null, 2));
}
