/** Amounts are BigInt strings: MONEY in minor units, TIME in minutes, ACTION as a count. */
export type GoalKind = 'MONEY' | 'TIME' | 'ACTION';

export function currencyDigits(currency: string, locale = 'en'): number {
  try {
    return (
      new Intl.NumberFormat(locale, { style: 'currency', currency }).resolvedOptions()
        .maximumFractionDigits ?? 2
    );
  } catch {
    return 2;
  }
}

/** "2550" minor units with 2 digits -> "25.50" (exact, any size). */
export function minorToDecimal(minor: bigint, digits: number): string {
  const neg = minor < 0n;
  const abs = neg ? -minor : minor;
  if (digits === 0) return `${neg ? '-' : ''}${abs}`;
  const s = abs.toString().padStart(digits + 1, '0');
  return `${neg ? '-' : ''}${s.slice(0, -digits)}.${s.slice(-digits)}`;
}

type Fmt = (value: string | number | bigint) => string;
const decimalFormat =
  (nf: Intl.NumberFormat): Fmt =>
  (v) =>
    nf.format(v as unknown as number);

export function formatMoney(minor: string | bigint, currency: string, locale: string): string {
  const digits = currencyDigits(currency, locale);
  const nf = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  return decimalFormat(nf)(minorToDecimal(BigInt(minor), digits));
}

/** Minutes as hours: "90" -> "1.5". */
export function minutesToHours(minutes: string | bigint): string {
  const m = BigInt(minutes);
  const whole = m / 60n;
  const rest = m % 60n;
  if (rest === 0n) return whole.toString();
  // Exact to two decimals is enough for display: 1 minute = 0.0166.. hours.
  const hundredths = (rest * 100n + 30n) / 60n;
  return `${whole}.${hundredths.toString().padStart(2, '0')}`.replace(/0+$/, '');
}

/**
 * What a person types into Amount, in the campaign's unit: whole currency units (decimals allowed
 * up to the currency's digits), hours (decimals allowed, whole minutes) or a count. Null when it
 * is not a positive amount of that unit.
 */
export function parseAmount(
  input: string,
  kind: GoalKind,
  currency: string | null,
  locale = 'en',
): bigint | null {
  const text = input.trim().replace(/\s/g, '').replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(text)) return null;
  const [whole, frac = ''] = text.split('.');
  let value: bigint;
  if (kind === 'MONEY') {
    const digits = currencyDigits(currency ?? 'USD', locale);
    if (frac.length > digits) return null;
    value =
      BigInt(whole) * 10n ** BigInt(digits) +
      BigInt((frac + '0'.repeat(digits)).slice(0, digits) || '0');
  } else if (kind === 'TIME') {
    const scale = 10n ** BigInt(frac.length);
    const minutes = (BigInt(whole) * scale + BigInt(frac || '0')) * 60n;
    if (minutes % scale !== 0n) return null;
    value = minutes / scale;
  } else {
    if (frac.length > 0) return null;
    value = BigInt(whole);
  }
  return value >= 1n && value <= 10n ** 12n ? value : null;
}

/** A goal typed in whole units (currency units, hours, count) into the API's unit. */
export function goalToApi(
  input: string,
  kind: GoalKind,
  currency: string | null,
  locale = 'en',
): bigint | null {
  if (!/^\s*\d+\s*$/.test(input)) return null;
  const n = BigInt(input.trim());
  const v =
    kind === 'MONEY'
      ? n * 10n ** BigInt(currencyDigits(currency ?? 'USD', locale))
      : kind === 'TIME'
        ? n * 60n
        : n;
  return v >= 1n && v <= 10n ** 12n ? v : null;
}

/** One amount as a person reads it: "$25.00", "1.5 h", "3 actions" (the unit words come from the caller). */
export function formatAmount(
  amount: string,
  kind: GoalKind,
  currency: string | null,
  locale: string,
  units: { hours: (n: string) => string; actions: (n: string) => string },
): string {
  if (kind === 'MONEY') return formatMoney(amount, currency ?? 'USD', locale);
  const nf = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  if (kind === 'TIME') return units.hours(decimalFormat(nf)(minutesToHours(amount)));
  return units.actions(decimalFormat(nf)(amount));
}
