import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import type { ChargeType, MarkupType, RuleScope } from '../pricing';

const toBool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** Money travels as a decimal string; a JSON number is accepted and read by its text, never kept as a float. */
const moneyText = ({ value }: { value: unknown }) => (typeof value === 'number' && Number.isFinite(value) ? String(value) : typeof value === 'string' ? value.trim() : value);

/** Ranges (percent −100…10,000, 4 places, DECIMAL(19,4)) are checked by the pricing module, one rule for server and dialog. */
export class MarkupDto {
  @IsIn(['percent', 'fixed'])
  type: MarkupType;

  @Transform(moneyText)
  @IsString()
  @MaxLength(32)
  value: string;
}

export class SubscriptionBillingDto {
  /** False: the subscription produces no invoice line. */
  @IsOptional() @IsBoolean()
  enabled?: boolean;

  /** Its own markup, or null to follow the pricing rules. */
  @IsOptional() @ValidateNested() @Type(() => MarkupDto)
  markup?: MarkupDto | null;

  /** A fixed unit price per billing period, or null. Wins over every markup. */
  @IsOptional() @Transform(moneyText) @IsString() @MaxLength(32)
  overridePrice?: string | null;

  @IsOptional() @IsIn(['Per Unit', 'Flat Rate'])
  chargeType?: ChargeType | null;

  @IsOptional() @IsString() @MaxLength(500)
  lineDescription?: string | null;
}

export class CreatePricingRuleDto {
  @IsIn(['default', 'vendor', 'product', 'client'])
  scope: RuleScope;

  /** Vendor name, product name (any variant) or host client id; omitted for the default rule. */
  @IsOptional() @Transform(trim) @IsString() @IsNotEmpty() @MaxLength(255)
  target?: string;

  @ValidateNested() @Type(() => MarkupDto)
  markup: MarkupDto;
}

export class UpdatePricingRuleDto {
  @ValidateNested() @Type(() => MarkupDto)
  markup: MarkupDto;
}

export class InvoiceLinkDto {
  @IsString() @IsNotEmpty() @MaxLength(64)
  recurringInvoiceId: string;
}

export class ListSubscriptionsQueryDto {
  /** A Pax8 status, or 'all'. Default Active. */
  @IsOptional() @IsString() @MaxLength(32)
  status?: string = 'Active';

  @IsOptional() @IsString() @MaxLength(128)
  vendor?: string;

  /** The mapped host client. */
  @IsOptional() @IsString() @MaxLength(64)
  clientId?: string;

  @IsOptional() @Transform(toBool) @IsBoolean()
  linked?: boolean;

  @IsOptional() @IsString() @MaxLength(100)
  search?: string;

  /** Include subscriptions that vanished from Pax8. */
  @IsOptional() @Transform(toBool) @IsBoolean()
  includeRemoved?: boolean = false;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit?: number = 50;

  @IsOptional() @Type(() => Number) @IsInt() @Min(0)
  offset?: number = 0;
}

export class LineItemsQueryDto {
  /** yyyy-MM-dd (UTC); default today. */
  @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'asOf must be a date as yyyy-MM-dd' })
  asOf?: string;
}
