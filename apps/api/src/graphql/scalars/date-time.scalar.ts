import { CustomScalar, Scalar } from '@nestjs/graphql';
import { GraphQLError, Kind, ValueNode } from 'graphql';

const invalid = (what: string) =>
  new GraphQLError(`DateTime must be an ISO-8601 date-time string; got ${what}.`, {
    extensions: { code: 'BAD_USER_INPUT' },
  });

function parse(value: unknown): Date {
  if (
    typeof value !== 'string' ||
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/.test(value)
  ) {
    throw invalid(typeof value === 'string' ? 'a malformed string' : typeof value);
  }
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw invalid('an impossible date');
  return d;
}

/** An ISO-8601 date-time in UTC, e.g. 2026-11-21T10:00:00.000Z. */
@Scalar('DateTime', () => Date)
export class DateTimeScalar implements CustomScalar<string, Date> {
  description = 'An ISO-8601 date-time in UTC, e.g. 2026-11-21T10:00:00.000Z.';

  serialize(value: unknown): string {
    const d = value instanceof Date ? value : new Date(String(value));
    if (Number.isNaN(d.getTime()))
      throw new GraphQLError('DateTime cannot represent an invalid date.');
    return d.toISOString();
  }
  parseValue(value: unknown): Date {
    return parse(value);
  }
  parseLiteral(ast: ValueNode): Date {
    if (ast.kind !== Kind.STRING) throw invalid(ast.kind);
    return parse(ast.value);
  }
}
