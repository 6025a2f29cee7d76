import { Transform, Type } from 'class-transformer';
import { MAX_OFFSET } from '../../common/http/validation.pipe';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class MapCompanyDto {
  /** The host client to link the Pax8 company to. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  clientId: string;
}

export const COMPANY_SORTS = ['name', '-name', 'subscriptions', '-subscriptions', 'status', '-status'] as const;
export type CompanySort = (typeof COMPANY_SORTS)[number];

export class ListCompaniesQueryDto {
  @IsOptional() @IsString() @MaxLength(100)
  search?: string;

  /** `removed`: only companies that vanished from Pax8 or were deleted there. */
  @IsOptional() @IsIn(['all', 'mapped', 'unmapped', 'removed'])
  mapping?: 'all' | 'mapped' | 'unmapped' | 'removed' = 'all';

  /** A leading `-` sorts descending; ties fall back to the name. */
  @IsOptional() @IsIn(COMPANY_SORTS)
  sort?: CompanySort = 'name';

  /** Include companies that vanished from Pax8 or were deleted there. */
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  includeRemoved?: boolean = false;

  /** Add the best client candidates to each unmapped company. */
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  withSuggestions?: boolean = false;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit?: number = 50;

  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(MAX_OFFSET)
  offset?: number = 0;
}

export class SearchClientsQueryDto {
  @IsOptional() @IsString() @MaxLength(100)
  search?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(50)
  limit?: number = 20;
}
