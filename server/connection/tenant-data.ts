import { ApprovalRequest } from '../agent-tools/approval-request.entity';
import { SubscriptionBilling } from '../billing/subscription-billing.entity';
import { CompanyMapping } from '../mapping/company-mapping.entity';
import { Pax8Company } from '../sync/entities/pax8-company.entity';
import { Pax8Product } from '../sync/entities/pax8-product.entity';
import { Pax8Subscription } from '../sync/entities/pax8-subscription.entity';
import { SyncLease } from '../sync/entities/sync-lease.entity';
import { SyncRun } from '../sync/entities/sync-run.entity';
import { Pax8Integration } from './pax8-integration.entity';

/**
 * What a disconnect removes, children before parents. The audit log and agent tool policies stay:
 * the log is the record of the disconnect itself, and policies are the tenant's choices, not Pax8 data.
 */
export const TENANT_DATA_ENTITIES = [
  SubscriptionBilling,
  CompanyMapping,
  Pax8Subscription,
  Pax8Company,
  Pax8Product,
  ApprovalRequest,
  SyncRun,
  SyncLease,
  Pax8Integration,
] as const;
