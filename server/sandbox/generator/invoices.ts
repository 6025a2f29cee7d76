/** Partner invoices for the last three months (dated the 1st, due the 15th, as in the spec examples). */
import { Dice } from '../random';
import { addMonths, dateOnly } from '../dates';
import type { Row } from './products';

export function generateInvoices(d: Dice, anchor: number, partnerName: string, months = 3): Row[] {
  const out: Row[] = [];
  for (let k = months; k >= 1; k--) {
    const date = addMonths(anchor, -k + 1); // the newest is dated on the anchor month's 1st
    const due = date + 14 * 86_400_000;
    out.push({
      id: d.uuid(),
      invoiceDate: dateOnly(date),
      dueDate: dateOnly(due),
      status: k === 1 ? 'Unpaid' : 'Paid',
      // total and balance are filled in on first read, from the subscriptions billed (see routes/invoices.ts)
      balance: 0,
      carriedBalance: 0,
      total: 0,
      currencyCode: 'USD',
      partnerName,
    });
  }
  return out;
}
