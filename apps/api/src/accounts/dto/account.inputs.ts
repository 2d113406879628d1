import { Field, InputType } from '@nestjs/graphql';
import { IsIn, IsOptional, IsTimeZone, ValidateIf } from 'class-validator';
import { LOCALES } from '@causeway/accounts';
import { Rules } from '../../graphql/validators';

const LOCALE_HELP = 'The language of emails: en or de (default en).';
const TIME_ZONE_HELP =
  'An IANA time zone such as Europe/Berlin; the digest arrives in its morning (default UTC).';
const EMAIL_HELP = 'An email address, at most 254 characters; compared case-insensitively.';
const IsLocale = () => IsIn(LOCALES, { message: 'must be en or de' });

@InputType({ description: 'A new account. A taken email or handle is CONFLICT.' })
export class SignUpInput {
  @Field(() => String, { description: `${EMAIL_HELP} A verification email is sent to it.` })
  @Rules.email()
  email!: string;
  @Field(() => String, { description: '10 to 128 characters.' })
  @Rules.password()
  password!: string;
  @Field(() => String, {
    description: '3 to 30 characters of a-z, 0-9 and _; unique, compared case-insensitively.',
  })
  @Rules.handle()
  handle!: string;
  @Field(() => String, { description: '1 to 100 characters after trimming.' })
  @Rules.name()
  displayName!: string;
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
@InputType({
  description:
    'Credentials. A wrong email or password is UNAUTHENTICATED, with one message for both.',
})
export class LogInInput {
  @Field(() => String, { description: EMAIL_HELP }) @Rules.email() email!: string;
  @Field(() => String, { description: 'The password (10 to 128 characters).' })
  @Rules.password()
  password!: string;
}

@InputType({ description: "Changes to the viewer's profile: omitted fields stay as they are." })
export class UpdateProfileInput {
  @Field(() => String, {
    nullable: true,
    description: '1 to 100 characters after trimming; omit to keep (null is BAD_USER_INPUT).',
  })
  @ValidateIf((o: UpdateProfileInput) => o.displayName !== undefined)
  @Rules.name()
  displayName?: string;
  @Field(() => String, {
    nullable: true,
    description: 'At most 2,000 characters; null or empty clears it, omit to keep.',
  })
  @Rules.optional()
  @Rules.longText()
  bio?: string;
  @Field(() => String, { nullable: true, description: LOCALE_HELP })
  @IsOptional()
  @IsLocale()
  locale?: 'en' | 'de';
  @Field(() => String, { nullable: true, description: TIME_ZONE_HELP })
  @IsOptional()
  @IsTimeZone({ message: 'must be an IANA time zone' })
  timeZone?: string;
}
