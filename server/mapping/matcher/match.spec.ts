import { ClientIndex } from './client-index';
import { decideCompany, matchCompanies } from './match';
import type { MatchClient, MatchCompany } from './types';

const client = (id: string, name: string, accountNumber?: string, website?: string): MatchClient => ({
  id,
  name,
  accountNumber,
  website,
});
const company = (id: string, name: string, externalId?: string, website?: string): MatchCompany => ({
  id,
  name,
  externalId,
  website,
});

describe('matchCompanies', () => {
  describe('each rule alone', () => {
    const index = new ClientIndex([
      client('c1', 'Northwind Traders Inc.', 'ACC-001', 'https://northwind.com'),
      client('c2', 'Contoso Ltd', undefined, 'contoso.co.uk'),
      client('c3', 'Fabrikam GmbH', 'FAB-9'),
    ]);

    it.each([
      ['account number, trimmed and case-insensitive', company('p1', 'Something Else', '  acc-001 '), 'c1', 'accountNumber'],
      ['normalized name', company('p1', 'NORTHWIND TRADERS, LLC'), 'c1', 'name'],
      ['registrable domain', company('p1', 'NW', undefined, 'http://shop.northwind.com:8080/x'), 'c1', 'domain'],
      ['co.uk domain', company('p1', 'Contoso Europe', undefined, 'www.contoso.co.uk'), 'c2', 'domain'],
    ] as const)('matches by %s', (_label, co, clientId, rule) => {
      expect(matchCompanies([co], index)).toEqual({
        matched: [{ companyId: 'p1', clientId, rule }],
        ambiguous: [],
        noCandidate: [],
      });
    });

    it('reports a company nothing matches', () => {
      expect(matchCompanies([company('p9', 'Unknown Co', 'X-1', 'unknown.org')], index)).toEqual({
        matched: [],
        ambiguous: [],
        noCandidate: ['p9'],
      });
    });

    it('does not match on a free-mail domain', () => {
      const idx = new ClientIndex([client('c1', 'Alpha', undefined, 'alpha@gmail.com')]);
      expect(matchCompanies([company('p1', 'Beta', undefined, 'https://gmail.com')], idx).noCandidate).toEqual(['p1']);
    });

    it('does not match on an empty account number or empty name', () => {
      const idx = new ClientIndex([client('c1', '!!!', '  ')]);
      expect(matchCompanies([company('p1', '...', ' ')], idx).noCandidate).toEqual(['p1']);
    });
  });

  describe('rule order', () => {
    it('prefers the account number over a name that points elsewhere', () => {
      const index = new ClientIndex([client('c1', 'Alpha', 'A1'), client('c2', 'Beta')]);
      expect(matchCompanies([company('p1', 'Beta', 'a1')], index).matched).toEqual([
        { companyId: 'p1', clientId: 'c1', rule: 'accountNumber' },
      ]);
    });

    it('prefers the name over a domain that points elsewhere', () => {
      const index = new ClientIndex([client('c1', 'Alpha'), client('c2', 'Beta', undefined, 'alpha.com')]);
      expect(matchCompanies([company('p1', 'Alpha Inc', undefined, 'www.alpha.com')], index).matched).toEqual([
        { companyId: 'p1', clientId: 'c1', rule: 'name' },
      ]);
    });

    it('falls through a rule that finds nothing (unknown account number → name)', () => {
      const index = new ClientIndex([client('c1', 'Alpha', 'A1')]);
      expect(matchCompanies([company('p1', 'Alpha', 'ZZZ')], index).matched).toEqual([
        { companyId: 'p1', clientId: 'c1', rule: 'name' },
      ]);
    });

    it('falls through to the domain when account number and name find nothing', () => {
      const index = new ClientIndex([client('c1', 'Alpha', 'A1', 'alpha.com.au')]);
      expect(matchCompanies([company('p1', 'Alfa Pty', 'B2', 'alpha.com.au')], index).matched).toEqual([
        { companyId: 'p1', clientId: 'c1', rule: 'domain' },
      ]);
    });
  });

  describe('ambiguity', () => {
    it('two clients with one name → ambiguous at the name rule, listing both', () => {
      const index = new ClientIndex([client('c1', 'Smith Plumbing LLC'), client('c2', 'Smith Plumbing, Inc.')]);
      expect(matchCompanies([company('p1', 'Smith Plumbing')], index)).toEqual({
        matched: [],
        ambiguous: [{ companyId: 'p1', rule: 'name', reason: 'multipleClients', clientIds: ['c1', 'c2'] }],
        noCandidate: [],
      });
    });

    it('ambiguity at a stronger rule stops: a unique domain does not break a name tie', () => {
      const index = new ClientIndex([
        client('c1', 'Smith Plumbing', undefined, 'smith-austin.com'),
        client('c2', 'Smith Plumbing', undefined, 'smith-dallas.com'),
      ]);
      const r = matchCompanies([company('p1', 'Smith Plumbing', undefined, 'smith-dallas.com')], index);
      expect(r.matched).toEqual([]);
      expect(r.ambiguous).toEqual([{ companyId: 'p1', rule: 'name', reason: 'multipleClients', clientIds: ['c1', 'c2'] }]);
    });

    it('ambiguity at the account number stops even when the name is unique', () => {
      const index = new ClientIndex([client('c1', 'Alpha', 'dup'), client('c2', 'Beta', 'DUP')]);
      expect(matchCompanies([company('p1', 'Alpha', 'Dup')], index).ambiguous).toEqual([
        { companyId: 'p1', rule: 'accountNumber', reason: 'multipleClients', clientIds: ['c1', 'c2'] },
      ]);
    });

    it('two clients on one domain → ambiguous at the domain rule', () => {
      const index = new ClientIndex([
        client('c1', 'Acme East', undefined, 'east.acme.com'),
        client('c2', 'Acme West', undefined, 'https://west.acme.com'),
      ]);
      expect(matchCompanies([company('p1', 'Acme', undefined, 'acme.com')], index).ambiguous).toEqual([
        { companyId: 'p1', rule: 'domain', reason: 'multipleClients', clientIds: ['c1', 'c2'] },
      ]);
    });
  });

  describe('already-mapped clients', () => {
    const index = new ClientIndex([client('c1', 'Alpha', 'A1'), client('c2', 'Beta')]);

    it('never steals a client mapped to another company: ambiguous, for a human', () => {
      const r = matchCompanies([company('p1', 'Alpha')], index, { mappedClientIds: new Set(['c1']) });
      expect(r).toEqual({
        matched: [],
        ambiguous: [{ companyId: 'p1', rule: 'name', reason: 'clientAlreadyMapped', clientIds: ['c1'] }],
        noCandidate: [],
      });
    });

    it('does not fall through to a weaker rule to find an unmapped client instead', () => {
      const idx = new ClientIndex([client('c1', 'Alpha', 'A1'), client('c2', 'Other', undefined, 'alpha.com')]);
      const r = matchCompanies([company('p1', 'Zed', 'a1', 'alpha.com')], idx, { mappedClientIds: new Set(['c1']) });
      expect(r.ambiguous).toEqual([{ companyId: 'p1', rule: 'accountNumber', reason: 'clientAlreadyMapped', clientIds: ['c1'] }]);
    });

    it('maps onto an already-mapped client when several companies per client are allowed', () => {
      const r = matchCompanies([company('p1', 'Alpha')], index, {
        mappedClientIds: new Set(['c1']),
        allowMultipleCompaniesPerClient: true,
      });
      expect(r.matched).toEqual([{ companyId: 'p1', clientId: 'c1', rule: 'name' }]);
    });

    it('leaves other companies unaffected', () => {
      const r = matchCompanies([company('p1', 'Alpha'), company('p2', 'Beta')], index, { mappedClientIds: new Set(['c1']) });
      expect(r.matched).toEqual([{ companyId: 'p2', clientId: 'c2', rule: 'name' }]);
    });
  });

  describe('one client per run', () => {
    const index = new ClientIndex([client('c1', 'Alpha', 'A1', 'alpha.com'), client('c2', 'Beta')]);

    it('two companies uniquely matching one client both become ambiguous', () => {
      const r = matchCompanies([company('p1', 'Alpha Inc'), company('p2', 'Zed', undefined, 'alpha.com'), company('p3', 'Beta')], index);
      expect(r).toEqual({
        matched: [{ companyId: 'p3', clientId: 'c2', rule: 'name' }],
        ambiguous: [
          { companyId: 'p1', rule: 'name', reason: 'clientClaimedTwice', clientIds: ['c1'] },
          { companyId: 'p2', rule: 'domain', reason: 'clientClaimedTwice', clientIds: ['c1'] },
        ],
        noCandidate: [],
      });
    });

    it('an account-number claim does not beat a name claim on the same client (both for a human)', () => {
      const r = matchCompanies([company('p1', 'Zed', 'A1'), company('p2', 'Alpha')], index);
      expect(r.matched).toEqual([]);
      expect(r.ambiguous.map((a) => [a.companyId, a.rule, a.reason])).toEqual([
        ['p1', 'accountNumber', 'clientClaimedTwice'],
        ['p2', 'name', 'clientClaimedTwice'],
      ]);
    });

    it('both map when several companies per client are allowed', () => {
      const r = matchCompanies([company('p1', 'Alpha'), company('p2', 'ALPHA LLC')], index, {
        allowMultipleCompaniesPerClient: true,
      });
      expect(r.matched).toEqual([
        { companyId: 'p1', clientId: 'c1', rule: 'name' },
        { companyId: 'p2', clientId: 'c1', rule: 'name' },
      ]);
    });

    it('a company id passed twice is decided once and does not block itself', () => {
      const r = matchCompanies([company('p1', 'Alpha'), company('p1', 'Alpha')], index);
      expect(r.matched).toEqual([{ companyId: 'p1', clientId: 'c1', rule: 'name' }]);
      expect(r.ambiguous).toEqual([]);
    });
  });

  it('keeps input order and sorts every company into exactly one bucket', () => {
    const clients = Array.from({ length: 50 }, (_, i) => client(`c${i}`, `Client ${i} Ltd`, i % 2 ? `N${i}` : undefined));
    const index = new ClientIndex(clients);
    const companies = [
      ...Array.from({ length: 30 }, (_, i) => company(`p${i}`, `Client ${i}`)),
      company('px', 'Nobody'),
    ];
    const r = matchCompanies(companies, index);
    expect(r.matched.map((m) => m.companyId)).toEqual(companies.slice(0, 30).map((c) => c.id));
    expect(r.noCandidate).toEqual(['px']);
    expect(r.matched.length + r.ambiguous.length + r.noCandidate.length).toBe(companies.length);
  });

  it('the first client wins when the host lists one id twice', () => {
    const index = new ClientIndex([client('c1', 'Alpha'), client('c1', 'Beta')]);
    expect(index.size).toBe(1);
    expect(decideCompany(company('p1', 'Beta'), index)).toEqual({ kind: 'none', companyId: 'p1' });
  });
});
