import { stringify } from 'csv-stringify/sync';
import type { ReconReport } from './reconciliation.service';

export const RECON_CSV_COLUMNS = [
  'period', 'class', 'kind', 'moneyAtStake', 'subscriptionId', 'companyId', 'clientId', 'productName',
  'pax8Quantity', 'pax8Cost', 'snapshotQuantity', 'snapshotUnitCost', 'hostQuantity', 'hostRevenue', 'hostCost', 'recurringInvoiceIds', 'note',
] as const;

/** Text a spreadsheet would run as a formula (=, +, -, @, tab, CR at the start) gets a leading quote (OWASP CSV injection). */
const safeText = (v: string | null) => (v && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

/** The report's rows as CSV (csv-stringify quotes what needs quoting); totals stay in the JSON route. */
export function reportCsv(report: ReconReport): string {
  const rows = report.rows.map((r) => {
    const snap = r.snapshot && r.snapshot.known ? r.snapshot : null;
    return [
      report.period, r.class, r.kind, r.moneyAtStake, r.subscriptionId, r.companyId, r.clientId, safeText(r.productName),
      r.pax8?.quantity, r.pax8?.cost, snap?.quantity, snap?.unitCost, r.host?.quantity, r.host?.revenue, r.host?.cost, r.host?.recurringInvoiceIds.join(' '), safeText(r.note),
    ].map((v) => (v === null || v === undefined ? '' : String(v)));
  });
  return stringify([RECON_CSV_COLUMNS as unknown as string[], ...rows]);
}
