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
  retryAfterHeader: true,
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
  /** Invoice totals add every item regardless of currency (partner invoices are single-currency live). */
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
