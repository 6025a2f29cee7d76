import type { UsageLine, UsageSummary } from '../types';
import { compact, ParseContext } from './context';

export function parseUsageSummary(c: ParseContext, value: unknown): UsageSummary {
  const r = c.record(value, 'usage summary');
  return compact({
    id: c.id(r, 'usage summary'),
    companyId: c.str(r.companyId),
    subscriptionId: c.str(r.subscriptionId),
    productId: c.str(r.productId),
    resourceGroup: c.str(r.resourceGroup),
    vendorName: c.str(r.vendorName),
    currentCharges: c.money(r.currentCharges),
    partnerTotal: c.money(r.partnerTotal),
    currencyCode: c.str(r.currencyCode),
    isTrial: c.bool(r.isTrial),
  });
}

export function parseUsageLine(c: ParseContext, value: unknown): UsageLine {
  const r = c.obj(value) ?? {};
  return compact({
    usageSummaryId: c.str(r.usageSummaryId),
    usageDate: c.date(r.usageDate, 'usageLine.usageDate'),
    productName: c.str(r.productName),
    productId: c.str(r.productId),
    unitOfMeasure: c.str(r.unitOfMeasure),
    quantity: c.money(r.quantity),
    currentCharges: c.money(r.currentCharges),
    currentProfit: c.money(r.currentProfit),
    partnerTotal: c.money(r.partnerTotal),
    unitPrice: c.money(r.unitPrice),
    currencyCode: c.str(r.currencyCode),
    isTrial: c.bool(r.isTrial),
  });
}
