import { commitmentRefusal } from './nce-rules';

const now = new Date('2026-03-01T00:00:00Z');
const committed = { quantity: 10, billingTerm: 'Monthly', commitmentTerm: '1-Year', commitmentEndDate: new Date('2026-09-15T00:00:00Z') };

describe('NCE commitment rules', () => {
  it('refuses a mid-term decrease with the end date, and offers to schedule it', () => {
    const r = commitmentRefusal(committed, { quantity: 8 }, { allowForQuantityDecrease: false }, now);
    expect(r).toMatchObject({ schedulable: true, commitmentTerm: '1-Year' });
    expect(r!.commitmentEndDate.toISOString()).toBe('2026-09-15T00:00:00.000Z');
    expect(r!.reason).toContain('2026-09-15');
    // Unknown flags count as "not allowed": a failed decrease costs money.
    expect(commitmentRefusal(committed, { quantity: 8 }, undefined, now)).not.toBeNull();
  });

  it('refuses a billing-term change during the commitment', () => {
    expect(commitmentRefusal(committed, { billingTerm: 'Annual' }, { allowForQuantityDecrease: true }, now)?.reason).toMatch(/billing term/);
  });

  it('lets increases, same values, monthly terms and ended commitments through', () => {
    expect(commitmentRefusal(committed, { quantity: 12 }, { allowForQuantityIncrease: true }, now)).toBeNull();
    expect(commitmentRefusal(committed, { quantity: 8 }, { allowForQuantityDecrease: true }, now)).toBeNull();
    expect(commitmentRefusal({ ...committed, commitmentTerm: 'Monthly' }, { quantity: 1 }, undefined, now)).toBeNull();
    expect(commitmentRefusal({ ...committed, commitmentEndDate: new Date('2026-02-01T00:00:00Z') }, { quantity: 1 }, undefined, now)).toBeNull();
    expect(commitmentRefusal({ ...committed, commitmentTerm: null }, { billingTerm: 'Annual' }, undefined, now)).toBeNull();
  });

  it('refuses an increase the commitment forbids, without offering to wait', () => {
    expect(commitmentRefusal(committed, { quantity: 12 }, { allowForQuantityIncrease: false }, now)).toMatchObject({ schedulable: false });
  });
});
