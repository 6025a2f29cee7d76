/**
 * Invoice headers. Pax8 dates an invoice on the 1st (due the 15th, §5) and shows it only once approved,
 * from the approval day of that month on (issue 13: around the 4th–5th). One partner invoice per month
 * carries every company that is not billed on behalf; each bill-on-behalf company gets its own invoice
 * with `companyId`. A planted credit turns the month's partner invoice `Credited` on the credit day and
 * re-issues it (new id, dated the credit day).
 */
import { Dice } from '../random';
import { DAY, addMonths, dateOnly } from '../dates';
import type { SandboxBillingOptions, SandboxPlant } from '../sandbox.types';
import type { Row } from './products';

export interface InvoiceMeta {
  /** Start of the service month of its recurring charges (the 1st of the invoice's month). */
  periodStart: number;
  /** null: the partner invoice (every company not billed on behalf). */
  companyId: string | null;
  visibleFrom: number;
  /** The original of a planted credit: Credited from this time on. */
  creditedAt?: number;
  /** 'original' bills the planted wrong quantity; 'reissue' the right one. */
  role: 'normal' | 'original' | 'reissue';
}

export const DEFAULT_BILLING: Required<SandboxBillingOptions> = { approvalDay: 5, creditDay: 12, monthsBack: 3 };

export const monthKey = (ms: number) => dateOnly(ms).slice(0, 7);

export function generateInvoices(
  d: Dice,
  anchor: number,
  partnerName: string,
  companies: Iterable<Row>,
  plants: SandboxPlant[],
  billing: Required<SandboxBillingOptions>,
): { invoices: Row[]; meta: Map<string, InvoiceMeta> } {
  const invoices: Row[] = [];
  const meta = new Map<string, InvoiceMeta>();
  const onBehalf = [...companies].filter((c) => c.billOnBehalfOfEnabled === true && c.status !== 'Deleted').map((c) => c.id as string);
  const add = (periodStart: number, companyId: string | null, role: InvoiceMeta['role'], dated: number, visibleFrom: number, creditedAt?: number) => {
    const id = d.uuid();
    invoices.push({
      id,
      invoiceDate: dateOnly(dated),
      dueDate: dateOnly(dated + 14 * DAY),
      status: 'Unpaid', // set on read from the clock (Unpaid until due, then Paid; Credited)
      balance: 0,
      carriedBalance: 0,
      total: 0, // filled in when the items are first computed (routes/invoices.ts)
      currencyCode: 'USD',
      partnerName,
      ...(companyId ? { companyId } : {}),
    });
    meta.set(id, { periodStart, companyId, visibleFrom, creditedAt, role });
  };
  // From monthsBack before the reference month up to the month after it, so moving the clock forward shows the next one.
  for (let k = -billing.monthsBack; k <= 1; k++) {
    const periodStart = addMonths(anchor, k);
    const visibleFrom = periodStart + (billing.approvalDay - 1) * DAY;
    const credited = plants.some((p) => p.kind === 'credit' && p.month === monthKey(periodStart));
    if (credited) {
      const creditAt = periodStart + (billing.creditDay - 1) * DAY;
      add(periodStart, null, 'original', periodStart, visibleFrom, creditAt);
      add(periodStart, null, 'reissue', creditAt, creditAt);
    } else add(periodStart, null, 'normal', periodStart, visibleFrom);
    for (const companyId of onBehalf) add(periodStart, companyId, 'normal', periodStart, visibleFrom);
  }
  return { invoices, meta };
}
