/**
 * The product catalog: one global list (ids derived from names, so every partner sees the same product ids),
 * ~90 products as the sync fetches each distinct product once. Names follow §11.9: NCE products
 * '<Base> [New Commerce Experience]' with term variants, and '<Base> - Arrears Charge' usage variants.
 */
import { hashString, round4, uuidFromString } from '../random';
import { ChargeType, PricingType, Tier, tiersFor } from './pricing';

export type Row = Record<string, unknown>;

export interface PriceOption {
  billingTerm: string;
  commitmentTerm?: string;
  months: number;
  buy: number;
  srp: number;
  /** Flat (one rate) unless Volume or Tiered, which carry several quantity ranges. */
  type?: PricingType;
  tiers?: Tier[];
  chargeType?: ChargeType;
}

export interface ProductDef {
  product: Row;
  pricing: Row[];
  dependencies: Row;
  provisionDetails: Row[];
  options: PriceOption[];
  unit: string;
  isNce: boolean;
  isArrears: boolean;
  /** Subscriptions of add-ons point at a base subscription. */
  isAddOn: boolean;
  /** Sold once (billing term `One-Time`): ordered, never a generated subscription (weight 0). */
  isOneTime?: boolean;
  /** `GET /products/{id}/pricing` answers 404 (some arrears products do). */
  pricingMissing?: boolean;
  weight: number;
}

/** [base name, annual-commitment monthly SRP, offers 3-year, popularity weight, add-on] */
const NCE_BASES: Array<[string, number, boolean, number, boolean]> = [
  ['Microsoft 365 Business Basic', 6.0, false, 10, false],
  ['Microsoft 365 Business Standard', 12.5, true, 14, false],
  ['Microsoft 365 Business Premium', 22.0, true, 12, false],
  ['Microsoft 365 E3', 36.0, true, 5, false],
  ['Microsoft 365 E5', 57.0, true, 2, false],
  ['Office 365 E1', 10.0, false, 3, false],
  ['Office 365 E3', 23.0, true, 3, false],
  ['Exchange Online (Plan 1)', 4.0, false, 8, false],
  ['Exchange Online (Plan 2)', 8.0, false, 2, false],
  ['Microsoft 365 Apps for business', 8.25, false, 3, false],
  ['Microsoft 365 Apps for enterprise', 12.0, false, 2, false],
  ['Microsoft Teams Essentials', 4.0, false, 2, false],
  ['Microsoft Teams Phone Standard', 8.0, false, 2, true],
  ['Microsoft Defender for Business', 3.0, false, 3, true],
  ['Microsoft Entra ID P1', 6.0, false, 2, true],
  ['Microsoft Intune Plan 1', 8.0, false, 2, true],
  ['Power BI Pro', 14.0, false, 2, true],
  ['Visio Plan 2', 15.0, false, 1, false],
  ['Project Plan 3', 30.0, false, 1, false],
  ['Microsoft 365 Copilot', 30.0, false, 1, true],
  ['Microsoft Teams Enterprise', 5.25, false, 1, true],
  ['Dynamics 365 Business Central Essentials', 80.0, false, 1, false],
];

/** [name, vendor, monthly SRP, unit, provisioning key kind] */
const OTHER: Array<[string, string, number, string, 'region' | 'email' | 'domain']> = [
  ['Acronis Cyber Protect Cloud - Standard', 'Acronis', 4.5, 'Workstation', 'region'],
  ['Acronis Cyber Protect Cloud - Advanced Security', 'Acronis', 7.2, 'Workstation', 'region'],
  ['Datto SaaS Protection for Microsoft 365', 'Datto', 3.0, 'User', 'email'],
  ['Dropsuite Backup for Microsoft 365', 'Dropsuite', 2.4, 'User', 'email'],
  ['Keeper Business', 'Keeper Security', 3.75, 'User', 'email'],
  ['Keeper Enterprise', 'Keeper Security', 5.0, 'User', 'email'],
  ['SentinelOne Singularity Core', 'SentinelOne', 4.0, 'Endpoint', 'region'],
  ['SentinelOne Singularity Control', 'SentinelOne', 5.5, 'Endpoint', 'region'],
  ['SentinelOne Singularity Complete', 'SentinelOne', 7.5, 'Endpoint', 'region'],
  ['Proofpoint Essentials - Business', 'Proofpoint', 3.1, 'User', 'email'],
  ['Proofpoint Essentials - Advanced', 'Proofpoint', 4.25, 'User', 'email'],
  ['Bitdefender GravityZone Business Security', 'Bitdefender', 2.9, 'Endpoint', 'region'],
  ['Sophos Central Intercept X Advanced', 'Sophos', 4.8, 'User', 'region'],
  ['Huntress Managed EDR', 'Huntress', 3.5, 'Endpoint', 'email'],
  ['Barracuda Email Protection Premium', 'Barracuda', 3.9, 'User', 'email'],
  ['Avanan Email Security', 'Check Point', 3.6, 'User', 'email'],
  ['Cisco Umbrella DNS Essentials', 'Cisco', 2.25, 'User', 'email'],
  ['Dropbox Business Standard', 'Dropbox', 15.0, 'User', 'email'],
  ['Adobe Acrobat Pro for Teams', 'Adobe', 22.99, 'User', 'email'],
  ['Google Workspace Business Starter', 'Google', 7.2, 'User', 'domain'],
  ['Google Workspace Business Standard', 'Google', 14.4, 'User', 'domain'],
  ['Zoom Workplace Pro', 'Zoom', 13.33, 'User', 'email'],
  ['LastPass Business', 'LastPass', 7.0, 'User', 'email'],
  ['N-able Mail Assure', 'N-able', 1.5, 'User', 'domain'],
  ['Egnyte Business', 'Egnyte', 20.0, 'User', 'email'],
];

