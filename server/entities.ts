import { AgentToolPolicy } from './agent-tools/agent-tool-policy.entity';
import { ApprovalRequest } from './agent-tools/approval-request.entity';
import { OrderLedgerEntry } from './agent-tools/order-ledger-entry.entity';
import { ScheduledChange } from './agent-tools/scheduled-change.entity';
import { AuditLogEntry } from './audit/audit-log-entry.entity';
import './billing/billing-indexes';
import './mapping/mapping-indexes';
import { InvoiceLink } from './billing/invoice-link.entity';
import { PricingRule } from './billing/pricing-rule.entity';
import { SubscriptionBilling } from './billing/subscription-billing.entity';
import { Pax8Integration } from './connection/pax8-integration.entity';
import { DelegatedGrant } from './connection/delegated/delegated-grant.entity';
import { OAuthState } from './connection/delegated/oauth-state.entity';
import { WebhookEvent } from './webhooks/webhook-event.entity';
import { WebhookRegistration } from './webhooks/webhook-registration.entity';
import { IssuedBatch } from './invoicing/entities/issued-batch.entity';
import { IssuedLine } from './invoicing/entities/issued-line.entity';
import { Pax8InvoiceItem } from './invoicing/entities/pax8-invoice-item.entity';
import { Pax8Invoice } from './invoicing/entities/pax8-invoice.entity';
import { SubscriptionVersion } from './invoicing/entities/subscription-version.entity';
import { UsageTotal } from './invoicing/entities/usage-total.entity';
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
  PricingRule,
  InvoiceLink,
  SyncRun,
  SyncLease,
  AuditLogEntry,
  AgentToolPolicy,
  ApprovalRequest,
  OrderLedgerEntry,
  ScheduledChange,
  DelegatedGrant,
  OAuthState,
  WebhookRegistration,
  WebhookEvent,
  Pax8Invoice,
  Pax8InvoiceItem,
  SubscriptionVersion,
  UsageTotal,
  IssuedBatch,
  IssuedLine,
];

export {
  DelegatedGrant,
  OAuthState,
  WebhookRegistration,
  WebhookEvent,
  AgentToolPolicy,
  ApprovalRequest,
  AuditLogEntry,
  CompanyMapping,
  InvoiceLink,
  OrderLedgerEntry,
  IssuedBatch,
  IssuedLine,
  Pax8Invoice,
  Pax8InvoiceItem,
  SubscriptionVersion,
  UsageTotal,
  Pax8Company,
  Pax8Integration,
  Pax8Product,
  Pax8Subscription,
  PricingRule,
  ScheduledChange,
  SubscriptionBilling,
  SyncLease,
  SyncRun,
};
