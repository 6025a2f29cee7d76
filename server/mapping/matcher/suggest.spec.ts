import { ClientIndex } from './client-index';
import { FUZZY_MAX_SCORE, fuzzyCandidates, suggestClients, suggestionKeys } from './suggest';
import { companyNameTokens } from './normalize-name';
import type { MatchClient, MatchCompany } from './types';

const c = (id: string, name: string, accountNumber?: string, website?: string): MatchClient => ({ id, name, accountNumber, website });
const co = (name: string, externalId?: string, website?: string): MatchCompany => ({ id: 'p1', name, externalId, website });

describe('suggestClients', () => {
  const index = new ClientIndex([
    c('acct', 'Something Unrelated', 'ACC-7'),
    c('name', 'Harbor Dental Group LLC'),
    c('dom', 'HDG Holdings', undefined, 'https://www.harbordental.com'),
    c('both', 'Harbor Dental Group', undefined, 'harbordental.com'),
    c('near', 'Harbour Dental Group'),
    c('far', 'Harbor Freight Tools'),
    c('other', 'Zenith Roofing'),
  ]);

  it('ranks by ordered fuzzy similarity', () => {
    const idx = new ClientIndex([c('1', 'Granite Peak Legal'), c('2', 'Granite Peak Legal Partners'), c('3', 'Granite Peak Legal Partners West')]);
    const s = suggestClients(co('Granite Peak Legal Partner'), idx);
    expect(s.map((x) => x.clientId)).toEqual(['2', '1', '3']);
    expect(s[0].score).toBeGreaterThan(s[1].score);
    expect(s[1].score).toBeGreaterThan(s[2].score);
  });

  it('ranks account number > name (+domain) > name > domain > fuzzy, with rules and scores', () => {
    const s = suggestClients(co('Harbor Dental Group, Inc.', 'acc-7', 'harbordental.com'), index, 10);
    expect(s.map((x) => [x.clientId, x.rule, x.score])).toEqual([
      ['acct', 'accountNumber', 1],
      ['both', 'name', 0.9],
      ['name', 'name', 0.9],
      ['dom', 'domain', 0.8],
      ['near', 'fuzzyName', expect.any(Number)],
    ]);
    // A client hit by two rules ranks above one hit by a single rule of the same strength.
    expect(s[1].rules).toEqual(['name', 'domain']);
    expect(s[2].rules).toEqual(['name']);
    // Near-misses score below every exact rule; one shared word of five ("Harbor Freight Tools") is noise.
    expect(s[4].score).toBeLessThan(FUZZY_MAX_SCORE);
    expect(s[4].score).toBeGreaterThan(0.4); // "Harbour" vs "Harbor": 0.7 × mean(Jaccard 2/4, trigram Dice ≈ 0.87)
    expect(s[0].clientName).toBe('Something Unrelated');
  });

  it('returns all clients of an ambiguous rule (that is when a human needs them)', () => {
    const idx = new ClientIndex([c('a', 'Smith Plumbing LLC'), c('b', 'Smith Plumbing Inc')]);
    expect(suggestClients(co('Smith Plumbing'), idx).map((s) => [s.clientId, s.rule])).toEqual([
      ['b', 'name'], // "Smith Plumbing Inc" sorts before "... LLC"
      ['a', 'name'],
    ]);
  });

  it('honours the limit (default 5) and a limit of 0', () => {
    const many = new ClientIndex(Array.from({ length: 9 }, (_, i) => c(`c${i}`, `Kestrel Logistics ${i}`)));
    expect(suggestClients(co('Kestrel Logistics'), many)).toHaveLength(5);
    expect(suggestClients(co('Kestrel Logistics'), many, 2)).toHaveLength(2);
    expect(suggestClients(co('Kestrel Logistics'), many, { limit: 0 })).toEqual([]);
  });

  it('excludes the given clients', () => {
    const s = suggestClients(co('Harbor Dental Group'), index, { excludeClientIds: new Set(['both', 'name']) });
    expect(s.map((x) => x.clientId)).not.toContain('both');
    expect(s.map((x) => x.clientId)).not.toContain('name');
    expect(s[0].clientId).toBe('near');
  });

  it('finds typos and merged words through shared tokens', () => {
    const idx = new ClientIndex([c('x', 'Bluewater Marine Services'), c('y', 'Redwood Realty')]);
    const s = suggestClients(co('Blue Water Marine Svcs'), idx);
    expect(s.map((x) => [x.clientId, x.rule])).toEqual([['x', 'fuzzyName']]);
    expect(s[0].score).toBeGreaterThan(0.2);
  });

  it('offers nothing for an unrelated name, and ignores connector words', () => {
    expect(suggestClients(co('Quillfeather Bakery'), index)).toEqual([]);
    expect(suggestClients(co('The And Of'), index)).toEqual([]);
  });

  it('breaks equal scores by client name (case-folded, then exact) then id, so the dropdown is stable', () => {
    const idx = new ClientIndex([c('2', 'Beta'), c('1', 'Beta'), c('0', 'beta'), c('9', 'alpha beta')]);
    const s = suggestClients(co('BETA'), idx);
    expect(s.map((x) => x.clientId)).toEqual(['1', '2', '0', '9']);
    expect(s[3].rule).toBe('fuzzyName');
  });
});

