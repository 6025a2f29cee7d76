/**
 * Normalised Pax8 records as the client hands them out. Rules (pax8-api.md §2, §5, §13):
 * - every field except the id is optional, because Pax8 leaves fields out (and live data differs from the spec);
 * - enum-like fields are typed as the known values but keep any unknown value as the raw string;
 * - dates are Date objects (UTC), parsed in dates.ts; plain dates are UTC midnight;
 * - money is a DecimalString (see money.ts), never a float.
 */
import type { DecimalString } from './money';

/** Known values with room for ones Pax8 adds later (kept raw, reported once). */
export type Open<T extends string> = T | (string & {});

export type CompanyStatus = Open<'Active' | 'Inactive' | 'Deleted'>;
export type SubscriptionStatus = Open<
  | 'Active'
  | 'Cancelled'
  | 'PendingManual'
  | 'PendingAutomated'
  | 'PendingCancel'
  | 'WaitingForDetails'
  | 'Trial'
  | 'Converted'
  | 'PendingActivation'
  | 'Activated'
  | 'Expired'
>;
export type BillingTerm = Open<'Monthly' | 'Annual' | '2-Year' | '3-Year' | 'One-Time' | 'Trial' | 'Activation'>;
export type CommitmentTerm = Open<'Monthly' | '1-Year' | '2-Year' | '3-Year'>;
export type ContactType = Open<'Admin' | 'Billing' | 'Technical'>;
export type ProvisioningValueType = Open<'Input' | 'Single-Value' | 'Multi-Value'>;
export type PricingType = Open<'Flat' | 'Volume' | 'Tiered' | 'Mark-Up'>;
export type PricingChargeType = Open<'Per Unit' | 'Flat Rate'>;
/** Normalised: both live spellings `Pax8Partner` and `Pax8 Partner` become `Pax8 Partner`. */
export type OrderedBy = Open<'Pax8 Partner' | 'Customer' | 'Pax8'>;
export type InvoiceStatus = Open<'Unpaid' | 'Paid' | 'Void' | 'Carried' | 'Nothing Due' | 'Credited'>;
/** Normalised to hyphens (py-pax8 reports underscores). */
export type InvoiceItemType = Open<
  'rebate' | 'prorate' | 'subscription' | 'payment-credit' | 'one-time' | 'service-charge' | 'service-credit' | 'invoice-credit'
>;
/** Normalised to lower case (live data also has `Flat`). */
export type InvoiceItemRateType = Open<'markup' | 'single' | 'flat' | 'volume' | 'tiered'>;
export type InvoiceItemChargeType = Open<'flat' | 'per'>;

export interface PageInfo {
  /** 0-based page number. */
  number: number;
  size: number;
  totalElements: number;
  totalPages: number;
}

/** One HTTP page: the parsed items plus Pax8's totals, so a caller can check completeness. */
export interface Pax8Page<T> {
  items: T[];
  page: PageInfo;
}

export interface Address {
  street?: string;
  street2?: string;
  city?: string;
  stateOrProvince?: string;
  postalCode?: string;
  country?: string;
}

export interface Company {
  id: string;
  name?: string;
  address?: Address;
  phone?: string;
  website?: string;
  externalId?: string;
  billOnBehalfOfEnabled?: boolean;
  selfServiceAllowed?: boolean;
  orderApprovalRequired?: boolean;
  status?: CompanyStatus;
  updatedDate?: Date;
}

export interface Contact {
  id: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  phone?: string;
  phoneNumber?: string;
  phoneCountryCode?: string;
  phoneCountryCallingCode?: string;
  createdDate?: Date;
  types: Array<{ type?: ContactType; primary?: boolean }>;
}

/** `vendorSku` decoded from its live encodings (§5, §13). */
export interface VendorSku {
  /** The string exactly as Pax8 sent it. */
  raw: string;
  format: 'json' | 'pair' | 'plain';
  productId?: string;
  /** Always a string, even when Pax8 sent a number. */
  skuId?: string;
  segment?: string;
}

