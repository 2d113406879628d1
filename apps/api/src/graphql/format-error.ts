import { HttpException, HttpStatus } from '@nestjs/common';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { DomainError, ErrorCode } from '@causeway/common';
import { isRedisConnectionError, redisUnavailable } from '@causeway/queue';
import { isTokenLimitError } from './query-limits';

/** Codes graphql-js and Apollo produce themselves; their messages are safe to show. */
const PASS_THROUGH = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  ErrorCode.QueryTooComplex,
  ErrorCode.RateLimited,
  ErrorCode.Unauthenticated,
]);

const HTTP_CODES: Partial<Record<number, { code: ErrorCode; message: string }>> = {
  [HttpStatus.UNAUTHORIZED]: {
    code: ErrorCode.Unauthenticated,
    message: 'You need to sign in to do that.',
  },
  [HttpStatus.FORBIDDEN]: { code: ErrorCode.Forbidden, message: 'You are not allowed to do that.' },
  [HttpStatus.NOT_FOUND]: { code: ErrorCode.NotFound, message: 'That was not found.' },
  [HttpStatus.TOO_MANY_REQUESTS]: { code: ErrorCode.RateLimited, message: 'Too many requests.' },
};

/** graphql-js's message without its "Did you mean ...?" hint (which names schema members). */
export const withoutSuggestions = (message: string): string =>
  message.replace(/ Did you mean .*\?$/s, '');

export const INTERNAL_MESSAGE = 'Something went wrong on our side; it has been logged.';

/**
 * An id argument that is not a UUID reaches PostgreSQL as one and is refused there (22P02): to the
 * client that id names nothing, as the API contract's NOT_FOUND says. This is the one place the rule
 * lives: services do not check the shape of ids (batch look-ups only leave out keys that cannot
 * name a row, so one bad key does not fail its neighbours in a DataLoader batch).
 */
function isMalformedId(error: unknown): boolean {
  const e = error as
    | { code?: string; message?: string; driverError?: { code?: string; message?: string } }
    | undefined;
  const code = e?.driverError?.code ?? e?.code;
  return code === '22P02' && /type uuid/.test(e?.driverError?.message ?? e?.message ?? '');
}
const MALFORMED_ID = new DomainError(ErrorCode.NotFound, 'Nothing has that id.');

/**
 * The error a resolver or a subscription's source threw: Apollo unwraps resolver errors (with a
 * path); a subscription's source error (graphql-ws) has no path but keeps its originalError.
 */
function originalOf(error: unknown): unknown {
  const unwrapped = unwrapResolverError(error);
  return unwrapped instanceof GraphQLError &&
    unwrapped.originalError &&
    !(unwrapped.originalError instanceof GraphQLError)
    ? unwrapped.originalError
    : unwrapped;
}

/**
 * The database cannot be reached (down, restarting, or no connection within the pool's timeout):
 * the client may retry shortly, and nothing is wrong with the request.
 */
function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as
    | { code?: string; message?: string; driverError?: { code?: string; message?: string } }
    | undefined;
  const code = e?.driverError?.code ?? e?.code ?? '';
  const message = e?.driverError?.message ?? e?.message ?? '';
  return (
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03'].includes(
      code,
    ) ||
    code.startsWith('08') ||
    /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|the database system is (starting up|shutting down)/.test(
      message,
    )
  );
}
const DATABASE_UNAVAILABLE = new DomainError(
  ErrorCode.ServiceUnavailable,
  'The service is briefly unavailable; try again in a few seconds.',
  { retryAfterSeconds: 5 },
);

/**
 * The contract's error for what went wrong, when it is one (a malformed id, an unreachable
 * database or Redis).
 */
function mapped(error: unknown): unknown {
  const original = originalOf(error);
  if (isMalformedId(original)) return MALFORMED_ID;
  // Redis or PostgreSQL briefly unreachable: SERVICE_UNAVAILABLE with retryAfterSeconds, never the driver's text.
  if (isRedisConnectionError(original)) return redisUnavailable();
  if (isDatabaseUnavailable(original)) return DATABASE_UNAVAILABLE;
  return original;
}

/** True when an error is one the contract expects (it is answered as is and not logged as a fault). */
export function isExpectedError(error: unknown): boolean {
  const original = mapped(error);
  if (original instanceof DomainError) return true;
  if (original instanceof HttpException) return HTTP_CODES[original.getStatus()] !== undefined;
  const code = (original as GraphQLError | undefined)?.extensions?.code;
  return typeof code === 'string' && PASS_THROUGH.has(code);
}

/**
 * The one place errors become what clients see (docs/api-guide.md, Errors): every error has a code and
 * one sentence; nothing internal (stack, SQL, class names) leaves unless NODE_ENV=development.
 */
export function formatGraphQLError(
  formatted: GraphQLFormattedError,
  error: unknown,
  development: boolean,
): GraphQLFormattedError {
  const original = mapped(error);
  const where = { locations: formatted.locations, path: formatted.path };

  if (original instanceof DomainError) {
    const extensions: Record<string, unknown> = { code: original.code };
    if (original.details.fields) extensions.fields = original.details.fields;
    if (original.details.retryAfterSeconds !== undefined)
      extensions.retryAfterSeconds = original.details.retryAfterSeconds;
    return { message: original.message, ...where, extensions };
  }
  if (original instanceof HttpException) {
    const mapped = HTTP_CODES[original.getStatus()];
    if (mapped) return { message: mapped.message, ...where, extensions: { code: mapped.code } };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && PASS_THROUGH.has(code)) {
    if (code === 'GRAPHQL_PARSE_FAILED' && isTokenLimitError(formatted.message)) {
      return {
        message: 'The query has too many tokens.',
        ...where,
        extensions: { code: ErrorCode.QueryTooComplex },
      };
    }
    const extensions: Record<string, unknown> = { code };
    for (const k of ['fields', 'retryAfterSeconds'] as const) {
      if (formatted.extensions?.[k] !== undefined) extensions[k] = formatted.extensions[k];
    }
    return { message: formatted.message, ...where, extensions };
  }
  return {
    message: development ? formatted.message : INTERNAL_MESSAGE,
    ...where,
    extensions: development
      ? { ...formatted.extensions, code: 'INTERNAL_SERVER_ERROR' }
      : { code: 'INTERNAL_SERVER_ERROR' },
  };
}
