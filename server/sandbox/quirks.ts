/**
 * Every choice the sources leave open ([I] in pax8-api.md §11) and every live quirk (§13) lives here, so a
 * correction is a one-line change. Route and generator code read these constants instead of hard-coding.
 */
import type { SandboxQuirks } from './sandbox.types';

export const DEFAULT_QUIRKS: SandboxQuirks = {
  ordersIgnoreStatusOldestFirst: true,
  commitmentKey: 'commitment',
  omitSubscriptionProductName: true,
  mixedDateFormats: true,
  omitOptionalFields: true,
  orderedBy: 'Pax8Partner',
  retryAfterHeader: false,
  subscriptionUpdateErrors: 'errors',
};

export const SANDBOX_CHOICES = {
  /** §11.1 token endpoint answers (Auth0 style, not the §3 envelope). */
  tokenErrors: {
    badCredentials: { status: 401, body: { error: 'access_denied', error_description: 'Unauthorized' } },
    badGrant: { status: 400, body: { error: 'unsupported_grant_type' } },
    badAudience: (aud: string) => ({
      status: 403,
      body: { error: 'access_denied', error_description: `Service not enabled within domain: ${aud}` },
    }),
  },
  acceptedAudiences: ['https://api.pax8.com', 'api://p8p.client'],
  defaultTokenLifetimeSeconds: 86_400,
  /** §11.3: size outside 1..200 is rejected (the real server may clamp). */
  pageSize: { min: 1, max: 200, default: 10 },
  /** §11.4: successful requests per credential in a sliding window. The token endpoint is not limited. */
  rateLimit: { limit: 1000, windowMs: 60_000 },
  /** Error `type` for 422 (not in the known list of §3). */
  unprocessableType: 'UNPROCESSABLE_ENTITY',
  tooManyRequestsType: 'TOO_MANY_REQUESTS',
  /** §11.6: order-created subscriptions stay PendingAutomated this long, then become Active. */
  provisioningDelayMs: 1000,
  /** §11.8: cancelled subscriptions are PendingCancel until endDate, then Cancelled. */
  /** Faults without a route apply to API calls only, never the token endpoint (a token fetch would eat them). */
  faultsSkipTokenEndpointUnlessNamed: true,
  /** Tokens issued before a revocation stay dead after restoreClient (rotation semantics). */
  restoreRevivesOldTokens: false,
  /** 403 for a foreign companyId only on GET /subscriptions (documented); other lists just filter to nothing. */
  /** Quirk off: GET /orders rejects ?status= (the spec has no such filter) and lists newest first. */
  /** NCE products require the msDomain provisioning detail on order (isMock is the only real validator). */
  nceRequiredProvisioningKeys: ['msDomain'],
  /** The error envelope's instance: '/public' + request path, as in the §3 example. */
  instancePrefix: '/public',
  /** Subscription history is oldest first. */
  /** Webhooks (§15); topic strings and payloadData fields are [I]: the reference names only INVOICE, PRODUCT and the line-item types. */
  webhooks: {
    defaultDeliveryDelayMs: 2000,
    /** Pause between attempts of one delivery (Pax8 does not say). */
    retryDelayMs: 1000,
    maxAttempts: 3,
    defaultErrorThreshold: 3,
    maxErrorThreshold: 20,
    answerTimeoutMs: 10_000,
    subscriptionTypes: ['New', 'Change', 'ChangePartial', 'ChangeProduct', 'UpdateRatePlan', 'Renewal', 'Cancel', 'Resurrect', 'Migration', 'TrialCreate', 'TrialConvert', 'TrialCancel', 'ArrearsUpload', 'RevertToCurrent'],
    topicDefinitions: [
      {
        topic: 'SUBSCRIPTION',
        name: 'Subscription completed line items',
        description: 'A subscription was created, changed or cancelled (the completed line item type says which).',
        availableFilters: [{ field: 'type', operators: ['IN', 'NOT_IN'], values: ['New', 'Change', 'ChangePartial', 'ChangeProduct', 'UpdateRatePlan', 'Renewal', 'Cancel', 'Resurrect', 'Migration', 'TrialCreate', 'TrialConvert', 'TrialCancel', 'ArrearsUpload', 'RevertToCurrent'] }],
        samplePayload: { type: 'Change', subscriptionId: '9b1f0000-0000-4000-8000-000000000000', companyId: '3f0c6a9e-6f1e-4c55-9a43-1d2b7c8e9f01', productId: 'c1d20000-0000-4000-8000-000000000000', quantity: 14 },
      },
      {
        topic: 'COMPANY',
        name: 'Company changes',
        description: 'A company was created or its details changed.',
        availableFilters: [{ field: 'action', operators: ['IN'], values: ['CREATED', 'UPDATED'] }],
        samplePayload: { action: 'UPDATED', companyId: '3f0c6a9e-6f1e-4c55-9a43-1d2b7c8e9f01' },
      },
      {
        topic: 'INVOICE',
        name: 'Invoice created',
        description: 'A partner invoice was created.',
        availableFilters: [{ field: 'action', operators: ['IN'], values: ['CREATED'] }],
        samplePayload: { action: 'CREATED', invoiceId: '1a2b0000-0000-4000-8000-000000000000' },
      },
      {
        topic: 'PRODUCT',
        name: 'Product changes',
        description: 'A product in the catalog changed.',
        availableFilters: [],
        samplePayload: { action: 'UPDATED', productId: 'c1d20000-0000-4000-8000-000000000000' },
      },
    ],
  },
  /** Delegated authorization (§14); every value here is [I] unless the reference says otherwise. */
  oauth: {
    /** The platform application the sandbox knows when none is configured. */
    defaultApp: { clientId: 'sandbox-platform', clientSecret: 'sandbox-platform-secret', integrationId: 'sandbox-integration', name: 'Sandbox platform' },
    /** §14: refresh tokens live 90 days, then the partner must authorize again (absolute, not sliding). */
    refreshTokenLifetimeMs: 90 * 86_400_000,
    codeTtlMs: 60_000,
    consentPageTtlMs: 10 * 60_000,
    /** Access tokens name the partner account in this claim (the webhook payload's accountId, §15). */
    partnerClaim: 'https://api.pax8.com/partner_id',
    declinedDescription: 'The user did not authorize the application.',
    invalidClient: { status: 401, body: { error: 'invalid_client', error_description: 'Unauthorized' } },
    invalidGrant: (description: string) => ({ status: 400, body: { error: 'invalid_grant', error_description: description } }),
  },
  /** Invoice totals add every item regardless of currency (partner invoices are single-currency live). */
  /**
   * Billing (issue 13; defaults in generator/invoices.ts DEFAULT_BILLING): an invoice dated the 1st of M bills
   * M's recurring charges (subscription as it stood on M's 1st), prorates of quantity changes in M-1, M-1's
   * usage in arrears (the last post), one-time items without subscription, and a 1 % rebate on the partner
   * invoice; it appears from M's approval day (5th). Bill-on-behalf companies get their own invoice with
   * companyId. Usage is posted on the 3rd, 10th, 17th, 24th and restated on the 28th (generator/usage-postings.ts).
   */
} as const;

