/**
 * Billing terms, commitment terms and product names: the one place that reads them.
 * Pax8 carries terms in structured fields (subscription `billingTerm`, `commitment.term`); some product
 * names carry them too ("… [New Commerce Experience] - Annual Commitment, Monthly Billing") and usage
 * products have an "… - Arrears Charge" twin (pax8-api.md §8, §11.9).
 */

export type BillingTerm = 'Monthly' | 'Annual' | '2-Year' | '3-Year' | 'One-Time' | 'Trial' | 'Activation';
export type CommitmentTerm = 'Monthly' | '1-Year' | '2-Year' | '3-Year';

const BILLING_TERM_MONTHS: Record<BillingTerm, number | null> = {
  Monthly: 1,
  Annual: 12,
  '2-Year': 24,
  '3-Year': 36,
  'One-Time': null,
  Trial: null,
  Activation: null,
};

const compact = (s: string) => s.toLowerCase().replace(/[\s_-]+/g, '');

/** Spellings seen or plausible for each billing term (Pax8 enum, invoice-item terms, ISO 8601 periods). */
const BILLING_TERM_ALIASES: Record<string, BillingTerm> = {
  monthly: 'Monthly', month: 'Monthly', '1month': 'Monthly', p1m: 'Monthly',
  annual: 'Annual', annually: 'Annual', yearly: 'Annual', '1year': 'Annual', '12month': 'Annual', '12months': 'Annual', p1y: 'Annual',
  '2year': '2-Year', '24month': '2-Year', '24months': '2-Year', p2y: '2-Year',
  '3year': '3-Year', '36month': '3-Year', '36months': '3-Year', p3y: '3-Year',
  onetime: 'One-Time', trial: 'Trial', activation: 'Activation',
};

const COMMITMENT_ALIASES: Record<string, CommitmentTerm> = {
  monthly: 'Monthly', month: 'Monthly', '1month': 'Monthly', p1m: 'Monthly',
  annual: '1-Year', yearly: '1-Year', '1year': '1-Year', '12month': '1-Year', '12months': '1-Year', p1y: '1-Year',
  '2year': '2-Year', '24month': '2-Year', '24months': '2-Year', p2y: '2-Year',
  '3year': '3-Year', '36month': '3-Year', '36months': '3-Year', p3y: '3-Year',
};

/** Pax8's billing term in its canonical spelling, or null when it is not one we know (kept as sent elsewhere). */
export function normalizeBillingTerm(term: string | null | undefined): BillingTerm | null {
  return term ? BILLING_TERM_ALIASES[compact(term)] ?? null : null;
}

export function normalizeCommitmentTerm(term: string | null | undefined): CommitmentTerm | null {
  return term ? COMMITMENT_ALIASES[compact(term)] ?? null : null;
}

/** Months in one billing period: Monthly 1, Annual 12, 2-Year 24, 3-Year 36; null for One-Time, Trial, Activation and unknown terms. */
export function monthsPerBillingTerm(term: string | null | undefined): number | null {
  const t = normalizeBillingTerm(term);
  return t ? BILLING_TERM_MONTHS[t] : null;
}

export interface ParsedProductName {
  /** The name without the NCE marker, term suffix and "Arrears Charge". */
  baseName: string;
  nce: boolean;
  arrears: boolean;
  /** Terms the name carries, if any (structured fields win over these). */
  commitmentTerm: CommitmentTerm | null;
  billingTerm: BillingTerm | null;
}

const NCE_MARKER = /\s*\[\s*new\s+commerce\s+experience\s*\]\s*/i;
const ARREARS = /\s*[-–—]\s*arrears\s+charge\b/i;
const TERM_WORD = String.raw`(monthly|month|annual|annually|yearly|\d+[\s-]*(?:year|yr|month)s?|p\d+[ym])`;
const COMMITMENT_PART = new RegExp(String.raw`${TERM_WORD}\s+commitment`, 'i');
const BILLING_PART = new RegExp(String.raw`(?:${TERM_WORD}\s+billing|(?:paid|billed)\s+${TERM_WORD})`, 'i');
/** A trailing " - <…Commitment…, …Billing…>" or "(P1Y)"-like segment that holds only term words. */
const TERM_SUFFIX = new RegExp(String.raw`\s*(?:[-–—]\s*|\()\s*(?:(?:${TERM_WORD}\s+commitment|${TERM_WORD}\s+billing|(?:paid|billed)\s+${TERM_WORD}|p\d+[ym])[\s,;/]*)+\)?\s*$`, 'i');

// A tenant has a few hundred distinct product names over thousands of subscriptions: parse each once.
const parsedNames = new Map<string, Readonly<ParsedProductName>>();
const PARSED_CACHE_LIMIT = 20_000;

