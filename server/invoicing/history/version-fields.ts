import Decimal from 'decimal.js';

/** The fields whose change opens a new subscription version (what billing depends on). */
export interface VersionFields {
  quantity: number | null;
  price: string | null;
  partnerCost: string | null;
  status: string | null;
  billingTerm: string | null;
  commitmentTerm: string | null;
  commitmentEndDate: Date | null;
}

const sameMoney = (a: string | null, b: string | null) => (a === null || b === null ? a === b : new Decimal(a).eq(b));
const sameDate = (a: Date | null, b: Date | null) => (a === null || b === null ? a === b : new Date(a).getTime() === new Date(b).getTime());

export function pickVersionFields(r: VersionFields): VersionFields {
  return {
    quantity: r.quantity,
    price: r.price,
    partnerCost: r.partnerCost,
    status: r.status,
    billingTerm: r.billingTerm,
    commitmentTerm: r.commitmentTerm,
    commitmentEndDate: r.commitmentEndDate,
  };
}

/** Same version? Money compared as decimals (the database may hand back '12.6000' for '12.6'). */
export function sameVersion(a: VersionFields, b: VersionFields): boolean {
  return (
    a.quantity === b.quantity &&
    sameMoney(a.price, b.price) &&
    sameMoney(a.partnerCost, b.partnerCost) &&
    a.status === b.status &&
    a.billingTerm === b.billingTerm &&
    a.commitmentTerm === b.commitmentTerm &&
    sameDate(a.commitmentEndDate, b.commitmentEndDate)
  );
}
