import { CustomScalar, Scalar } from '@nestjs/graphql';
import { GraphQLError, Kind, ValueNode } from 'graphql';

/** The TypeScript side of the BigInt scalar: amounts travel as bigint, never as a float. */
export class BigIntValue {}

const invalid = () =>
  new GraphQLError('BigInt must be a whole number, written as a string of decimal digits.', {
    extensions: { code: 'BAD_USER_INPUT' },
  });

function parse(value: unknown): bigint {
  if (typeof value === 'string' && /^-?\d{1,30}$/.test(value)) return BigInt(value); // exactly digits: no spaces, signs or radix prefixes
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  throw invalid();
}

/** A whole number that may exceed 2^53, serialized as a JSON string of decimal digits. */
@Scalar('BigInt', () => BigIntValue)
export class BigIntScalar implements CustomScalar<string, bigint> {
  description =
    'A whole number that may exceed 2^53, serialized as a JSON string of decimal digits.';

  serialize(value: unknown): string {
    if (typeof value === 'bigint') return value.toString();
    if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
    if (typeof value === 'string' && /^-?\d+$/.test(value)) return value;
    throw new GraphQLError('BigInt cannot represent a value that is not a whole number.');
  }
  parseValue(value: unknown): bigint {
    return parse(value);
  }
  parseLiteral(ast: ValueNode): bigint {
    if (ast.kind === Kind.STRING || ast.kind === Kind.INT) return parse(ast.value);
    throw invalid();
  }
}
