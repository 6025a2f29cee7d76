import { Transform } from 'class-transformer';
import { Equals, IsBoolean, IsNotEmpty, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** A blank credential field means "keep what is stored". */
const blankToUndefined = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() === '' ? undefined : typeof value === 'string' ? value.trim() : value;

/** May be left out, but not sent as null (null is not "keep" and not "off": it is refused). */
const OmittableNotNull = () => ValidateIf((_, value) => value !== undefined);

export class TestCredentialsDto {
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  @Matches(/^\S+$/, { message: 'clientId must not contain spaces' })
  clientId: string;

  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(512)
  clientSecret: string;
}

export class SaveConnectionDto {
  /** Leave blank to keep the stored credentials; replacing them needs both fields. */
  @Transform(blankToUndefined)
  @OmittableNotNull()
  @IsString()
  @MaxLength(256)
  @Matches(/^\S+$/, { message: 'clientId must not contain spaces' })
  clientId?: string;

  @Transform(blankToUndefined)
  @OmittableNotNull()
  @IsString()
  @MaxLength(512)
  clientSecret?: string;

  /** "Automatically map companies to clients" on each sync. */
  @OmittableNotNull()
  @IsBoolean()
  autoMapEnabled?: boolean;

  /** Switch the integration on (Connected) or off (Configured, inactive) without losing anything. */
  @OmittableNotNull()
  @IsBoolean()
  active?: boolean;
}

export class DisconnectDto {
  /** Must be exactly "DISCONNECT": disconnecting deletes mappings, subscriptions and billing settings. */
  @Equals('DISCONNECT', { message: 'confirm must be "DISCONNECT" to remove the integration and all its data' })
  confirm: string;
}
