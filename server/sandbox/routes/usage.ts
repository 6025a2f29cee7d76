/**
 * Usage summaries (nested under subscriptions, plus /usage-summaries/{id}) and usage lines per usageDate
 * (§4, §8). Only the nested paths exist: a flat /usage-summaries list is a 404, as live.
 * Lines are computed from (summary id, date), so they are deterministic and cost no memory.
 */
import type { Router, Ctx } from '../router';
import type { Row } from '../generator/products';
import { badRequest, notFound } from '../errors';
import { applySort, matches, pageOf, parsePage } from '../pagination';
import { Dice, hashString, round4 } from '../random';
import { getSubscription } from './subscriptions';
import { dateOnly, startOfMonth } from '../dates';
import { postedUsage } from '../generator/usage-postings';

/** Month-to-date totals as last posted (§8): the stored charges are the month's base, posted in steps. */
function renderSummary(u: Row, now: number): Row {
  const posted = postedUsage(u, startOfMonth(now), now);
  return { ...u, currentCharges: posted?.currentCharges ?? 0, partnerTotal: posted?.partnerTotal ?? 0 };
}

const METERS: Record<string, Array<[string, string, number]>> = {
  Microsoft: [
    ['Virtual Machines Dv3 Series - D2 v3', '1 Hour', 0.096],
    ['Storage - Standard SSD Managed Disks', '1 GB/Month', 0.075],
    ['Bandwidth - Data Transfer Out', '1 GB', 0.087],
  ],
  default: [
    ['Cloud Storage', '1 GB', 0.0059],
    ['API Requests', '10K', 0.004],
  ],
};

function getSummary(ctx: Ctx): Row {
  const s = ctx.state.store.usageSummaries.get(ctx.params.id);
  if (!s) throw notFound('Usage Summary', ctx.params.id);
  return s;
}

export function usageLines(summary: Row, usageDate: string): Row[] {
  const d = new Dice(hashString(`${summary.id}:${usageDate}`));
  const meters = METERS[summary.vendorName as string] ?? METERS.default;
  return meters.map(([name, uom, unitPrice]) => {
    const quantity = round4(d.int(1, 24_000) / 100);
    const charges = round4(quantity * unitPrice);
    const partnerTotal = round4(charges * 0.86);
    return {
      usageSummaryId: summary.id,
      usageDate,
      productName: name,
      productId: summary.productId,
      unitOfMeasure: uom,
      quantity,
      currentCharges: charges,
      currentProfit: round4(charges - partnerTotal),
      partnerTotal,
      unitPrice,
      currencyCode: summary.currencyCode,
      isTrial: summary.isTrial ?? false,
    };
  });
}

export function registerUsage(r: Router): void {
  r.add('GET', '/v1/subscriptions/:id/usage-summaries', (ctx) => {
    const sub = getSubscription(ctx, ctx.params.id);
    const q = ctx.query;
    const req = parsePage(q);
    const rg = q.get('resourceGroup');
    const companyId = q.get('companyId');
    let rows = [...ctx.state.store.usageSummaries.values()].filter(
      (u) => u.subscriptionId === sub.id && matches(u.resourceGroup, rg) && (companyId === null || u.companyId === companyId),
    );
    // Sorted on what is shown: the month-to-date totals as posted now.
    rows = rows.map((u) => renderSummary(u, ctx.now));
    rows = applySort(rows, q, { resourceGroup: (u) => u.resourceGroup, currentCharges: (u) => u.currentCharges, partnerTotal: (u) => u.partnerTotal });
    // Live: companyId is missing when listed through a subscription [L S10].
    const render = (u: Row) => {
      const out = { ...u };
      if (ctx.quirks.omitOptionalFields) delete out.companyId;
      return out;
    };
    return { status: 200, body: pageOf(rows, req, render) };
  });

  r.add('GET', '/v1/usage-summaries/:id', (ctx) => ({ status: 200, body: renderSummary(getSummary(ctx), ctx.now) }));

  r.add('GET', '/v1/usage-summaries/:id/usage-lines', (ctx) => {
    const summary = getSummary(ctx);
    const q = ctx.query;
    const usageDate = q.get('usageDate');
    if (!usageDate) throw badRequest("Required parameter 'usageDate' is not present");
    if (!/^\d{4}-\d{2}-\d{2}$/.test(usageDate) || Number.isNaN(Date.parse(usageDate)))
      throw badRequest(`Invalid value for parameter 'usageDate': ${usageDate}; expected yyyy-MM-dd`);
    const req = parsePage(q);
    const sub = ctx.state.store.subscriptions.get(summary.subscriptionId as string);
    const start = sub ? String(sub.billingStart ?? sub.startDate ?? '').slice(0, 10) : '';
    // No usage before the subscription started or in the future.
    let rows = usageDate > dateOnly(ctx.now) || (start && usageDate < start) ? [] : usageLines(summary, usageDate);
    const productId = q.get('productId');
    if (productId !== null) rows = rows.filter((l) => l.productId === productId);
    return { status: 200, body: pageOf(rows, req) };
  });
}
