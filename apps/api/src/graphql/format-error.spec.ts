import { ForbiddenException, UnauthorizedException } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { DomainError, ErrorCode } from '@causeway/common';
import { formatGraphQLError, INTERNAL_MESSAGE } from './format-error';

const asResolverError = (original: Error) =>
  new GraphQLError(original.message, { originalError: original, path: ['x'] });
const format = (err: GraphQLError, dev = false) =>
  formatGraphQLError(
    { message: err.message, extensions: { ...err.extensions }, path: err.path },
    err,
    dev,
  );

describe(formatGraphQLError.name, () => {
  it('answers domain errors with their code, fields and retry hint', () => {
    const out = format(
      asResolverError(DomainError.badInput({ email: 'must be an email address' })),
    );
    expect(out.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: { email: 'must be an email address' },
    });
    const limited = format(
      asResolverError(
        new DomainError(ErrorCode.RateLimited, 'Too many.', { retryAfterSeconds: 12 }),
      ),
    );
    expect(limited.extensions).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: 12 });
  });

  it('answers an id PostgreSQL refuses as a uuid with NOT_FOUND, and no other database error', () => {
    const malformed = Object.assign(new Error('invalid input syntax for type uuid: "abc"'), {
      code: '22P02',
    });
    expect(format(asResolverError(malformed)).extensions).toEqual({ code: 'NOT_FOUND' });
    const other = Object.assign(new Error('invalid input syntax for type integer: "x"'), {
      code: '22P02',
    });
    expect(format(asResolverError(other)).extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
  });

  it('maps Nest HTTP exceptions from guards to contract codes', () => {
    expect(format(asResolverError(new UnauthorizedException())).extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
    expect(format(asResolverError(new ForbiddenException())).extensions?.code).toBe('FORBIDDEN');
  });

  it('hides anything unexpected outside development', () => {
    const sqlError = Object.assign(
      new Error('duplicate key value violates unique constraint "users_pkey"'),
      { name: 'QueryFailedError' },
    );
    const out = format(asResolverError(sqlError));
    expect(out).toMatchObject({
      message: INTERNAL_MESSAGE,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(JSON.stringify(out)).not.toMatch(/users_pkey|QueryFailedError|stack/);
  });

  it('turns the token limit into QUERY_TOO_COMPLEX', () => {
    const err = new GraphQLError(
      'Syntax Error: Document contains more that 2000 tokens. Parsing aborted.',
      { extensions: { code: 'GRAPHQL_PARSE_FAILED' } },
    );
    expect(format(err).extensions?.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('keeps graphql-js validation errors as they are', () => {
    const err = new GraphQLError('Cannot query field "nope" on type "Query".', {
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    expect(format(err)).toMatchObject({
      message: err.message,
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
  });
});