describe('fuzzyCandidates (index, not scan)', () => {
  const clients = [
    ...Array.from({ length: 300 }, (_, i) => c(`s${i}`, `Vendor${i} Consulting Services`)),
    c('target', 'Quasar Consulting Services'),
  ];
  const index = new ClientIndex(clients, { maxTokenPostings: 50 });

  it('uses only rare tokens when there is one', () => {
    expect([...fuzzyCandidates(companyNameTokens('Quasar Consulting'), index)]).toEqual(['target']);
  });

  it('with only common tokens, takes clients holding the two rarest together', () => {
    const idx = new ClientIndex([...clients, c('cons-only', 'Consulting Partners')], { maxTokenPostings: 50 });
    const found = fuzzyCandidates(companyNameTokens('Consulting Services'), idx);
    expect(found.size).toBe(301);
    expect(found.has('cons-only')).toBe(false);
  });

  it('a single common token yields nothing rather than hundreds of clients', () => {
    expect(fuzzyCandidates(companyNameTokens('Consulting'), index).size).toBe(0);
  });
});

describe('an index restricted to suggestionKeys', () => {
  // Many clients sharing common words, so the rare/common token rule (maxTokenPostings) is exercised too.
  const words = ['harbor', 'dental', 'group', 'peak', 'legal', 'services', 'granite', 'roofing', 'zenith', 'north'];
  const clients = Array.from({ length: 400 }, (_, i) =>
    c(`c${i}`, `${words[i % 10]} ${words[(i * 7) % 10]} ${i % 3 ? '' : words[(i * 3) % 10]} LLC`, i % 5 ? undefined : `ACC-${i % 40}`, i % 4 ? undefined : `https://${words[i % 10]}${i % 20}.com`),
  );
  const companies: MatchCompany[] = [
    co('Harbor Dental Group, Inc.', 'acc-5', 'harbor0.com'),
    co('Granite Peak Legal'),
    co('Services Services'),
    co('Zenith North Roofing', undefined, 'https://zenith2.com'),
    co('Nothing Alike At All'),
  ];

  it('suggests exactly what the full index suggests', () => {
    const full = new ClientIndex(clients, { maxTokenPostings: 30 });
    const restricted = new ClientIndex(clients, { maxTokenPostings: 30, onlyKeys: suggestionKeys(companies) });
    for (const company of companies) {
      const exclude = new Set(['c3', 'c10']);
      expect(suggestClients(company, restricted, { limit: 8, excludeClientIds: exclude })).toEqual(suggestClients(company, full, { limit: 8, excludeClientIds: exclude }));
    }
    expect(restricted.get('c399')?.client.name).toBe(full.get('c399')?.client.name);
  });

  it('keeps only the clients sharing a key or token with the companies, the first of a duplicate id', () => {
    const more = [...clients, c('other', 'Quokka Bakery'), c('c0', 'Harbor Twin'), c('acct', 'Quokka Two', 'ACC-5')];
    const restricted = new ClientIndex(more, { maxTokenPostings: 30, onlyKeys: suggestionKeys(companies) });
    expect(restricted.get('other')).toBeUndefined();
    expect(restricted.get('acct')?.client.name).toBe('Quokka Two');
    expect(restricted.get('c0')?.client.name).toBe(clients[0].name);
    expect(restricted.size).toBe(clients.length + 1);
  });
});
