import type { Address, Company, Contact } from '../types';
import { compact, ParseContext } from './context';

export function parseAddress(c: ParseContext, value: unknown): Address | undefined {
  const a = c.obj(value);
  if (!a) return undefined;
  return compact({
    street: c.str(a.street),
    street2: c.str(a.street2),
    city: c.str(a.city),
    stateOrProvince: c.str(a.stateOrProvince),
    postalCode: c.str(a.postalCode),
    country: c.str(a.country),
  });
}

export function parseCompany(c: ParseContext, value: unknown): Company {
  const r = c.record(value, 'company');
  return compact({
    id: c.id(r, 'company'),
    name: c.str(r.name),
    address: parseAddress(c, r.address),
    phone: c.str(r.phone),
    website: c.str(r.website),
    externalId: c.str(r.externalId),
    billOnBehalfOfEnabled: c.bool(r.billOnBehalfOfEnabled),
    selfServiceAllowed: c.bool(r.selfServiceAllowed),
    orderApprovalRequired: c.bool(r.orderApprovalRequired),
    status: c.enumValue('companyStatus', r.status),
    updatedDate: c.date(r.updatedDate, 'company.updatedDate'),
  });
}

export function parseContact(c: ParseContext, value: unknown): Contact {
  const r = c.record(value, 'contact');
  return compact({
    id: c.id(r, 'contact'),
    firstName: c.str(r.firstName),
    lastName: c.str(r.lastName),
    email: c.str(r.email),
    phone: c.str(r.phone),
    phoneNumber: c.str(r.phoneNumber),
    phoneCountryCode: c.str(r.phoneCountryCode),
    phoneCountryCallingCode: c.str(r.phoneCountryCallingCode),
    createdDate: c.date(r.createdDate, 'contact.createdDate'),
    types: c.arr(r.types).map((t) => {
      const o = c.obj(t) ?? {};
      return compact({ type: c.enumValue('contactType', o.type), primary: c.bool(o.primary) });
    }),
  });
}
