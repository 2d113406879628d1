import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import {
  hasBidiControls,
  hasUnsafeText,
  isAsciiEmail,
  isInvisible,
  normalizeEmail,
} from '@causeway/common';
import {
  IsEmail,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Matches,
  MaxLength,
  MinLength,
  ValidateBy,
} from 'class-validator';

/** NUL characters and lone UTF-16 surrogates are refused in every string (docs/api-guide.md). */
export const IsSafeText = () =>
  ValidateBy({
    name: 'isSafeText',
    validator: {
      validate: (v: unknown) => typeof v !== 'string' || !hasUnsafeText(v),
      defaultMessage: () => 'must not contain NUL characters or lone surrogates',
    },
  });

/** A name people read: no bidirectional overrides, and something visible (not only zero-width characters). */
const IsReadableName = () =>
  ValidateBy({
    name: 'isReadableName',
    validator: {
      validate: (v: unknown) => typeof v !== 'string' || (!hasBidiControls(v) && !isInvisible(v)),
      defaultMessage: (args) =>
        typeof args?.value === 'string' && hasBidiControls(args.value)
          ? 'must not contain bidirectional override characters'
          : 'must contain visible characters',
    },
  });

const IsAsciiEmail = () =>
  ValidateBy({
    name: 'isAsciiEmail',
    validator: {
      validate: (v: unknown) => typeof v !== 'string' || isAsciiEmail(v),
      defaultMessage: () =>
        'must be written in ASCII (an internationalised domain in its xn-- form)',
    },
  });

const trim = Transform(({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() : value,
);
const emailForm = Transform(({ value }: { value: unknown }) =>
  typeof value === 'string' ? normalizeEmail(value) : value,
);

/** The API's input rules (docs/api-guide.md), one decorator each. */
export const Rules = {
  /** Normalised (NFKC, trimmed, lower case) before it is checked, stored or compared. */
  email: () =>
    applyDecorators(
      emailForm,
      IsString(),
      IsSafeText(),
      MaxLength(254, { message: 'must be at most 254 characters' }),
      IsAsciiEmail(),
      IsEmail({}, { message: 'must be a valid email address' }),
    ),
  password: () =>
    applyDecorators(
      IsString(),
      IsSafeText(),
      Length(10, 128, { message: 'must be 10 to 128 characters' }),
    ),
  handle: () =>
    applyDecorators(
      IsString(),
      IsSafeText(),
      Matches(/^[A-Za-z0-9_]{3,30}$/, { message: 'must be 3 to 30 characters of a-z, 0-9 and _' }),
    ),
  /** `each` validates every element of an array of slugs. */
  slug: ({ each = false } = {}) =>
    applyDecorators(
      IsString({ each }),
      Matches(/^[a-z0-9-]{3,60}$/, {
        each,
        message: 'must be 3 to 60 characters of a-z, 0-9 and -',
      }),
    ),
  /** displayName, name, title: 1 to 100 characters after trimming. */
  name: () =>
    applyDecorators(
      trim,
      IsString(),
      IsSafeText(),
      Length(1, 100, { message: 'must be 1 to 100 characters' }),
      IsReadableName(),
    ),
  /** bio, mission, description: at most 2,000 characters. */
  longText: () =>
    applyDecorators(
      IsString(),
      IsSafeText(),
      MaxLength(2000, { message: 'must be at most 2,000 characters' }),
    ),
  body: (max: number) =>
    applyDecorators(
      trim,
      IsString(),
      IsSafeText(),
      MinLength(1, { message: 'must not be empty' }),
      MaxLength(max, { message: `must be at most ${max.toLocaleString('en')} characters` }),
    ),
  url: () =>
    applyDecorators(
      IsString(),
      IsSafeText(),
      MaxLength(2000, { message: 'must be at most 2,000 characters' }),
      IsUrl(
        { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
        { message: 'must be an http or https URL' },
      ),
    ),
  optional: IsOptional,
};
