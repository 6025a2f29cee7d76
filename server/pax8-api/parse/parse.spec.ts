import { WarnOnce } from '../warnings';
import { ParseContext } from './context';
import { parseErrorBody } from './error-body';
import { parseInvoiceItem } from './invoice';
import { parseOrder } from './order';
import { parsePage } from './page';
import { parsePricing } from './pricing';
import { parseCompany } from './company';
import { parseSubscription } from './subscription';
import { Pax8ResponseError } from '../errors';

function ctx() {
  const warnings: string[] = [];
  return { c: new ParseContext(new WarnOnce({ warn: (m) => warnings.push(m) }), 'GET', '/subscriptions'), warnings };
}

describe('tolerant parsing', () => {
  it('keeps unknown enum values raw and warns once per value', () => {
    const { c, warnings } = ctx();
    const a = parseSubscription(c, { id: '1', status: 'Suspended' });
    const b = parseSubscription(c, { id: '2', status: 'Suspended' });
    parseSubscription(c, { id: '3', status: 'Active' });
    expect(a.status).toBe('Suspended');
    expect(b.status).toBe('Suspended');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('Suspended');
  });

  it('knows Expired (seen live outside the published enum, §13): kept, not reported as unknown', () => {
    const { c, warnings } = ctx();
    expect(parseSubscription(c, { id: '1', status: 'Expired' }).status).toBe('Expired');
    expect(warnings).toEqual([]);
  });

  it('ignores extra fields and treats every non-id field as optional', () => {
    const { c, warnings } = ctx();
    expect(parseSubscription(c, { id: 's', somethingNew: { deep: true } })).toEqual({ id: 's' });
    expect(parseCompany(c, { id: 'c', name: null, phone: undefined, selfServiceAllowed: 'maybe' })).toEqual({ id: 'c' });
    expect(warnings).toHaveLength(0);
  });

  it('throws Pax8ResponseError for a record without an id', () => {
    const { c } = ctx();
    expect(() => parseSubscription(c, { status: 'Active' })).toThrow(Pax8ResponseError);
    expect(() => parseSubscription(c, 'nope')).toThrow(Pax8ResponseError);
  });

  it('accepts commitment, commitmentTerm, null and absent', () => {
    const { c } = ctx();
    const live = parseSubscription(c, { id: '1', commitment: { id: 'k', term: '1-Year', endDate: '2026-01-14T00:00:00Z' } });
    expect(live.commitment).toEqual({ id: 'k', term: '1-Year', endDate: new Date('2026-01-14T00:00:00Z') });
    const spec = parseSubscription(c, { id: '2', commitmentTerm: { id: 'k', term: 'Monthly', endDate: '2026-01-14' } });
    expect(spec.commitment).toEqual({ id: 'k', term: 'Monthly', endDate: new Date('2026-01-14T00:00:00Z') });
    expect(parseSubscription(c, { id: '3', commitment: null }).commitment).toBeUndefined();
    expect(parseSubscription(c, { id: '4' }).commitment).toBeUndefined();
  });

  it('turns money into decimal strings and picks the unit cost in one place', () => {
    const { c } = ctx();
    const s = parseSubscription(c, { id: '1', price: 15.0, partnerCost: 12.6, quantity: 12 });
    expect(s).toMatchObject({ price: '15', partnerCost: '12.6', unitCost: { amount: '12.6', source: 'partnerCost' } });
    expect(parseSubscription(c, { id: '2', price: 16.368 }).unitCost).toEqual({ amount: '16.368', source: 'price (retail)' });
  });

  it('reads every date format and warns once about an unreadable one', () => {
    const { c, warnings } = ctx();
    const s = parseSubscription(c, {
      id: '1',
      startDate: '2020-12-01T13:20:13.153-0700',
      createdDate: '2020-12-03',
      updatedDate: '2025-03-04T10:12:00.123456Z',
      endDate: 'garbage',
    });
    expect(s.startDate?.toISOString()).toBe('2020-12-01T20:20:13.153Z');
    expect(s.createdDate?.toISOString()).toBe('2020-12-03T00:00:00.000Z');
    expect(s.updatedDate?.toISOString()).toBe('2025-03-04T10:12:00.123Z');
    expect(s.endDate).toBeUndefined();
    parseSubscription(c, { id: '2', endDate: 'garbage' });
    expect(warnings).toHaveLength(1);
  });

  it('defaults pricing ranges: missing start = 0, missing end = unbounded', () => {
    const { c } = ctx();
    const p = parsePricing(c, { billingTerm: 'Monthly', rates: [{ partnerBuyRate: 12.6, suggestedRetailPrice: 15, endQuantityRange: null }] });
    expect(p.rates[0]).toEqual({ partnerBuyRate: '12.6', suggestedRetailPrice: '15', startQuantityRange: 0 });
    expect(p.productId).toBeUndefined();
  });

  it('normalises orderedBy spellings and invoice item variants', () => {
    const { c, warnings } = ctx();
    expect(parseOrder(c, { id: 'o', orderedBy: 'Pax8Partner' }).orderedBy).toBe('Pax8 Partner');
    expect(parseOrder(c, { id: 'o', orderedBy: 'Pax8 Partner' }).orderedBy).toBe('Pax8 Partner');
    expect(parseOrder(c, { id: 'o', orderedBy: 'Customer', lineItems: [{ productId: 'p', commitmentTermID: 'x' }] })).toMatchObject({
      orderedBy: 'Customer',
      lineItems: [{ productId: 'p', commitmentTermId: 'x' }],
    });
    expect(parseInvoiceItem(c, { id: 'i', type: 'payment_credit', rateType: 'Flat', quantity: 1.5 })).toMatchObject({
      type: 'payment-credit',
      rateType: 'flat',
      quantity: '1.5',
    });
    expect(warnings).toHaveLength(0);
  });

  it('reads pages with and without a page block', () => {
    const { c } = ctx();
    const paged = parsePage(c, { content: [{ id: 'a' }], page: { size: 200, totalElements: 401, totalPages: 3, number: 1 } }, { number: 1, size: 200 }, parseSubscription);
    expect(paged.page).toEqual({ size: 200, totalElements: 401, totalPages: 3, number: 1 });
    const flat = parsePage(c, { content: [{ id: 'a' }, { id: 'b' }] }, { number: 0, size: 200 }, parseSubscription);
    expect(flat.page).toEqual({ number: 0, size: 2, totalElements: 2, totalPages: 1 });
    expect(() => parsePage(c, { items: [] }, { number: 0, size: 200 }, parseSubscription)).toThrow(Pax8ResponseError);
  });
});

describe('parseErrorBody', () => {
  it('reads the §3 envelope', () => {
    expect(
      parseErrorBody('{"type":"UNPROCESSABLE","message":"Validation failed","status":422,"details":[{"type":"INVALID_PARAM","message":"quantity must be at least 1"}]}'),
    ).toEqual({ type: 'UNPROCESSABLE', message: 'Validation failed', details: [{ type: 'INVALID_PARAM', message: 'quantity must be at least 1' }] });
  });
  it('reads {errors:[string]}', () => {
    expect(parseErrorBody({ errors: ['Quantity decrease not allowed during commitment'] })).toEqual({
      details: [{ message: 'Quantity decrease not allowed during commitment' }],
    });
  });
  it('reads the OAuth shape and survives HTML', () => {
    expect(parseErrorBody({ error: 'access_denied', error_description: 'Unauthorized' })).toEqual({ type: 'access_denied', message: 'Unauthorized', details: [] });
    expect(parseErrorBody('<html>502 Bad Gateway</html>')).toEqual({ details: [] });
  });
});