/** Fields left out when absent (live) or sent as null (quirk off). */
export const OPTIONAL_FIELDS = {
  company: ['externalId', 'phone', 'selfServiceAllowed', 'orderApprovalRequired', 'updatedDate', 'website'],
  subscription: [
    'parentSubscriptionId',
    'vendorSubscriptionId',
    'endDate',
    'partnerCost',
    'updatedDate',
    'provisioningDetails',
  ],
  order: ['orderedByUserId', 'orderedByUserEmail'],
  lineItem: ['parentSubscriptionId', 'parentLineItemNumber', 'commitmentTermId', 'provisionStartDate'],
  product: ['altVendorSku', 'shortDescription'],
} as const;

/** Date-time fields per resource, and whether a plain date is one of the live variants (§2, §13). */
export const DATE_FIELDS = {
  company: [['updatedDate', false]],
  subscription: [
    ['startDate', false],
    ['endDate', true],
    ['createdDate', true],
    ['updatedDate', false],
  ],
  commitment: [['endDate', true]],
  contact: [['createdDate', false]],
} as const;

export function mergeQuirks(q?: Partial<SandboxQuirks>, base: SandboxQuirks = DEFAULT_QUIRKS): SandboxQuirks {
  const out = { ...base };
  for (const [k, v] of Object.entries(q ?? {})) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}
