/** The API contract's input rules for text, in one place for every layer (validators, cursors, the GraphQL gate). */

/** A NUL character or a lone UTF-16 surrogate: never valid text, and PostgreSQL refuses NUL outright. */
// eslint-disable-next-line no-control-regex -- NUL is exactly the character this rule refuses.
const UNSAFE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const hasUnsafeText = (value: string): boolean => UNSAFE.test(value);

/** Bidirectional overrides and isolates, which make a name read differently from what it is (U+202A-202E, U+2066-2069). */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;
export const hasBidiControls = (value: string): boolean => BIDI_CONTROLS.test(value);

/** Nothing a person can see: white space, zero-width and other invisible format characters only. */
const INVISIBLE_ONLY =
  // eslint-disable-next-line no-misleading-character-class -- U+1160 after U+115F is listed on purpose: each filler is invisible alone.
  /^[\s\u00AD\u034F\u115F\u1160\u180E\u200B-\u200F\u2060-\u2064\u3164\uFEFF\uFFA0]*$/;
export const isInvisible = (value: string): boolean => INVISIBLE_ONLY.test(value);

/**
 * The one form of an email address that is stored and compared: Unicode NFKC (full-width and other
 * compatibility forms fold to their plain letters), trimmed, lower-cased. Addresses must then be
 * ASCII (an internationalised domain in its `xn--` form), so no look-alike letter of another
 * script makes a second account of the same person.
 */
export const normalizeEmail = (value: string): string =>
  value.normalize('NFKC').trim().toLowerCase();
export const isAsciiEmail = (value: string): boolean => /^[\x21-\x7e]+$/.test(value);