export interface Product {
  id: string;
  name?: string;
  vendorName?: string;
  shortDescription?: string;
  description?: string;
  sku?: string;
  vendorSku?: VendorSku;
  altVendorSku?: string;
  requiresCommitment?: boolean;
}

export interface ProvisioningDetail {
  label?: string;
  key?: string;
  description?: string;
  valueType?: ProvisioningValueType;
  possibleValues?: string[];
  values?: string[];
}

export interface CommitmentDependency {
  id: string;
  term?: CommitmentTerm;
  autoRenew?: boolean;
  renewalWindowDaysBeforeTermEnd?: number;
  renewalWindowDaysAfterTermEnd?: number;
  allowForQuantityIncrease?: boolean;
  allowForQuantityDecrease?: boolean;
  allowForEarlyCancellation?: boolean;
  cancellationFeeApplied?: boolean;
  isTransferable?: boolean;
}

export interface ProductDependencies {
  commitmentDependencies: CommitmentDependency[];
  productDependencies: Array<{ name?: string; products: Product[] }>;
}

export interface PricingRate {
  partnerBuyRate?: DecimalString;
  suggestedRetailPrice?: DecimalString;
  /** Missing on the wire = 0. */
  startQuantityRange: number;
  /** Missing or null on the wire = no upper limit (undefined). */
  endQuantityRange?: number;
  chargeType?: PricingChargeType;
}

export interface Pricing {
  productId?: string;
  productName?: string;
  billingTerm?: BillingTerm;
  commitmentTerm?: CommitmentTerm;
  commitmentTermInMonths?: number;
  type?: PricingType;
  unitOfMeasurement?: string;
  currencyCode?: string;
  rates: PricingRate[];
}

export interface SubscriptionCommitment {
  id?: string;
  term?: CommitmentTerm;
  endDate?: Date;
}

export interface Subscription {
  id: string;
  parentSubscriptionId?: string;
  companyId?: string;
  productId?: string;
  /** Usually absent live (§13): resolve through products.get(productId). */
  productName?: string;
  vendorSubscriptionId?: string;
  vendorSkuId?: string;
  quantity?: number;
  startDate?: Date;
  endDate?: Date;
  createdDate?: Date;
  updatedDate?: Date;
  billingStart?: Date;
  status?: SubscriptionStatus;
  billingTerm?: BillingTerm;
  /** From `commitment` (live) or `commitmentTerm` (spec); undefined when absent or null. */
  commitment?: SubscriptionCommitment;
  price?: DecimalString;
  partnerCost?: DecimalString;
  currencyCode?: string;
  /** Which of the two prices is the partner's cost; the rule lives in inferences.ts. */
  unitCost?: { amount: DecimalString; source: 'partnerCost' | 'price (retail)' };
  provisioningDetails?: ProvisioningDetail[];
}

export interface OrderLineItem {
  id?: string;
  productId?: string;
  subscriptionId?: string;
  commitmentTermId?: string;
  provisionStartDate?: Date;
  lineItemNumber?: number;
  billingTerm?: BillingTerm;
  parentSubscriptionId?: string;
  parentLineItemNumber?: number;
  quantity?: number;
  provisioningDetails?: Array<{ key?: string; values?: string[] }>;
}

export interface Order {
  id: string;
  companyId?: string;
  createdDate?: Date;
  orderedBy?: OrderedBy;
  orderedByUserId?: string;
  orderedByUserEmail?: string;
  isScheduled?: boolean;
  lineItems: OrderLineItem[];
}

export interface Invoice {
  id: string;
  invoiceDate?: Date;
  dueDate?: Date;
  status?: InvoiceStatus;
  balance?: DecimalString;
  carriedBalance?: DecimalString;
  total?: DecimalString;
  currencyCode?: string;
  partnerName?: string;
  companyId?: string;
  externalId?: string;
}

