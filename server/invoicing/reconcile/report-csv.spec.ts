import { reportCsv } from './report-csv';
import type { ReconReport } from './reconciliation.service';

describe('reconciliation CSV', () => {
  const report = (productName: string, note: string | null): ReconReport => ({
    period: '2026-05', clientId: null, pax8: { recurringInvoicePosted: true, arrearsInvoicePosted: true, invoices: [] },
    totals: {} as never,
    rows: [{ kind: 'recurring', subscriptionId: 's1', companyId: 'c1', clientId: 'k1', productName, class: 'under-billed', moneyAtStake: '-0.50', pax8: { quantity: '3', cost: '30.00', items: ['i'] }, snapshot: { known: true, quantity: 2, unitCost: '10.0000', retail: false, status: 'Active', billingTerm: 'Monthly' }, host: { quantity: '2', revenue: '24.00', cost: '20.00', recurringInvoiceIds: ['a', 'b'] }, note }],
  });

  it('quotes commas, quotes and line breaks, and defuses formulas in text', () => {
    const csv = reportCsv(report('=HYPERLINK("x"), "Pro", Plan', 'two\nlines'));
    const [header, ...rest] = csv.trimEnd().split('\n');
    expect(header.split(',')).toHaveLength(17);
    expect(rest.join('\n')).toContain(`"'=HYPERLINK(""x""), ""Pro"", Plan"`);
    expect(rest.join('\n')).toContain('"two\nlines"');
    expect(rest[0]).toContain(',-0.50,'); // money is not text: a minus sign stays
    expect(rest[0]).toContain(',a b,');
  });
});