/** Site packs: one "Flat Rate" charge per period whatever the seat count (10× the per-user list price). */
const FLAT_RATE_CHARGES = new Set(['Egnyte Business']);

/** Usage-billed bases: each has a regular product and a ' - Arrears Charge' variant (0 rates, UOM Each). */
const USAGE: Array<[string, string]> = [
  ['Microsoft Azure Plan', 'Microsoft'],
  ['Acronis Cyber Protect Cloud', 'Acronis'],
  ['Wasabi Hot Cloud Storage', 'Wasabi'],
  ['Microsoft Azure Reserved Instances', 'Microsoft'],
];

/** One-time purchases (§6 billingTerm `One-Time`, seen on live order lines, §5): [name, vendor, price, unit]. */
const ONE_TIME: Array<[string, string, number, string]> = [
  ['Onboarding and Migration Services', 'Pax8', 150, 'Each'],
  ['Microsoft 365 Mailbox Migration', 'Pax8', 15, 'User'],
  ['Acronis Cyber Protect Cloud - Setup Fee', 'Acronis', 99, 'Each'],
];

const TERM_MONTHS: Record<string, number> = { Monthly: 1, '1-Year': 12, '3-Year': 36 };

function commitmentDependency(productId: string, term: string): Row {
  const monthly = term === 'Monthly';
  return {
    id: uuidFromString(`${productId}:commitment:${term}`),
    term,
    autoRenew: true,
    renewalWindowDaysBeforeTermEnd: monthly ? 0 : 7,
    renewalWindowDaysAfterTermEnd: monthly ? 3 : 7,
    allowForQuantityIncrease: true,
    // NCE: seats can only go down on a monthly commitment (§7).
    allowForQuantityDecrease: monthly,
    allowForEarlyCancellation: monthly,
    cancellationFeeApplied: !monthly,
    isTransferable: true,
  };
}

function msVendorSku(name: string): string {
  const h = hashString(name);
  const pid = 'CFQ7TTC0' + (h.toString(36).toUpperCase() + 'AAAA').slice(0, 4);
  const sku = String((h % 20) + 1).padStart(4, '0');
  // §5/§13: three live encodings of vendorSku.
  switch (h % 3) {
    case 0:
      return JSON.stringify({ productId: pid, skuId: sku, segment: 'Commercial' });
    case 1:
      return JSON.stringify({ productId: pid, skuId: Number(sku), segment: 'Commercial' });
    default:
      return `${pid}:${sku}`;
  }
}

function pricingRow(p: Row, o: PriceOption, unit: string): Row {
  const h = hashString(`${p.id}:${o.billingTerm}:${o.commitmentTerm}`);
  const chargeType = o.chargeType ?? 'Per Unit';
  const rates: Row[] = o.tiers
    ? o.tiers.map((t) => ({ partnerBuyRate: t.buy, suggestedRetailPrice: t.srp, startQuantityRange: t.start, endQuantityRange: t.end, chargeType }))
    : [{ partnerBuyRate: o.buy, suggestedRetailPrice: o.srp, startQuantityRange: 1, endQuantityRange: h % 4 === 0 ? null : 300, chargeType }];
  // §13: some live entries lack the quantity ranges, the productId or the commitmentTerm.
  if (h % 7 === 1) delete rates[0].startQuantityRange;
  if (h % 7 === 2 && !o.tiers) delete rates[0].endQuantityRange;
  const row: Row = {
    productId: p.id,
    productName: p.name,
    billingTerm: o.billingTerm,
    ...(o.commitmentTerm ? { commitmentTerm: o.commitmentTerm, commitmentTermInMonths: o.months } : {}),
    type: o.type ?? 'Flat',
    unitOfMeasurement: unit,
    rates,
    currencyCode: 'USD',
  };
  if (h % 11 === 3) delete row.productId;
  return row;
}

