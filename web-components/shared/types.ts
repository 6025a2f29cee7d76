/** Shapes of the plugin's route answers the elements read (see server/ for their source). */
export type AccessLevel = 'manage' | 'view' | 'none';

// Types the server already defines are imported as types only (erased from the bundle).
export type { Pax8Session } from '../../server/session/session.controller';
export type { ConnectionStatus } from '../../server/connection/connection-status';
export type { AutoMapReport } from '../../server/mapping/mapping.service';

export interface EntityCounts {
  created: number;
  updated: number;
  unchanged: number;
  removed: number;
}

export interface SyncRunView {
  id: string;
  kind: 'full' | 'company';
  status: 'running' | 'succeeded' | 'failed';
  pax8CompanyId: string | null;
  startedAt: string;
  finishedAt: string | null;
  progress: { phase: string | null; pagesDone: number; pagesTotal: number };
  counts: null | { companies: EntityCounts; subscriptions: EntityCounts; productsFetched: number; apiCalls: number };
  error: string | null;
}

export interface Suggestion {
  clientId: string;
  clientName: string;
  rule: string;
  score: number;
}

export interface CompanyMappingView {
  clientId: string;
  clientName: string | null;
  source: 'manual' | 'auto';
  rule: string | null;
}

export interface CompanyRow {
  id: string;
  name: string;
  externalId: string | null;
  website: string | null;
  status: string | null;
  removed: boolean;
  activeSubscriptions: number;
  mapping: CompanyMappingView | null;
  suggestions?: Suggestion[];
}

export interface CompanySummary {
  companies: number;
  mapped: number;
  unmapped: number;
  removed: number;
}

export interface CompanyPage {
  total: number;
  summary: CompanySummary;
  items: CompanyRow[];
}

export interface SubscriptionView {
  id: string;
  productName: string | null;
  vendorName: string | null;
  sku: string | null;
  quantity: number;
  status: string | null;
  billingTerm: string | null;
  commitmentTerm: string | null;
  commitmentEndDate: string | null;
  price: string | null;
  partnerCost: string | null;
  currencyCode: string | null;
  removed: boolean;
}

export interface CompanyDetail extends Omit<CompanyRow, 'activeSubscriptions' | 'suggestions'> {
  subscriptions: SubscriptionView[];
}

export interface HostClientOption {
  id: string;
  name: string;
  accountNumber?: string | null;
  website?: string | null;
  mappedTo: string | null;
}


export interface MarkupView {
  type: 'percent' | 'fixed';
  value: string;
}

/** A subscription as the billing routes describe it (server/billing/billing-rows.ts). */
export interface BillingSubscription {
  id: string;
  pax8CompanyId: string;
  companyName: string | null;
  clientId: string | null;
  productName: string | null;
  sku: string | null;
  vendorName: string | null;
  quantity: number;
  status: string | null;
  removed: boolean;
  billingTerm: string | null;
  commitmentTerm: string | null;
  commitmentEndDate: string | null;
  termDescription: string;
  currencyCode: string | null;
  cost: string | null;
  retail: boolean;
  markup: MarkupView | null;
  markupLabel: string;
  overridePrice: string | null;
  chargeType: 'Per Unit' | 'Flat Rate';
  billPrice: { unitPrice: string; periodTotal: string; monthlyTotal: string | null } | null;
  priceSource: string;
  priceProblem: string | null;
  hasOwnSettings: boolean;
  invoiceLink: null | { recurringInvoiceId: string; invoiceName: string; currencyMismatch: boolean };
}

export interface BillingDetail {
  subscription: BillingSubscription;
  mapped: boolean;
  settings: null | { enabled: boolean; markup: MarkupView | null; overridePrice: string | null; chargeType: 'Per Unit' | 'Flat Rate' };
  inherited: { source: string; markup: MarkupView | null; markupLabel: string; ruleId: string | null };
}

export interface InvoiceOption {
  id: string;
  clientId: string;
  name: string;
  currencyCode?: string | null;
  active: boolean;
  currencyMismatch: boolean;
}

export interface PricingRuleView {
  id: string;
  scope: 'default' | 'vendor' | 'product' | 'client';
  target: string | null;
  /** Client rules: the host's name of the client (null when the host no longer knows it). */
  clientName: string | null;
  markup: MarkupView;
  markupLabel: string;
  subscriptionCount: number;
}

/** Agent tools: what `<pax8-approvals>` shows of a write waiting for (or past) a decision. */
export interface ApprovalSummary {
  text?: string;
  quantityBefore?: number;
  quantityAfter?: number;
  pax8MonthlyCostBefore?: string | null;
  pax8MonthlyCostAfter?: string | null;
  clientMonthlyPriceBefore?: string | null;
  clientMonthlyPriceAfter?: string | null;
  currencyCode?: string | null;
  lines?: Array<{ productName: string; quantityBefore: number; quantityAfter: number; pax8MonthlyCostAfter: string | null; currencyCode: string | null }>;
  autoApprovedBecause?: string;
}

export interface ApprovalView {
  id: string;
  tool: string;
  status: string;
  summary: ApprovalSummary;
  dryRun: { accepted?: boolean; pax8DryRun?: boolean; note?: string; rejection?: { message: string } };
  requestedBy: string;
  requestedAt: string;
  decidedBy: string | null;
  expiresAt: string;
  autoApproved: boolean;
  error: string | null;
  ledger: null | { status: string; pax8OrderId: string | null; outcome: Record<string, unknown> | null };
}

export interface ScheduledChangeView {
  id: string;
  subscriptionId: string;
  quantity: number | null;
  billingTerm: string | null;
  effectiveAt: string;
  status: string;
  remindAt: string;
  remindedAt: string | null;
}

export type ToolMode = 'auto' | 'approval' | 'off';

/** Agent tools: one tool's policy as `<pax8-tool-policies>` edits it. */
export interface ToolPolicyView {
  tool: string;
  kind: 'read' | 'write';
  mode: ToolMode;
  defaultMode: ToolMode;
  autoApproveMaxSeats: number | null;
  autoApproveMaxMonthly: string | null;
  updatedBy: string | null;
  updatedAt: string | null;
}
