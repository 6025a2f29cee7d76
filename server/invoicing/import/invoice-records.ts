import type { Invoice, InvoiceItem } from '../../pax8-api';
import type { Pax8Invoice } from '../entities/pax8-invoice.entity';
import type { Pax8InvoiceItem } from '../entities/pax8-invoice-item.entity';

const day = (d: Date | undefined) => (d ? d.toISOString().slice(0, 10) : null);

export type InvoiceHeader = Pick<Pax8Invoice, 'pax8Id' | 'invoiceDate' | 'invoiceMonth' | 'dueDate' | 'status' | 'total' | 'balance' | 'currencyCode' | 'pax8CompanyId'>;

export function toInvoiceHeader(i: Invoice): InvoiceHeader | null {
  const invoiceDate = day(i.invoiceDate);
  if (!invoiceDate) return null; // an invoice with no date cannot be placed in a period; skipped and counted
  return {
    pax8Id: i.id,
    invoiceDate,
    invoiceMonth: invoiceDate.slice(0, 7),
    dueDate: day(i.dueDate),
    status: i.status ?? null,
    total: i.total ?? null,
    balance: i.balance ?? null,
    currencyCode: i.currencyCode ?? null,
    pax8CompanyId: i.companyId ?? null,
  };
}

export type ItemRecord = Omit<Pax8InvoiceItem, 'id' | 'tenantId' | 'createdAt' | 'updatedAt' | 'assignId'>;

/** Pax8 spells item types with hyphens or underscores (§6): store the hyphen form. */
const normalType = (t: string | undefined) => (t ? t.toLowerCase().replace(/_/g, '-') : null);

export function toItemRecord(invoice: InvoiceHeader, it: InvoiceItem): ItemRecord {
  const startPeriod = day(it.startPeriod);
  return {
    pax8InvoiceId: invoice.pax8Id,
    pax8ItemId: it.id,
    type: normalType(it.type),
    term: it.term ?? null,
    // The month the charge is for; an item without a period belongs to its invoice's month.
    servicePeriod: (startPeriod ?? invoice.invoiceDate).slice(0, 7),
    startPeriod,
    endPeriod: day(it.endPeriod),
    pax8CompanyId: it.companyId ?? invoice.pax8CompanyId ?? null,
    pax8SubscriptionId: it.subscriptionId ?? null,
    productId: it.productId ?? null,
    productName: it.productName ?? null,
    sku: it.sku ?? null,
    description: it.description ?? null,
    quantity: it.quantity ?? null,
    price: it.price ?? null,
    total: it.total ?? it.subTotal ?? null,
    cost: it.cost ?? null,
    costTotal: it.costTotal ?? null,
    currencyCode: it.currencyCode ?? null,
  };
}