function detail(label: string, key: string, description: string, possibleValues: string[] | null): Row {
  // `values` is what an order sends; a product's provisioning details never carry it.
  return { label, key, description, valueType: possibleValues ? 'Single-Value' : 'Input', possibleValues };
}

const NCE_DETAILS = () => [
  detail('Microsoft Domain', 'msDomain', 'The onmicrosoft.com prefix of the customer tenant', null),
  detail('Tenant', 'tenantType', 'Provision into a new or an existing Microsoft tenant', ['New', 'Existing']),
];

function makeProduct(name: string, vendorName: string, sku: string, vendorSku: string, requiresCommitment: boolean, desc: string): Row {
  const id = uuidFromString(`product:${name}`);
  return {
    id,
    name,
    vendorName,
    shortDescription: desc,
    sku,
    vendorSku,
    altVendorSku: vendorSku,
    requiresCommitment,
    description: `<p>${desc}</p><p>Sold through Pax8. Billing and commitment terms are listed under pricing.</p>`,
  };
}

let cached: ProductDef[] | undefined;

/** The catalog is the same for every seed; it is built once and deep-copied per partner. */
export function catalog(): ProductDef[] {
  if (!cached) cached = buildCatalog();
  return cached.map((d) => structuredClone(d));
}

function nceOptions(annualSrp: number, threeYear: boolean, only?: [string, string]): PriceOption[] {
  const monthlySrp = round4(annualSrp * 1.2); // NCE monthly commitment carries a 20% premium
  const opts: PriceOption[] = [
    { billingTerm: 'Monthly', commitmentTerm: 'Monthly', months: 1, srp: monthlySrp, buy: round4(monthlySrp * 0.85) },
    { billingTerm: 'Monthly', commitmentTerm: '1-Year', months: 12, srp: annualSrp, buy: round4(annualSrp * 0.85) },
    { billingTerm: 'Annual', commitmentTerm: '1-Year', months: 12, srp: round4(annualSrp * 12), buy: round4(annualSrp * 12 * 0.85) },
  ];
  if (threeYear) {
    const srp = round4(annualSrp * 0.95 * 36);
    opts.push({ billingTerm: '3-Year', commitmentTerm: '3-Year', months: 36, srp, buy: round4(srp * 0.85) });
  }
  return only ? opts.filter((o) => o.billingTerm === only[0] && o.commitmentTerm === only[1]) : opts;
}

