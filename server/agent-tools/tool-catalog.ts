/**
 * The twelve agent tools: name, description, JSON Schemas (input and output, draft-07, root objects as
 * MCP requires) and default policy. One catalog serves the HTTP listing, the invoke route and MCP.
 */
import type { ToolPolicyMode } from './agent-tool-policy.entity';

export type JsonSchema = Record<string, unknown>;

export interface ToolDefinition {
  name: ToolName;
  title: string;
  description: string;
  kind: 'read' | 'write';
  defaultPolicy: ToolPolicyMode;
  inputSchema: JsonSchema;
  outputSchema: JsonSchema;
}

export const TOOL_NAMES = [
  'pax8-list-companies',
  'pax8-get-company',
  'pax8-list-subscriptions',
  'pax8-get-subscription',
  'pax8-search-products',
  'pax8-get-product',
  'pax8-get-product-pricing',
  'pax8-get-product-dependencies',
  'pax8-get-provision-details',
  'pax8-list-orders',
  'pax8-create-order',
  'pax8-update-subscription',
] as const;
export type ToolName = (typeof TOOL_NAMES)[number];

export const isToolName = (name: string): name is ToolName => (TOOL_NAMES as readonly string[]).includes(name);

// ---- schema pieces ---------------------------------------------------------------------------------

const str = (description: string, maxLength = 200): JsonSchema => ({ type: 'string', minLength: 1, maxLength, description });
const id = (description: string) => str(description, 64);
const int = (description: string, minimum: number, maximum?: number, def?: number): JsonSchema => ({
  type: 'integer',
  minimum,
  ...(maximum !== undefined ? { maximum } : {}),
  ...(def !== undefined ? { default: def } : {}),
  description,
});
const obj = (properties: Record<string, JsonSchema>, required: string[] = []): JsonSchema => ({
  type: 'object',
  properties,
  required,
  additionalProperties: false,
});
const open = (properties: Record<string, JsonSchema>, required: string[] = []): JsonSchema => ({ type: 'object', properties, required });
const nullable = (type: string): JsonSchema => ({ type: [type, 'null'] });
const money: JsonSchema = { type: ['string', 'null'], pattern: '^-?\\d+(\\.\\d+)?$', description: 'A decimal string, never a float' };

const company = str('A Pax8 company id, or a name: the Pax8 company name or the host client it is mapped to. An ambiguous name answers the candidates.');
const paging = {
  limit: int('Items per answer', 1, 100, 25),
  offset: int('Items to skip', 0, undefined, 0),
};

/** Every answer says where it came from and how old it is. */
const provenance = {
  source: { type: 'string', enum: ['synced', 'live'], description: 'synced: the plugin\'s last sync; live: Pax8 now' },
  asOf: { type: 'string', format: 'date-time', description: 'When the data was read from Pax8' },
};
const statusField = (values: string[]): JsonSchema => ({ type: 'string', enum: values });
const READ_STATUSES = ['ok', 'ambiguous', 'not-found'];
const listPage = {
  total: { type: 'integer', description: 'All matching items, not only this page' },
  offset: { type: 'integer' },
  limit: { type: 'integer' },
  hasMore: { type: 'boolean', description: 'More items exist: ask again with nextOffset' },
  nextOffset: nullable('integer'),
};
const candidates: JsonSchema = {
  type: 'array',
  description: 'When a name matched several companies: ask the user which one, never pick',
  items: open({ companyId: { type: 'string' }, name: { type: 'string' }, clientId: nullable('string'), clientName: nullable('string') }, ['companyId', 'name']),
};
const question: JsonSchema = { type: 'string', description: 'What to ask the user (ambiguous) or why nothing was found' };

const hostClient: JsonSchema = {
  type: ['object', 'null'],
  description: 'The host client the Pax8 company is mapped to (null when unmapped)',
  properties: { clientId: { type: 'string' }, clientName: nullable('string') },
  required: ['clientId'],
};
const companyShape = open(
  {
    companyId: { type: 'string' },
    name: { type: 'string' },
    status: nullable('string'),
    website: nullable('string'),
    externalId: nullable('string'),
    city: nullable('string'),
    country: nullable('string'),
    hostClient,
  },
  ['companyId', 'name', 'hostClient'],
);
const subscriptionShape = open(
  {
    subscriptionId: { type: 'string' },
    companyId: { type: 'string' },
    companyName: nullable('string'),
    hostClient,
    productId: nullable('string'),
    productName: nullable('string'),
    quantity: { type: 'integer' },
    status: nullable('string'),
    billingTerm: nullable('string'),
    commitment: {
      type: ['object', 'null'],
      properties: { id: nullable('string'), term: nullable('string'), endDate: nullable('string') },
    },
    startDate: nullable('string'),
    unitPrice: money,
    unitPartnerCost: money,
    currencyCode: nullable('string'),
  },
  ['subscriptionId', 'companyId', 'quantity'],
);
const productShape = open(
  { productId: { type: 'string' }, name: nullable('string'), vendorName: nullable('string'), sku: nullable('string'), requiresCommitment: nullable('boolean'), description: nullable('string') },
  ['productId'],
);

