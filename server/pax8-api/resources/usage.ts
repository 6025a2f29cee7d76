import { PagedList } from '../pagination';
import { parseUsageLine, parseUsageSummary } from '../parse/usage';
import type { Pax8Transport } from '../http';
import type { UsageLine, UsageLineQuery, UsageSummary } from '../types';

/** Usage of arrears-billed products: summaries per subscription (see SubscriptionsResource), lines per day. */
export class UsageResource {
  constructor(private readonly t: Pax8Transport, private readonly size: number) {}

  summary(usageSummaryId: string): Promise<UsageSummary> {
    return this.t.send({ method: 'GET', path: `/usage-summaries/${encodeURIComponent(usageSummaryId)}`, parse: (c, b) => parseUsageSummary(c, b) });
  }

  /** Lines of one summary; every query must carry `usageDate` (yyyy-MM-dd or a Date, sent as its UTC day). */
  lines(usageSummaryId: string): PagedList<UsageLineQuery, UsageLine> {
    return new PagedList(this.t, `/usage-summaries/${encodeURIComponent(usageSummaryId)}/usage-lines`, parseUsageLine, this.size, (q) => {
      if (!q || !q.usageDate) throw new TypeError('usage lines need a usageDate (yyyy-MM-dd): Pax8 requires it');
    });
  }
}
