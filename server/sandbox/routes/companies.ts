/** /v1/companies and nested contacts (§4, §5, §7 activation rule). */
import type { Router, Ctx } from '../router';
import type { Row } from '../generator/products';
import { detail, ErrorDetail, notFound, unprocessable, badRequest } from '../errors';
import { applySort, matches, pageOf, parsePage } from '../pagination';
import { renderCompany, renderContact } from '../serialize';
import { isoSeconds } from '../dates';
import type { PartnerState } from '../partner-state';

const CONTACT_TYPES = ['Admin', 'Billing', 'Technical'];
const UPDATABLE = ['name', 'address', 'phone', 'website', 'externalId', 'billOnBehalfOfEnabled', 'selfServiceAllowed', 'orderApprovalRequired'];
const BOOLEANS = ['billOnBehalfOfEnabled', 'selfServiceAllowed', 'orderApprovalRequired'];

export function getCompany(ctx: Ctx, id: string): Row {
  const c = ctx.state.store.companies.get(id);
  if (!c) throw notFound('Company', id);
  return c;
}

function asObject(body: unknown): Row {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw badRequest('Request body must be a JSON object');
  return body as Row;
}

function hasAllPrimaries(contacts: Row[]): boolean {
  const primary = new Set<string>();
  for (const c of contacts) for (const t of (c.types as Row[] | undefined) ?? []) if (t.primary) primary.add(t.type as string);
  return CONTACT_TYPES.every((t) => primary.has(t));
}

/** §7: Active with a primary Admin, Billing and Technical contact; otherwise Inactive. Deleted stays. */
function refreshStatus(state: PartnerState, company: Row, now: number): void {
  if (company.status === 'Deleted') return;
  const next = hasAllPrimaries(state.store.contacts.get(company.id as string) ?? []) ? 'Active' : 'Inactive';
  if (next !== company.status) Object.assign(company, { status: next, updatedDate: isoSeconds(now) });
}

function validateContact(body: Row, at: string): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  for (const f of ['firstName', 'lastName', 'email', 'phone'])
    if (typeof body[f] !== 'string' || !(body[f] as string).trim()) problems.push(detail(`${f} is required`, `${at}.${f}`));
  if (typeof body.email === 'string' && body.email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(body.email))
    problems.push(detail('email is not a valid email address', `${at}.email`));
  const types = body.types;
  if (types !== undefined && !Array.isArray(types)) problems.push(detail('types must be an array', `${at}.types`));
  for (const t of Array.isArray(types) ? (types as Row[]) : [])
    if (!CONTACT_TYPES.includes(t?.type as string)) problems.push(detail(`Unknown contact type: ${t?.type}`, `${at}.types`));
  return problems;
}

function newContact(ctx: Ctx, body: Row): Row {
  return {
    id: ctx.state.ids.uuid(),
    firstName: body.firstName,
    lastName: body.lastName,
    email: body.email,
    phone: body.phone,
    createdDate: isoSeconds(ctx.now),
    types: Array.isArray(body.types) ? (body.types as Row[]).map((t) => ({ type: t.type, primary: !!t.primary })) : [],
  };
}

function validateCompany(body: Row, creating: boolean): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const need = (f: string, ok: boolean, msg: string) => {
    if ((creating || f in body) && !ok) problems.push(detail(msg, `$.${f}`));
  };
  need('name', typeof body.name === 'string' && body.name.trim() !== '', 'name is required');
  const a = body.address as Row | undefined;
  need('address', !!a && typeof a === 'object' && ['street', 'city', 'postalCode', 'country'].every((k) => typeof a[k] === 'string' && a[k] !== ''), 'address needs street, city, postalCode and country');
  if (a && typeof a.country === 'string' && !/^[A-Z]{2}$/.test(a.country)) problems.push(detail('address.country must be an ISO 3166 alpha-2 code', '$.address.country'));
  need('phone', typeof body.phone === 'string' && body.phone !== '', 'phone is required');
  need('website', typeof body.website === 'string' && body.website !== '', 'website is required');
  for (const b of BOOLEANS) need(b, typeof body[b] === 'boolean', `${b} is required and must be a boolean`);
  return problems;
}