/** Reads a Pax8 product name: NCE marker, "Arrears Charge" variant, and any term it carries. */
export function parseProductName(name: string | null | undefined): Readonly<ParsedProductName> {
  const key = name ?? '';
  let parsed = parsedNames.get(key);
  if (!parsed) {
    if (parsedNames.size >= PARSED_CACHE_LIMIT) parsedNames.clear();
    parsed = Object.freeze(parse(key));
    parsedNames.set(key, parsed);
  }
  return parsed;
}

function parse(name: string): ParsedProductName {
  let rest = name.trim();
  let commitmentTerm: CommitmentTerm | null = null;
  let billingTerm: BillingTerm | null = null;
  const suffix = rest.match(TERM_SUFFIX);
  if (suffix) {
    const text = suffix[0];
    const c = text.match(COMMITMENT_PART);
    const b = text.match(BILLING_PART);
    const bareIso = !c && !b ? text.match(/p\d+[ym]/i) : null;
    commitmentTerm = normalizeCommitmentTerm(c?.[1] ?? bareIso?.[0]);
    billingTerm = normalizeBillingTerm(b?.[1] ?? b?.[2]);
    rest = rest.slice(0, suffix.index).trim();
  }
  const arrears = ARREARS.test(rest);
  if (arrears) rest = rest.replace(ARREARS, ' ').trim();
  const nce = NCE_MARKER.test(rest);
  if (nce) rest = rest.replace(NCE_MARKER, ' ').trim();
  return { baseName: rest.replace(/\s+/g, ' '), nce, arrears, commitmentTerm, billingTerm };
}

/** One key per product across its term, NCE and arrears variants: what a product rule is attached to. */
export function productKey(productName: string | null | undefined): string {
  return parseProductName(productName).baseName.toLowerCase();
}

export interface TermFields {
  productName: string | null | undefined;
  billingTerm?: string | null;
  commitmentTerm?: string | null;
}

/** The terms of a subscription: its structured fields first, else what its product name says. */
export function resolveTerms(s: TermFields): { billingTerm: string | null; commitmentTerm: string | null } {
  const parsed = parseProductName(s.productName);
  return {
    billingTerm: normalizeBillingTerm(s.billingTerm) ?? (s.billingTerm || parsed.billingTerm),
    commitmentTerm: normalizeCommitmentTerm(s.commitmentTerm) ?? (s.commitmentTerm || parsed.commitmentTerm),
  };
}

/** Product × term: a report groups variants by this so none is counted twice. */
export function productTermKey(s: TermFields): string {
  const t = resolveTerms(s);
  return `${productKey(s.productName)}|${t.billingTerm ?? '-'}|${t.commitmentTerm ?? '-'}`;
}

const COMMITMENT_WORDS: Record<CommitmentTerm, string> = { Monthly: 'Monthly', '1-Year': 'Annual', '2-Year': '2-year', '3-Year': '3-year' };
const BILLED_WORDS: Record<BillingTerm, string> = {
  Monthly: 'billed monthly', Annual: 'billed annually', '2-Year': 'billed every 2 years', '3-Year': 'billed every 3 years',
  'One-Time': 'one-time charge', Trial: 'trial', Activation: 'activation charge',
};

/** Readable term text: "Annual commitment, billed monthly", "No commitment, billed monthly", "Usage in arrears". */
export function describeTerm(s: TermFields): string {
  const parsed = parseProductName(s.productName);
  const t = resolveTerms(s);
  const billing = normalizeBillingTerm(t.billingTerm);
  const commitment = normalizeCommitmentTerm(t.commitmentTerm);
  const billed = billing ? BILLED_WORDS[billing] : t.billingTerm ? `billed ${t.billingTerm}` : 'billing term unknown';
  if (parsed.arrears) return `Usage in arrears, ${billed}`;
  if (billing === 'One-Time' || billing === 'Trial' || billing === 'Activation') return billed.charAt(0).toUpperCase() + billed.slice(1);
  const committed = commitment ? `${COMMITMENT_WORDS[commitment]} commitment` : t.commitmentTerm ? `${t.commitmentTerm} commitment` : 'No commitment';
  return `${committed}, ${billed}`;
}

/** "Microsoft 365 Business Premium — Annual commitment, billed monthly" (the NCE marker and term suffix dropped). */
export function describeLine(s: TermFields): string {
  const parsed = parseProductName(s.productName);
  const base = parsed.baseName || 'Unnamed product';
  return `${base}${parsed.arrears ? ' (Arrears Charge)' : ''} — ${describeTerm(s)}`;
}
