import type { Invoice, InvoiceItem } from '../types';
import { compact, ParseContext } from './context';

export function parseInvoice(c: ParseContext, value: unknown): Invoice {
  const r = c.record(value, 'invoice');
  return compact({
    id: c.id(r, 'invoice'),
    invoiceDate: c.date(r.invoiceDate, 'invoice.invoiceDate'),
    dueDate: c.date(r.dueDate, 'invoice.dueDate'),
    status: c.enumValue('invoiceStatus', r.status),
    balance: c.money(r.balance),
    carriedBalance: c.money(r.carriedBalance),
    total: c.money(r.total),
    currencyCode: c.str(r.currencyCode),
    partnerName: c.str(r.partnerName),
    companyId: c.str(r.companyId),
    externalId: c.str(r.externalId),
  });
}

export function parseInvoiceItem(c: ParseContext, value: unknown): InvoiceItem {
  const r = c.record(value, 'invoice item');
  return compact({
    id: c.id(r, 'invoice item'),
    purchaseOrderNumber: c.str(r.purchaseOrderNumber),
    type: c.enumValue('invoiceItemType', r.type),
    companyId: c.str(r.companyId),
    externalId: c.str(r.externalId),
    companyName: c.str(r.companyName),
    startPeriod: c.date(r.startPeriod, 'invoiceItem.startPeriod'),
    endPeriod: c.date(r.endPeriod, 'invoiceItem.endPeriod'),
    // Quantities can be fractional (usage), so they are decimals too.
    quantity: c.money(r.quantity),
    unitOfMeasure: c.str(r.unitOfMeasure),
    term: c.str(r.term),
    sku: c.str(r.sku),
    description: c.str(r.description),
    details: c.str(r.details),
    rateType: c.enumValue('invoiceItemRateType', r.rateType),
    chargeType: c.enumValue('invoiceItemChargeType', r.chargeType),
    price: c.money(r.price),
    subTotal: c.money(r.subTotal),
    total: c.money(r.total),
    cost: c.money(r.cost),
    costTotal: c.money(r.costTotal),
    offeredBy: c.str(r.offeredBy),
    billedByPax8: c.bool(r.billedByPax8),
    productId: c.str(r.productId),
    productName: c.str(r.productName),
    vendorName: c.str(r.vendorName),
    billingFee: c.money(r.billingFee),
    billingFeeRate: c.money(r.billingFeeRate),
    amountDue: c.money(r.amountDue),
    currencyCode: c.str(r.currencyCode),
    salesTax: c.money(r.salesTax),
    subscriptionId: c.str(r.subscriptionId),
  });
}
