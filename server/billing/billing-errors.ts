import { ConflictException, NotFoundException } from '@nestjs/common';

/** Message texts of the billing routes, in one place. */
export const BILLING_MESSAGES = {
  subscriptionNotFound: () => new NotFoundException('No Pax8 subscription with this id has been synced for this tenant.'),
  ruleNotFound: () => new NotFoundException('No pricing rule with this id in this tenant.'),
  invoiceNotFound: () => new NotFoundException('No recurring invoice with this id in this tenant.'),
  mapFirst: (pax8CompanyId: string) =>
    new ConflictException({ statusCode: 409, error: 'Conflict', message: 'Map the company first: billing is configured for subscriptions of a company mapped to a client.', pax8CompanyId }),
  duplicateRule: (ruleId: string) => new ConflictException({ statusCode: 409, error: 'Conflict', message: 'A pricing rule for this target already exists; change that rule instead.', ruleId }),
};