function buildCatalog(): ProductDef[] {
  const defs: ProductDef[] = [];
  const nceIds = new Map<string, Row>();
  NCE_BASES.forEach(([base, srp, threeYear, weight, addOn], i) => {
    const variants: Array<[string, [string, string] | undefined, number]> = [[`${base} [New Commerce Experience]`, undefined, weight]];
    if (i < 10) {
      variants.push(
        [`${base} [New Commerce Experience] - Annual Commitment, Monthly Billing`, ['Monthly', '1-Year'], weight / 3],
        [`${base} [New Commerce Experience] - Monthly Commitment, Monthly Billing`, ['Monthly', 'Monthly'], weight / 4],
        [`${base} [New Commerce Experience] - Annual Commitment, Annual Billing`, ['Annual', '1-Year'], weight / 5],
      );
      if (threeYear) variants.push([`${base} [New Commerce Experience] - 3-Year Commitment, 3-Year Billing`, ['3-Year', '3-Year'], weight / 10]);
    }
    variants.forEach(([name, only, w], v) => {
      const p = makeProduct(name, 'Microsoft', `MST-NCE-${String(i + 1).padStart(3, '0')}-${v}`, msVendorSku(name), true, `${base} for the Microsoft New Commerce Experience.`);
      const options = nceOptions(srp, threeYear, only);
      const terms = [...new Set(options.map((o) => o.commitmentTerm!))];
      defs.push({
        product: p,
        pricing: options.map((o) => pricingRow(p, o, 'User')),
        dependencies: { commitmentDependencies: terms.map((t) => commitmentDependency(p.id as string, t)), productDependencies: [] },
        provisionDetails: NCE_DETAILS(),
        options,
        unit: 'User',
        isNce: true,
        isArrears: false,
        isAddOn: addOn,
        weight: w,
      });
      if (!only) nceIds.set(base, p);
    });
  });
  // Add-ons require one of the suites (§5 productDependencies).
  const suites = ['Microsoft 365 Business Standard', 'Microsoft 365 Business Premium', 'Microsoft 365 E3'].map((b) => {
    const { description: _d, ...rest } = nceIds.get(b)!;
    return rest;
  });
  for (const d of defs) if (d.isAddOn) (d.dependencies.productDependencies as Row[]).push({ name: 'Requires', products: suites });

  OTHER.forEach(([name, vendor, srp, unit, kind], i) => {
    const sku = `${vendor.slice(0, 3).toUpperCase()}-${String(100 + i)}`;
    const p = makeProduct(name, vendor, sku, `${vendor.replace(/\W/g, '').toLowerCase()}-${i + 1}`, false, `${name} by ${vendor}.`);
    const flatRate = FLAT_RATE_CHARGES.has(name);
    const type: PricingType = flatRate ? 'Flat' : i % 5 === 0 ? 'Volume' : i % 5 === 2 ? 'Tiered' : 'Flat';
    const option = (o: Omit<PriceOption, 'type' | 'tiers'>): PriceOption =>
      flatRate ? { ...o, srp: round4(o.srp * 10), buy: round4(o.buy * 10), chargeType: 'Flat Rate' } : { ...o, type, tiers: tiersFor(type, o.buy, o.srp) };
    const options: PriceOption[] = [option({ billingTerm: 'Monthly', months: 1, srp, buy: round4(srp * 0.8) })];
    if (i % 3 === 0) options.push(option({ billingTerm: 'Annual', commitmentTerm: '1-Year', months: 12, srp: round4(srp * 11), buy: round4(srp * 11 * 0.8) }));
    const details =
      kind === 'region'
        ? [detail('Data Center Region', 'region', 'Where the vendor stores the data', ['US', 'EU', 'UK', 'AU'])]
        : kind === 'domain'
          ? [detail('Primary Domain', 'primaryDomain', 'The customer domain', null)]
          : [detail('Admin Email', 'adminEmail', 'Vendor console administrator', null)];
    defs.push({
      product: p,
      pricing: options.map((o) => pricingRow(p, o, flatRate ? 'Site' : unit)),
      dependencies: {
        commitmentDependencies: options.some((o) => o.commitmentTerm) ? [commitmentDependency(p.id as string, '1-Year')] : [],
        productDependencies: [],
      },
      provisionDetails: details,
      options,
      unit,
      isNce: false,
      isArrears: false,
      isAddOn: false,
      weight: 2,
    });
  });

  USAGE.forEach(([base, vendor], i) => {
    for (const arrears of [false, true]) {
      const name = arrears ? `${base} - Arrears Charge` : base;
      const p = makeProduct(name, vendor, `USG-${i + 1}${arrears ? '-ARR' : ''}`, `${vendor.toLowerCase()}-usage-${i + 1}`, false, `${base}, billed on usage in arrears.`);
      const options: PriceOption[] = [{ billingTerm: 'Monthly', months: 1, srp: 0, buy: 0 }];
      defs.push({
        product: p,
        pricing: options.map((o) => pricingRow(p, o, 'Each')),
        dependencies: { commitmentDependencies: [], productDependencies: [] },
        provisionDetails: [],
        options,
        unit: 'Each',
        isNce: false,
        isArrears: true,
        isAddOn: false,
        // Some arrears products have no price list: their pricing answers 404.
        pricingMissing: arrears && i % 2 === 1,
        weight: arrears ? 2 : 1,
      });
    }
  });
  ONE_TIME.forEach(([name, vendor, price, unit], i) => {
    const p = makeProduct(name, vendor, `OT-${i + 1}`, `${vendor.toLowerCase()}-once-${i + 1}`, false, `${name}, charged once.`);
    const options: PriceOption[] = [{ billingTerm: 'One-Time', months: 0, srp: price, buy: round4(price * 0.8) }];
    defs.push({
      product: p,
      pricing: options.map((o) => pricingRow(p, o, unit)),
      dependencies: { commitmentDependencies: [], productDependencies: [] },
      provisionDetails: [],
      options,
      unit,
      isNce: false,
      isArrears: false,
      isAddOn: false,
      isOneTime: true,
      weight: 0,
    });
  });
  return defs;
}

export const TERM_LENGTH_MONTHS = TERM_MONTHS;
