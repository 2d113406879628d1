import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsEmail, IsOptional, IsString, IsUrl, Length, Matches, MaxLength, MinLength, ValidateBy } from 'class-validator';

/** NUL characters and lone UTF-16 surrogates are refused in every string (CONTRACT.md). */
const UNSAFE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const IsSafeText = () =>
  ValidateBy({
    name: 'isSafeText',
    validator: {
      validate: (v: unknown) => typeof v !== 'string' || !UNSAFE.test(v),
      defaultMessage: () => 'must not contain NUL characters or lone surrogates',
    },
  });

const trim = Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

/** The input rules of CONTRACT.md, one decorator each. */
export const Rules = {
  email: () => applyDecorators(IsString(), IsSafeText(), MaxLength(254, { message: 'must be at most 254 characters' }), IsEmail({}, { message: 'must be a valid email address' })),
  password: () => applyDecorators(IsString(), IsSafeText(), Length(10, 128, { message: 'must be 10 to 128 characters' })),
  handle: () =>
    applyDecorators(
      IsString(),
      IsSafeText(),
      Matches(/^[A-Za-z0-9_]{3,30}$/, { message: 'must be 3 to 30 characters of a-z, 0-9 and _' }),
    ),
  /** `each` validates every element of an array of slugs. */
  slug: ({ each = false } = {}) =>
    applyDecorators(IsString({ each }), Matches(/^[a-z0-9-]{3,60}$/, { each, message: 'must be 3 to 60 characters of a-z, 0-9 and -' })),
  /** displayName, name, title: 1 to 100 characters after trimming. */
  name: () => applyDecorators(trim, IsString(), IsSafeText(), Length(1, 100, { message: 'must be 1 to 100 characters' })),
  /** bio, mission, description: at most 2,000 characters. */
  longText: () => applyDecorators(IsString(), IsSafeText(), MaxLength(2000, { message: 'must be at most 2,000 characters' })),
  body: (max: number) =>
    applyDecorators(trim, IsString(), IsSafeText(), MinLength(1, { message: 'must not be empty' }), MaxLength(max, { message: `must be at most ${max.toLocaleString('en')} characters` })),
  url: () =>
    applyDecorators(
      IsString(),
      IsSafeText(),
      MaxLength(2000, { message: 'must be at most 2,000 characters' }),
      IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'must be an http or https URL' }),
    ),
  optional: IsOptional,
};
