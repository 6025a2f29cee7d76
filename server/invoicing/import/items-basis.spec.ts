import { isFinalInvoiceStatus, itemsFetchReason, sameMoney } from './items-basis';
import type { InvoiceHeader } from './invoice-records';

const header = (status: string | null, total: string | null): InvoiceHeader => ({
  pax8Id: 'inv-1', invoiceDate: '2026-03-01', invoiceMonth: '2026-03', dueDate: '2026-03-15', status, total, balance: '0', currencyCode: 'USD', pax8CompanyId: null,
});
const imported = (itemsStatus: string | null, itemsTotal: string | null) => ({ itemsImportedAt: new Date('2026-03-06T00:00:00Z'), itemsStatus, itemsTotal });

describe('which invoices need their items fetched', () => {
  it('treats the §6 statuses after issue as final and Unpaid, missing or unknown ones as open', () => {
    for (const s of ['Paid', 'Void', 'Carried', 'Nothing Due', 'Credited', 'paid']) expect(isFinalInvoiceStatus(s)).toBe(true);
    for (const s of ['Unpaid', 'Draft', '', null, undefined]) expect(isFinalInvoiceStatus(s)).toBe(false);
  });

  it('compares amounts by value, not by text', () => {
    expect(sameMoney('12.3', '12.3000')).toBe(true);
    expect(sameMoney('12.3', '12.31')).toBe(false);
    expect(sameMoney(null, null)).toBe(true);
    expect(sameMoney(null, '0')).toBe(false);
  });

  it('fetches new and never-imported invoices', () => {
    expect(itemsFetchReason(undefined, header('Unpaid', '10'))).toBe('new');
    expect(itemsFetchReason({ itemsImportedAt: null, itemsStatus: null, itemsTotal: null }, header('Paid', '10'))).toBe('not-imported');
  });

  it('keeps items fetched under a final status, and under an open status that has not moved', () => {
    expect(itemsFetchReason(imported('Paid', '10.0000'), header('Credited', '10'))).toBeNull();
    expect(itemsFetchReason(imported('Unpaid', '10.0000'), header('Unpaid', '10'))).toBeNull();
  });

  it('fetches again once an open invoice moves on, or when the listed total changed', () => {
    expect(itemsFetchReason(imported('Unpaid', '10'), header('Paid', '10'))).toBe('status-changed');
    expect(itemsFetchReason(imported(null, '10'), header('Paid', '10'))).toBe('status-changed');
    expect(itemsFetchReason(imported('Paid', '10'), header('Paid', '12.5'))).toBe('total-changed');
  });
});