export function registerCompanies(r: Router): void {
  r.add('GET', '/v1/companies', (ctx) => {
    const q = ctx.query;
    const req = parsePage(q);
    const filters: Array<[string, (c: Row) => unknown]> = [
      ['city', (c) => (c.address as Row | undefined)?.city],
      ['country', (c) => (c.address as Row | undefined)?.country],
      ['stateOrProvince', (c) => (c.address as Row | undefined)?.stateOrProvince],
      ['postalCode', (c) => (c.address as Row | undefined)?.postalCode],
      ['selfServiceAllowed', (c) => c.selfServiceAllowed],
      ['billOnBehalfOfEnabled', (c) => c.billOnBehalfOfEnabled],
      ['orderApprovalRequired', (c) => c.orderApprovalRequired],
      ['status', (c) => c.status],
    ];
    const active = filters.filter(([k]) => q.get(k) !== null);
    let rows = [...ctx.state.store.companies.values()];
    if (active.length) rows = rows.filter((c) => active.every(([k, get]) => matches(get(c), q.get(k))));
    const addr = (f: string) => (c: Row) => (c.address as Row | undefined)?.[f];
    rows = applySort(rows, q, { name: (c) => c.name, city: addr('city'), country: addr('country'), stateOrProvince: addr('stateOrProvince'), postalCode: addr('postalCode') });
    return { status: 200, body: pageOf(rows, req, (c) => renderCompany(c, ctx.quirks)) };
  });

  r.add('POST', '/v1/companies', (ctx) => {
    const body = asObject(ctx.body);
    const problems = validateCompany(body, true);
    const contactBodies = Array.isArray(body.contacts) ? (body.contacts as Row[]) : [];
    contactBodies.forEach((c, i) => problems.push(...validateContact(c ?? {}, `$.contacts[${i}]`)));
    if (problems.length) throw unprocessable('Company is not valid', problems);
    const a = body.address as Row;
    const company: Row = {
      id: ctx.state.ids.uuid(),
      name: (body.name as string).trim(),
      address: { street: a.street, ...(a.street2 ? { street2: a.street2 } : {}), city: a.city, stateOrProvince: a.stateOrProvince, postalCode: a.postalCode, country: a.country },
      phone: body.phone,
      website: body.website,
      ...(typeof body.externalId === 'string' ? { externalId: body.externalId } : {}),
      billOnBehalfOfEnabled: body.billOnBehalfOfEnabled,
      selfServiceAllowed: body.selfServiceAllowed,
      orderApprovalRequired: body.orderApprovalRequired,
      status: 'Inactive',
      updatedDate: isoSeconds(ctx.now),
    };
    ctx.state.store.companies.set(company.id as string, company);
    ctx.state.store.contacts.set(company.id as string, contactBodies.map((c) => newContact(ctx, c)));
    refreshStatus(ctx.state, company, ctx.now);
    return { status: 200, body: renderCompany(company, ctx.quirks) };
  });

  r.add('GET', '/v1/companies/:id', (ctx) => ({ status: 200, body: renderCompany(getCompany(ctx, ctx.params.id), ctx.quirks) }));

  r.add('PATCH', '/v1/companies/:id', (ctx) => {
    const company = getCompany(ctx, ctx.params.id);
    const body = asObject(ctx.body);
    const problems = validateCompany(body, false);
    if (problems.length) throw unprocessable('Company update is not valid', problems);
    const changed = UPDATABLE.filter((f) => f in body && JSON.stringify(body[f]) !== JSON.stringify(company[f]));
    if (!changed.length) throw unprocessable('At least one field must change', [detail('No changed field in the update')]);
    for (const f of changed) company[f] = body[f];
    company.updatedDate = isoSeconds(ctx.now);
    return { status: 200, body: renderCompany(company, ctx.quirks) };
  });

  const contactsOf = (ctx: Ctx) => {
    const company = getCompany(ctx, ctx.params.id);
    let list = ctx.state.store.contacts.get(company.id as string);
    if (!list) ctx.state.store.contacts.set(company.id as string, (list = []));
    return { company, list };
  };
  const findContact = (ctx: Ctx) => {
    const { company, list } = contactsOf(ctx);
    const i = list.findIndex((c) => c.id === ctx.params.contactId);
    if (i < 0) throw notFound('Contact', ctx.params.contactId);
    return { company, list, i };
  };

  r.add('GET', '/v1/companies/:id/contacts', (ctx) => {
    const req = parsePage(ctx.query);
    const { list } = contactsOf(ctx);
    // Newest first (§4); ties keep the reverse insertion order.
    const rows = [...list].reverse().sort((a, b) => String(b.createdDate).localeCompare(String(a.createdDate)));
    return { status: 200, body: pageOf(rows, req, (c) => renderContact(c, ctx.quirks)) };
  });
  r.add('POST', '/v1/companies/:id/contacts', (ctx) => {
    const { company, list } = contactsOf(ctx);
    const body = asObject(ctx.body);
    const problems = validateContact(body, '$');
    if (problems.length) throw unprocessable('Contact is not valid', problems);
    const c = newContact(ctx, body);
    list.push(c);
    refreshStatus(ctx.state, company, ctx.now);
    return { status: 200, body: renderContact(c, ctx.quirks) };
  });
  r.add('GET', '/v1/companies/:id/contacts/:contactId', (ctx) => {
    const { list, i } = findContact(ctx);
    return { status: 200, body: renderContact(list[i], ctx.quirks) };
  });
  r.add('PUT', '/v1/companies/:id/contacts/:contactId', (ctx) => {
    const { company, list, i } = findContact(ctx);
    const body = asObject(ctx.body);
    const problems = validateContact(body, '$');
    if (problems.length) throw unprocessable('Contact is not valid', problems);
    list[i] = { ...newContact(ctx, body), id: list[i].id, createdDate: list[i].createdDate };
    refreshStatus(ctx.state, company, ctx.now);
    return { status: 200, body: renderContact(list[i], ctx.quirks) };
  });
  r.add('DELETE', '/v1/companies/:id/contacts/:contactId', (ctx) => {
    const { company, list, i } = findContact(ctx);
    list.splice(i, 1);
    refreshStatus(ctx.state, company, ctx.now);
    return { status: 204 };
  });
}
