import type { Company } from '../../pax8-api';
import type { Pax8Company } from '../entities/pax8-company.entity';
import { hashedRecordBuilder } from './content-hash';

export type CompanyRecord = Omit<Pax8Company, 'id' | 'tenantId' | 'createdAt' | 'updatedAt' | 'removedAt' | 'oddValues' | 'assignId'>;

const withHash = hashedRecordBuilder<Omit<CompanyRecord, 'contentHash'>>();

/** What the sync stores of a Pax8 company (missing fields become null, never "unknown"). */
export function toCompanyRecord(c: Company): CompanyRecord {
  const fields = {
    pax8Id: c.id,
    name: c.name ?? '(unnamed company)',
    externalId: c.externalId?.trim() || null,
    website: c.website ?? null,
    phone: c.phone ?? null,
    status: c.status ?? null,
    street: c.address?.street ?? null,
    city: c.address?.city ?? null,
    stateOrProvince: c.address?.stateOrProvince ?? null,
    postalCode: c.address?.postalCode ?? null,
    country: c.address?.country ?? null,
    billOnBehalfOfEnabled: c.billOnBehalfOfEnabled ?? null,
    selfServiceAllowed: c.selfServiceAllowed ?? null,
    orderApprovalRequired: c.orderApprovalRequired ?? null,
    pax8UpdatedAt: c.updatedDate ?? null,
  };
  return withHash(fields);
}

/** Pax8 statuses that mean the company is gone for good; the row stays, marked removed. */
export const isTerminalCompanyStatus = (status: string | null) => status === 'Deleted';