const readOutput = (extra: Record<string, JsonSchema>): JsonSchema =>
  open({ status: statusField(READ_STATUSES), ...provenance, candidates, question, ...extra }, ['status']);

const WRITE_STATUSES = ['pending-approval', 'executed', 'failed', 'needs-human', 'refused', 'invalid', 'scheduled', 'ambiguous', 'not-found'];
const writeOutput: JsonSchema = open(
  {
    status: statusField(WRITE_STATUSES),
    requestId: nullable('string'),
    message: { type: 'string', description: 'Plain language: what happens next' },
    summary: { type: ['object', 'null'], description: 'What changes, quantities and Pax8 cost per month before and after, the client price change' },
    dryRun: { type: ['object', 'null'], description: 'Pax8\'s verdict on the isMock order, or the local checks for a subscription change' },
    problems: { type: 'array', items: open({ field: { type: 'string' }, reason: { type: 'string' } }, ['field', 'reason']) },
    commitmentEndDate: nullable('string'),
    offer: { type: ['object', 'null'], description: 'A change the tool offers instead, e.g. scheduled for the commitment end date' },
    scheduledChangeId: nullable('string'),
    result: { type: ['object', 'null'] },
    candidates,
    question,
  },
  ['status', 'message'],
);

const billingTerm: JsonSchema = { type: 'string', enum: ['Monthly', 'Annual', '2-Year', '3-Year', 'One-Time', 'Trial', 'Activation'] };

