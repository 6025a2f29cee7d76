import { describeLine, monthsPerBillingTerm, normalizeBillingTerm, normalizeCommitmentTerm, parseProductName, productKey, productTermKey } from './terms';

describe('billing terms', () => {
  it.each([
    ['Monthly', 1], ['Annual', 12], ['2-Year', 24], ['3-Year', 36], ['One-Time', null], ['Trial', null], ['Activation', null],
    ['annual', 12], ['2 Year', 24], ['3 Year', 36], ['One-time', null], ['Arrears', null], [null, null], ['', null],
  ])('%s has %s months per period', (term, months) => {
    expect(monthsPerBillingTerm(term)).toBe(months);
  });

  it('normalizes spellings of commitment terms', () => {
    expect(['1-Year', 'Annual', '12 Month', 'P1Y', '1 year'].map(normalizeCommitmentTerm)).toEqual(['1-Year', '1-Year', '1-Year', '1-Year', '1-Year']);
    expect(normalizeCommitmentTerm('Fortnightly')).toBeNull();
    expect(normalizeBillingTerm('P1M')).toBe('Monthly');
  });
});

describe('parseProductName', () => {
  it.each([
    ['Microsoft 365 Business Premium', { baseName: 'Microsoft 365 Business Premium', nce: false, arrears: false, commitmentTerm: null, billingTerm: null }],
    ['Microsoft 365 Business Premium [New Commerce Experience]', { baseName: 'Microsoft 365 Business Premium', nce: true, arrears: false, commitmentTerm: null, billingTerm: null }],
    ['Microsoft 365 Business Premium [New Commerce Experience] - Annual Commitment, Monthly Billing', { baseName: 'Microsoft 365 Business Premium', nce: true, commitmentTerm: '1-Year', billingTerm: 'Monthly' }],
    ['Microsoft 365 E3 [New Commerce Experience] - 3-Year Commitment, Annual Billing', { baseName: 'Microsoft 365 E3', commitmentTerm: '3-Year', billingTerm: 'Annual' }],
    ['Microsoft 365 E3 [New Commerce Experience] - Monthly Commitment, Monthly Billing', { commitmentTerm: 'Monthly', billingTerm: 'Monthly' }],
    ['Exchange Online (Plan 1) [New Commerce Experience] - 1-Year Commitment, Paid Monthly', { baseName: 'Exchange Online (Plan 1)', commitmentTerm: '1-Year', billingTerm: 'Monthly' }],
    ['Power BI Pro - 12 Month Commitment', { baseName: 'Power BI Pro', commitmentTerm: '1-Year', billingTerm: null }],
    ['Visio Plan 2 (P1Y)', { baseName: 'Visio Plan 2', commitmentTerm: '1-Year' }],
    ['Microsoft Azure Plan - Arrears Charge', { baseName: 'Microsoft Azure Plan', arrears: true, nce: false }],
    // Dashes inside a real name are kept.
    ['Acronis Cyber Protect Cloud - Standard', { baseName: 'Acronis Cyber Protect Cloud - Standard', commitmentTerm: null }],
    ['Proofpoint Essentials - Business', { baseName: 'Proofpoint Essentials - Business' }],
    ['', { baseName: '', nce: false, arrears: false }],
  ])('%s', (name, expected) => {
    expect(parseProductName(name)).toMatchObject(expected);
  });
});

describe('grouping keys', () => {
  it('puts every variant of a product under one product key', () => {
    const names = [
      'Microsoft Azure Plan',
      'Microsoft Azure Plan - Arrears Charge',
      'microsoft  azure plan',
    ];
    expect(new Set(names.map(productKey)).size).toBe(1);
    const nce = ['Microsoft 365 E3', 'Microsoft 365 E3 [New Commerce Experience]', 'Microsoft 365 E3 [New Commerce Experience] - Annual Commitment, Monthly Billing'];
    expect(new Set(nce.map(productKey))).toEqual(new Set(['microsoft 365 e3']));
  });

  it('splits product × term by structured terms, falling back to the name', () => {
    const a = productTermKey({ productName: 'Microsoft 365 E3 [New Commerce Experience]', billingTerm: 'Monthly', commitmentTerm: '1-Year' });
    const b = productTermKey({ productName: 'Microsoft 365 E3 [New Commerce Experience] - Annual Commitment, Monthly Billing', billingTerm: null, commitmentTerm: null });
    const c = productTermKey({ productName: 'Microsoft 365 E3', billingTerm: 'Annual', commitmentTerm: '1-Year' });
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });

  it('describes a line readably', () => {
    expect(describeLine({ productName: 'Microsoft 365 Business Premium [New Commerce Experience]', billingTerm: 'Monthly', commitmentTerm: '1-Year' })).toBe('Microsoft 365 Business Premium — Annual commitment, billed monthly');
    expect(describeLine({ productName: 'Keeper Business', billingTerm: 'Monthly', commitmentTerm: null })).toBe('Keeper Business — No commitment, billed monthly');
    expect(describeLine({ productName: 'Microsoft 365 E3', billingTerm: '3-Year', commitmentTerm: '3-Year' })).toBe('Microsoft 365 E3 — 3-year commitment, billed every 3 years');
    expect(describeLine({ productName: 'Microsoft Azure Plan - Arrears Charge', billingTerm: 'Monthly' })).toBe('Microsoft Azure Plan (Arrears Charge) — Usage in arrears, billed monthly');
    expect(describeLine({ productName: 'Setup', billingTerm: 'One-Time' })).toBe('Setup — One-time charge');
  });
});

import { matchPax8Rate } from './pax8-rates';

describe('matchPax8Rate', () => {
  const rates = (chargeType = 'Per Unit') => [
    { partnerBuyRate: '10', startQuantityRange: 1, endQuantityRange: 10, chargeType },
    { partnerBuyRate: '9.5', startQuantityRange: 11, endQuantityRange: 50, chargeType },
    { partnerBuyRate: '9', startQuantityRange: 51, chargeType },
  ];
  const list = [
    { billingTerm: 'Monthly', commitmentTerm: 'Monthly', type: 'Volume', rates: rates() },
    { billingTerm: 'Monthly', commitmentTerm: '1-Year', type: 'Volume', rates: rates() },
    { billingTerm: 'Annual', commitmentTerm: '1-Year', type: 'Flat', rates: rates('Flat Rate') },
  ];

  it('picks the entry of the terms and the range of the quantity', () => {
    expect(matchPax8Rate(list, { billingTerm: 'Monthly', commitmentTerm: '1-Year', quantity: 12 })?.rate?.partnerBuyRate).toBe('9.5');
    expect(matchPax8Rate(list, { billingTerm: 'Monthly', commitmentTerm: null, quantity: 500 })).toMatchObject({ entry: list[0], rate: { partnerBuyRate: '9' }, chargeType: 'Per Unit' });
    expect(matchPax8Rate(list, { billingTerm: 'Annual', commitmentTerm: 'Annual', quantity: 3 })?.chargeType).toBe('Flat Rate');
    expect(matchPax8Rate(list, { billingTerm: '3-Year', commitmentTerm: '3-Year', quantity: 3 })).toBeNull();
  });
});
