/**
 * Companies and contacts. Deliberately messy where auto-mapping needs exercise: near-duplicate names
 * ('Northwind Dental LLC' / 'Northwind Dental, Inc.'), shared domains, websites in several forms,
 * externalId on some, and every company status.
 */
import { Dice } from '../random';
import { DAY, isoSeconds } from '../dates';
import { COUNTRIES, CountryInfo, FIRST_NAMES, INDUSTRIES, LAST_NAMES, NAME_PREFIXES, STREETS, slug } from './names';
import type { Row } from './products';

export interface CompanyMeta {
  id: string;
  stem: string;
  tld: string;
  currency: string;
  status: string;
  createdMs: number;
}

export interface GeneratedCompanies {
  companies: Row[];
  contacts: Map<string, Row[]>;
  meta: CompanyMeta[];
}

function legalName(d: Dice, base: string, info: CountryInfo, avoid?: string): string {
  let suffix = d.pick(info.suffixes);
  if (suffix === avoid) suffix = info.suffixes[(info.suffixes.indexOf(suffix) + 1) % info.suffixes.length];
  return suffix === 'Inc.' && d.chance(0.5) ? `${base}, ${suffix}` : `${base} ${suffix}`;
}

function website(d: Dice, stem: string, tld: string): string | undefined {
  const host = `${stem}.${tld}`;
  return d.weighted<string | undefined>([
    [host, 40],
    [`www.${host}`, 25],
    [`https://${host}/`, 10],
    [`https://www.${host}/home`, 8],
    [`http://${host}/about-us`, 7],
    [`${host.toUpperCase()}`, 3],
    [undefined, 7],
  ]);
}

export function contactFor(d: Dice, stem: string, tld: string, types: Row[], createdMs: number, info?: CountryInfo): Row {
  const firstName = d.pick(FIRST_NAMES);
  const lastName = d.pick(LAST_NAMES);
  const c: Row = {
    id: d.uuid(),
    firstName,
    lastName,
    email: `${slug(firstName)}.${slug(lastName)}@${stem}.${tld}`,
    phone: info ? info.phone(d.int(0, 1e6)) : '303-555-0100',
    createdDate: isoSeconds(createdMs),
    types,
  };
  // Live contacts may carry the split phone fields too (§5, [L S10]).
  if (d.chance(0.3)) Object.assign(c, { phoneNumber: '5550100', phoneCountryCode: 'US', phoneCountryCallingCode: '1' });
  return c;
}

const primaryAll = () => ['Admin', 'Billing', 'Technical'].map((type) => ({ type, primary: true }));

export function generateCompanies(d: Dice, n: number, anchor: number): GeneratedCompanies {
  const companies: Row[] = [];
  const contacts = new Map<string, Row[]>();
  const meta: CompanyMeta[] = [];
  const usedBases = new Set<string>();
  let prev: { base: string; info: CountryInfo; stem: string; tld: string; name: string; place: readonly [string, string, string] } | undefined;

  for (let i = 0; i < n; i++) {
    let info: CountryInfo = d.weighted(COUNTRIES);
    let base: string;
    let stem: string;
    let tld: string;
    let place = d.pick(info.places);
    let name: string;
    // Near-duplicates of the previous company: same base, another legal form, same domain.
    const nearDup = prev && (i === 1 || i % 25 === 0);
    if (i === 0) {
      info = COUNTRIES[0][0];
      place = info.places[0];
      base = 'Northwind Dental';
      stem = slug(base);
      tld = 'com';
      name = 'Northwind Dental LLC';
    } else if (nearDup && prev) {
      info = prev.info;
      place = prev.place;
      base = prev.base;
      stem = prev.stem;
      tld = prev.tld;
      name = i === 1 ? `${base}, Inc.` : legalName(d, base, info, prev.name.split(' ').pop());
      if (name === prev.name) name = `${base}, Inc.`;
    } else {
      base = `${d.pick(NAME_PREFIXES)} ${d.pick(INDUSTRIES)}`;
      if (usedBases.has(base)) base = `${base} of ${place[0]}`;
      if (usedBases.has(base)) base = `${base} ${i}`;
      stem = slug(base);
      tld = d.pick(info.tlds);
      name = legalName(d, base, info);
    }
    usedBases.add(base);
    prev = { base, info, stem, tld, name, place };

    const status =
      n >= 3 && i === n - 1 ? 'Deleted' : n >= 3 && i === n - 2 ? 'Inactive' : d.weighted([['Active', 90], ['Inactive', 6], ['Deleted', 4]] as const);
    const id = d.uuid();
    const createdMs = anchor - d.int(400, 2000) * DAY;
    const address: Row = {
      street: `${d.int(1, 9999)} ${d.pick(STREETS)}`,
      ...(d.chance(0.2) ? { street2: `Suite ${d.int(100, 900)}` } : {}),
      city: place[0],
      stateOrProvince: place[1],
      postalCode: place[2],
      country: info.country,
    };
    const c: Row = { id, name, address };
    if (d.chance(0.93)) c.phone = info.phone(d.int(0, 1e6));
    const site = website(d, stem, tld);
    if (site) c.website = site;
    if (d.chance(0.4)) c.externalId = `PSA-${1000 + i}`;
    if (i === 0) Object.assign(c, { website: 'northwinddental.com', externalId: 'PSA-1042' }); // the §9 example
    if (i === 1) c.website = 'https://www.northwinddental.com/';
    c.billOnBehalfOfEnabled = d.chance(0.15);
    if (d.chance(0.9)) c.selfServiceAllowed = d.chance(0.2);
    if (d.chance(0.9)) c.orderApprovalRequired = d.chance(0.1);
    c.status = status;
    if (d.chance(0.95)) c.updatedDate = isoSeconds(anchor - d.int(1, 300) * DAY - d.int(0, 86_399) * 1000);
    companies.push(c);

    const list: Row[] = [];
    if (status === 'Active') {
      if (d.chance(0.5)) list.push(contactFor(d, stem, tld, primaryAll(), createdMs, info));
      else {
        list.push(contactFor(d, stem, tld, [{ type: 'Admin', primary: true }, { type: 'Technical', primary: true }], createdMs, info));
        list.push(contactFor(d, stem, tld, [{ type: 'Billing', primary: true }], createdMs + DAY, info));
      }
    } else if (d.chance(0.5)) {
      // Inactive: a contact exists but is not primary for every type (§7).
      list.push(contactFor(d, stem, tld, [{ type: 'Technical', primary: false }], createdMs, info));
    }
    contacts.set(id, list);
    meta.push({ id, stem, tld, currency: info.currency, status, createdMs });
  }
  return { companies, contacts, meta };
}
