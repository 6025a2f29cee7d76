/**
 * Renders stored objects for the wire, applying the quirks (§13): the commitment key, productName,
 * mixed date formats, absent-vs-null optional fields and the orderedBy spelling. The store itself stays
 * canonical, so switching a quirk changes only what the next response looks like.
 */
import type { SandboxQuirks } from './sandbox.types';
import type { Row } from './generator/products';
import { renderDateTime } from './dates';
import { hashString } from './random';
import { DATE_FIELDS, OPTIONAL_FIELDS } from './quirks';

function dates(out: Row, id: string, fields: ReadonlyArray<readonly [string, boolean]>, q: SandboxQuirks): void {
  for (const [f, plain] of fields) if (out[f] !== undefined && out[f] !== null) out[f] = renderDateTime(out[f], `${id}:${f}`, plain, q.mixedDateFormats);
}

function optionals(out: Row, fields: readonly string[], q: SandboxQuirks): void {
  if (q.omitOptionalFields) {
    for (const f of fields) if (out[f] === undefined) delete out[f];
  } else for (const f of fields) if (out[f] === undefined) out[f] = null;
}

export function renderCompany(c: Row, q: SandboxQuirks): Row {
  const out = { ...c };
  dates(out, String(c.id), DATE_FIELDS.company, q);
  optionals(out, OPTIONAL_FIELDS.company, q);
  return out;
}

export function renderContact(c: Row, q: SandboxQuirks): Row {
  const out = { ...c };
  dates(out, String(c.id), DATE_FIELDS.contact, q);
  return out;
}

export function renderSubscription(s: Row, q: SandboxQuirks, products: Map<string, Row>): Row {
  const out = { ...s };
  // Tests may store either key; the wire gets the one the quirk asks for.
  const commitment = 'commitment' in s ? s.commitment : s.commitmentTerm;
  delete out.commitment;
  delete out.commitmentTerm;
  if (commitment !== undefined || !q.omitOptionalFields) {
    let c = commitment ?? null;
    if (c && typeof c === 'object') {
      c = { ...(c as Row) };
      dates(c as Row, `${s.id}:commitment`, DATE_FIELDS.commitment, q);
    }
    out[q.commitmentKey] = c;
  }
  if (q.omitSubscriptionProductName) delete out.productName;
  else out.productName = s.productName ?? products.get(s.productId as string)?.name ?? null;
  dates(out, String(s.id), DATE_FIELDS.subscription, q);
  optionals(out, OPTIONAL_FIELDS.subscription, q);
  // Write-only: sent on orders and PUTs, never read back (live reads omit it).
  delete out.provisioningDetails;
  return out;
}

export function renderOrder(o: Row, q: SandboxQuirks): Row {
  const out = { ...o };
  // Stored as either spelling; rendered in the one the quirk selects. 'Customer' and 'Pax8' pass through.
  if (out.orderedBy === 'Pax8Partner' || out.orderedBy === 'Pax8 Partner') {
    out.orderedBy = q.orderedBy !== 'mixed' ? q.orderedBy : hashString(String(o.id)) % 2 ? 'Pax8 Partner' : 'Pax8Partner';
  }
  optionals(out, OPTIONAL_FIELDS.order, q);
  out.lineItems = ((o.lineItems as Row[]) ?? []).map((li) => {
    const l = { ...li };
    // Write-only on order lines: live reads leave them out.
    delete l.provisioningDetails;
    delete l.lineItemNumber;
    optionals(l, OPTIONAL_FIELDS.lineItem, q);
    return l;
  });
  return out;
}

export function renderProduct(p: Row, q: SandboxQuirks, detail: boolean): Row {
  const out = { ...p };
  if (!detail) delete out.description;
  optionals(out, OPTIONAL_FIELDS.product, q);
  return out;
}