export const TOOLS: ToolDefinition[] = [
  {
    name: 'pax8-list-companies',
    title: 'List Pax8 companies',
    description: 'Lists the partner\'s Pax8 companies (customers) with the host client each is mapped to. Filter by name and status; paged.',
    kind: 'read',
    defaultPolicy: 'auto',
    inputSchema: obj({ search: str('Part of the company or mapped client name', 100), status: { type: 'string', enum: ['Active', 'Inactive', 'Deleted'] }, ...paging }),
    outputSchema: readOutput({ items: { type: 'array', items: companyShape }, ...listPage }),
  },
  {
    name: 'pax8-get-company',
    title: 'Get a Pax8 company',
    description: 'One Pax8 company in full, with its mapped host client and its subscriptions (the first 100, with the total).',
    kind: 'read',
    defaultPolicy: 'auto',
    inputSchema: obj({ company }, ['company']),
    outputSchema: readOutput({
      company: companyShape,
      subscriptions: { type: 'array', items: subscriptionShape, description: 'The first 100 subscriptions' },
      subscriptionsTotal: { type: 'integer', description: 'All of the company\'s subscriptions' },
      subscriptionsNote: { type: 'string', description: 'Present when there are more than shown' },
    }),
  },
  {
    name: 'pax8-list-subscriptions',
    title: 'List Pax8 subscriptions',
    description: 'Subscriptions (seats, status, term, commitment end, prices), optionally of one company, filtered by status and product; paged.',
    kind: 'read',
    defaultPolicy: 'auto',
    inputSchema: obj({ company, status: str('Subscription status, e.g. Active', 32), productId: id('Pax8 product id'), product: str('Part of the product name', 100), ...paging }),
    outputSchema: readOutput({ items: { type: 'array', items: subscriptionShape }, ...listPage }),
  },
  {
    name: 'pax8-get-subscription',
    title: 'Get a Pax8 subscription',
    description: 'One subscription with its commitment (term and end date), quantity and prices.',
    kind: 'read',
    defaultPolicy: 'auto',
    inputSchema: obj({ subscriptionId: id('Pax8 subscription id') }, ['subscriptionId']),
    outputSchema: readOutput({ subscription: subscriptionShape }),
  },
  {
    name: 'pax8-search-products',
    title: 'Search the Pax8 catalog',
    description: 'Searches Pax8\'s product catalog by name, SKU or id, optionally for one vendor; paged (live).',
    kind: 'read',
    defaultPolicy: 'auto',
    inputSchema: obj({ search: str('Words of the product name, a SKU or an id', 100), vendor: str('Vendor name, e.g. Microsoft', 100), limit: int('Items per answer', 1, 50, 20), offset: int('Items to skip (a multiple of limit)', 0, undefined, 0) }),
    outputSchema: readOutput({ items: { type: 'array', items: productShape }, ...listPage }),
  },
  {
    name: 'pax8-get-product',
    title: 'Get a Pax8 product',
    description: 'One product of the Pax8 catalog with its description (live).',
    kind: 'read',
    defaultPolicy: 'auto',
    inputSchema: obj({ productId: id('Pax8 product id') }, ['productId']),
    outputSchema: readOutput({ product: productShape }),
  },
  {
    name: 'pax8-get-product-pricing',
    title: 'Get product pricing',
    description: 'Every purchasable combination of a product (billing term, commitment term) with every rate tier: partner buy rate and suggested retail price. Optionally company-specific (live).',
    kind: 'read',
    defaultPolicy: 'auto',
    inputSchema: obj({ productId: id('Pax8 product id'), company }, ['productId']),
    outputSchema: readOutput({
      productId: { type: 'string' },
      companyId: nullable('string'),
      pricing: {
        type: 'array',
        items: open({
          billingTerm: nullable('string'),
          commitmentTerm: nullable('string'),
          commitmentTermInMonths: nullable('integer'),
          type: nullable('string'),
          unitOfMeasurement: nullable('string'),
          currencyCode: nullable('string'),
          rates: {
            type: 'array',
            items: open({ partnerBuyRate: money, suggestedRetailPrice: money, startQuantityRange: { type: 'integer' }, endQuantityRange: nullable('integer'), chargeType: nullable('string') }),
          },
        }),
      },
    }),
  },
  {
    name: 'pax8-get-product-dependencies',
    title: 'Get product dependencies',
    description: 'Prerequisite products and the commitment options (with their ids for ordering, and whether quantity may rise or fall mid-term) of a product (live).',
    kind: 'read',
    defaultPolicy: 'auto',
    inputSchema: obj({ productId: id('Pax8 product id') }, ['productId']),
    outputSchema: readOutput({
      productId: { type: 'string' },
      commitments: { type: 'array', items: open({ commitmentTermId: { type: 'string' }, term: nullable('string'), allowForQuantityIncrease: nullable('boolean'), allowForQuantityDecrease: nullable('boolean'), allowForEarlyCancellation: nullable('boolean') }) },
      prerequisites: { type: 'array', items: open({ relation: nullable('string'), products: { type: 'array', items: productShape } }) },
    }),
  },
  {
    name: 'pax8-get-provision-details',
    title: 'Get provisioning details',
    description: 'What must be provided to order a product: each key, its kind of value and the allowed values (live).',
    kind: 'read',
    defaultPolicy: 'auto',
    inputSchema: obj({ productId: id('Pax8 product id') }, ['productId']),
    outputSchema: readOutput({
      productId: { type: 'string' },
      details: { type: 'array', items: open({ key: nullable('string'), label: nullable('string'), description: nullable('string'), valueType: nullable('string'), possibleValues: { type: ['array', 'null'], items: { type: 'string' } } }) },
    }),
  },
  {
    name: 'pax8-list-orders',
    title: 'List recent Pax8 orders',
    description: 'Recent orders, newest first (Pax8 itself answers oldest first), optionally of one company; paged (live).',
    kind: 'read',
    defaultPolicy: 'auto',
    inputSchema: obj({ company, ...paging }),
    outputSchema: readOutput({
      items: { type: 'array', items: open({ orderId: { type: 'string' }, companyId: nullable('string'), createdDate: nullable('string'), orderedBy: nullable('string'), lineItems: { type: 'array', items: { type: 'object' } } }, ['orderId']) },
      ...listPage,
    }),
  },
  {
    name: 'pax8-create-order',
    title: 'Place a Pax8 order',
    description: 'Places an order for a company. Validated first (Active company, prerequisites, provisioning details, commitment term), then dry-run at Pax8 (isMock); under "Approval needed" it answers "pending approval" with a request id and a summary of the cost.',
    kind: 'write',
    defaultPolicy: 'approval',
    inputSchema: obj(
      {
        company,
        lineItems: {
          type: 'array',
          minItems: 1,
          maxItems: 20,
          items: obj(
            {
              productId: id('Pax8 product id'),
              quantity: int('Seats or units', 1, 100000),
              billingTerm,
              commitmentTermId: id('A commitmentTermId from pax8-get-product-dependencies (required when the product requires a commitment)'),
              provisioningDetails: { type: 'array', maxItems: 50, items: obj({ key: str('Key from pax8-get-provision-details', 100), values: { type: 'array', minItems: 1, maxItems: 50, items: str('Value', 500) } }, ['key', 'values']) },
              parentSubscriptionId: id('For an add-on: the existing base subscription'),
              parentLineItemNumber: int('For an add-on: the 1-based position of its base line in this order', 1, 20),
            },
            ['productId', 'quantity', 'billingTerm'],
          ),
        },
      },
      ['company', 'lineItems'],
    ),
    outputSchema: writeOutput,
  },
  {
    name: 'pax8-update-subscription',
    title: 'Change a subscription',
    description: 'Changes a subscription\'s quantity (or billing term). During an NCE commitment a decrease or a term change is refused with the commitment end date and offered as a change scheduled for that date (send scheduleAtCommitmentEnd: true to accept).',
    kind: 'write',
    defaultPolicy: 'approval',
    inputSchema: {
      ...obj({ subscriptionId: id('Pax8 subscription id'), quantity: int('The new total quantity', 1, 100000), billingTerm, scheduleAtCommitmentEnd: { type: 'boolean', description: 'Schedule the change for the commitment end date instead of now' } }, ['subscriptionId']),
      anyOf: [{ required: ['quantity'] }, { required: ['billingTerm'] }],
    },
    outputSchema: writeOutput,
  },
];

export const TOOLS_BY_NAME = new Map<string, ToolDefinition>(TOOLS.map((t) => [t.name, t]));
