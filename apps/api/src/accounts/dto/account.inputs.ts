import { Field, InputType } from '@nestjs/graphql';
import { IsIn, IsOptional, IsTimeZone, ValidateIf } from 'class-validator';
import { LOCALES } from '@causeway/accounts';
import { Rules } from '../../graphql/validators';

const LOCALE_HELP = 'The language of emails: en or de (default en).';
const TIME_ZONE_HELP =
  'An IANA time zone such as Europe/Berlin; the digest arrives in its morning (default UTC).';
const IsLocale = () => IsIn(LOCALES as unknown as string[], { message: 'must be en or de' });

@InputType()
export class SignUpInput {
  @Field(() => String) @Rules.email() email!: string;
  @Field(() => String) @Rules.password() password!: string;
  @Field(() => String) @Rules.handle() handle!: string;
  @Field(() => String) @Rules.name() displayName!: string;
  @Field(() => String, { nullable: true, description: LOCALE_HELP })
  @IsOptional()
  @IsLocale()
  locale?: 'en' | 'de';
  @Field(() => String, { nullable: true, description: TIME_ZONE_HELP })
  @IsOptional()
  @IsTimeZone({ message: 'must be an IANA time zone' })
  timeZone?: string;
}

/** Credentials are checked by passport-local; only their shape is validated here. */
@InputType()
export class LogInInput {
  @Field(() => String) @Rules.email() email!: string;
  @Field(() => String) @Rules.password() password!: string;
}

@InputType()
export class UpdateProfileInput {
  @Field(() => String, { nullable: true })
  @ValidateIf((o: UpdateProfileInput) => o.displayName !== undefined)
  @Rules.name()
  displayName?: string;
  @Field(() => String, { nullable: true }) @Rules.optional() @Rules.longText() bio?: string;
  @Field(() => String, { nullable: true, description: LOCALE_HELP })
  @IsOptional()
  @IsLocale()
  locale?: 'en' | 'de';
  @Field(() => String, { nullable: true, description: TIME_ZONE_HELP })
  @IsOptional()
  @IsTimeZone({ message: 'must be an IANA time zone' })
  timeZone?: string;
}
