import { PRICING_DEFAULT_START_QUANTITY } from '../inferences';
import type { Pricing, PricingRate } from '../types';
import { compact, ParseContext } from './context';

export function parsePricingRate(c: ParseContext, value: unknown): PricingRate {
  const r = c.obj(value) ?? {};
  return compact({
    partnerBuyRate: c.money(r.partnerBuyRate),
    suggestedRetailPrice: c.money(r.suggestedRetailPrice),
    startQuantityRange: c.num(r.startQuantityRange) ?? PRICING_DEFAULT_START_QUANTITY,
    endQuantityRange: c.num(r.endQuantityRange),
    chargeType: c.enumValue('pricingChargeType', r.chargeType),
  });
}

export function parsePricing(c: ParseContext, value: unknown): Pricing {
  const r = c.obj(value) ?? {};
  return compact({
    productId: c.str(r.productId),
    productName: c.str(r.productName),
    billingTerm: c.enumValue('billingTerm', r.billingTerm),
    commitmentTerm: c.enumValue('commitmentTerm', r.commitmentTerm),
    commitmentTermInMonths: c.num(r.commitmentTermInMonths),
    type: c.enumValue('pricingType', r.type),
    unitOfMeasurement: c.str(r.unitOfMeasurement),
    currencyCode: c.str(r.currencyCode),
    rates: c.arr(r.rates).map((x) => parsePricingRate(c, x)),
  });
}
