import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsOptional, Matches } from 'class-validator';

export class RegisterWebhookDto {
  /** Topics to subscribe (from Pax8's topic definitions). Default: SUBSCRIPTION and COMPANY. */
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(20)
  @Matches(/^[A-Z][A-Z0-9_]{0,63}$/, { each: true, message: 'each topic must be an upper-case topic name such as SUBSCRIPTION' })
  topics?: string[];
}
