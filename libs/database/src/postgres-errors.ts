/** The constraint a PostgreSQL unique violation (23505) names, or undefined for any other error. */
export function uniqueViolation(err: unknown): string | undefined {
  const e = err as {
    code?: string;
    constraint?: string;
    driverError?: { code?: string; constraint?: string };
  };
  const code = e?.driverError?.code ?? e?.code;
  if (code !== '23505') return undefined;
  return e?.driverError?.constraint ?? e?.constraint ?? '';
}