export interface InvoiceItem {
  id: string;
  purchaseOrderNumber?: string;
  type?: InvoiceItemType;
  companyId?: string;
  externalId?: string;
  companyName?: string;
  startPeriod?: Date;
  endPeriod?: Date;
  quantity?: DecimalString;
  unitOfMeasure?: string;
  term?: string;
  sku?: string;
  description?: string;
  details?: string;
  rateType?: InvoiceItemRateType;
  chargeType?: InvoiceItemChargeType;
  price?: DecimalString;
  subTotal?: DecimalString;
  total?: DecimalString;
  cost?: DecimalString;
  costTotal?: DecimalString;
  offeredBy?: string;
  billedByPax8?: boolean;
  productId?: string;
  productName?: string;
  vendorName?: string;
  billingFee?: DecimalString;
  billingFeeRate?: DecimalString;
  amountDue?: DecimalString;
  currencyCode?: string;
  salesTax?: DecimalString;
  subscriptionId?: string;
}

export interface UsageSummary {
  id: string;
  companyId?: string;
  subscriptionId?: string;
  productId?: string;
  resourceGroup?: string;
  vendorName?: string;
  currentCharges?: DecimalString;
  partnerTotal?: DecimalString;
  currencyCode?: string;
  isTrial?: boolean;
}

export interface UsageLine {
  usageSummaryId?: string;
  usageDate?: Date;
  productName?: string;
  productId?: string;
  unitOfMeasure?: string;
  quantity?: DecimalString;
  currentCharges?: DecimalString;
  currentProfit?: DecimalString;
  partnerTotal?: DecimalString;
  unitPrice?: DecimalString;
  currencyCode?: string;
  isTrial?: boolean;
}

// ---- request shapes -------------------------------------------------------------------------------

export interface PageQuery {
  /** Defaults to the factory's pageSize (200). */
  size?: number;
}

export interface CompanyQuery extends PageQuery {
  sort?: string;
  city?: string;
  country?: string;
  stateOrProvince?: string;
  postalCode?: string;
  selfServiceAllowed?: boolean;
  billOnBehalfOfEnabled?: boolean;
  orderApprovalRequired?: boolean;
  status?: string;
}

export interface ProductQuery extends PageQuery {
  sort?: string;
  search?: string;
  vendorName?: string;
}

export interface SubscriptionQuery extends PageQuery {
  sort?: string;
  status?: string;
  billingTerm?: string;
  companyId?: string;
  productId?: string;
}

export interface OrderQuery extends PageQuery {
  companyId?: string;
}

export interface UsageSummaryQuery extends PageQuery {
  sort?: string;
  resourceGroup?: string;
  companyId?: string;
}

export interface UsageLineQuery extends PageQuery {
  /** Required by Pax8: yyyy-MM-dd (a Date is formatted as its UTC day). */
  usageDate: string | Date;
  productId?: string;
}

export interface InvoiceQuery extends PageQuery {
  sort?: string;
  status?: string;
  invoiceDate?: string | Date;
  invoiceDateRangeStart?: string | Date;
  invoiceDateRangeEnd?: string | Date;
  dueDate?: string | Date;
  total?: number;
  balance?: number;
  carriedBalance?: number;
  companyId?: string;
}

export interface DraftInvoiceItemQuery extends PageQuery {
  /** 0 = this month, 1 = next month (Pax8's default). */
  monthOffset?: 0 | 1;
  companyId?: string;
}

/** POST /orders body (§7). Extra keys are rejected by Pax8 with 400, so the type is exact. */
export interface CreateOrderRequest {
  companyId: string;
  orderedBy?: string;
  orderedByUserEmail?: string;
  lineItems: Array<{
    lineItemNumber: number;
    productId: string;
    quantity: number;
    billingTerm: string;
    commitmentTermId?: string;
    parentLineItemNumber?: number;
    parentSubscriptionId?: string;
    provisionStartDate?: string;
    provisioningDetails?: Array<{ key: string; values: string[] }>;
  }>;
}
