import { AgentToolPolicy } from './agent-tools/agent-tool-policy.entity';
import { ApprovalRequest } from './agent-tools/approval-request.entity';
import { AuditLogEntry } from './audit/audit-log-entry.entity';
import { SubscriptionBilling } from './billing/subscription-billing.entity';
import { Pax8Integration } from './connection/pax8-integration.entity';
import { CompanyMapping } from './mapping/company-mapping.entity';
import { Pax8Company } from './sync/entities/pax8-company.entity';
import { Pax8Product } from './sync/entities/pax8-product.entity';
import { Pax8Subscription } from './sync/entities/pax8-subscription.entity';
import { SyncLease } from './sync/entities/sync-lease.entity';
import { SyncRun } from './sync/entities/sync-run.entity';

/** Every entity of the plugin: a host that owns the DataSource adds these to its `entities`. */
export const PAX8_ENTITIES = [
  Pax8Integration,
  Pax8Company,
  Pax8Subscription,
  Pax8Product,
  CompanyMapping,
  SubscriptionBilling,
  SyncRun,
  SyncLease,
  AuditLogEntry,
  AgentToolPolicy,
  ApprovalRequest,
];

export {
  AgentToolPolicy,
  ApprovalRequest,
  AuditLogEntry,
  CompanyMapping,
  Pax8Company,
  Pax8Integration,
  Pax8Product,
  Pax8Subscription,
  SubscriptionBilling,
  SyncLease,
  SyncRun,
};
