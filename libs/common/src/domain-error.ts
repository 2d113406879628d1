/** The error codes of the public contract (CONTRACT.md), independent of any transport. */
export enum ErrorCode {
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  BadUserInput = 'BAD_USER_INPUT',
  Conflict = 'CONFLICT',
  RateLimited = 'RATE_LIMITED',
  QueryTooComplex = 'QUERY_TOO_COMPLEX',
  /** A backing service (the database, Redis, the queue) cannot be reached; `retryAfterSeconds` says when to try again. */
  ServiceUnavailable = 'SERVICE_UNAVAILABLE',
}

export interface DomainErrorDetails {
  /** BAD_USER_INPUT: each bad input field and its message. */
  fields?: Record<string, string>;
  /** RATE_LIMITED, SERVICE_UNAVAILABLE: seconds until the client may retry. */
  retryAfterSeconds?: number;
}

/** What services throw: a contract code and one human sentence; apps/api maps it to GraphQL. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: DomainErrorDetails = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static badInput(fields: Record<string, string>, message = 'The input is not valid.') {
    return new DomainError(ErrorCode.BadUserInput, message, { fields });
  }
  static notFound(what: string) {
    return new DomainError(ErrorCode.NotFound, `${what} was not found.`);
  }
  static forbidden(message = 'You are not allowed to do that.') {
    return new DomainError(ErrorCode.Forbidden, message);
  }
  static conflict(message: string) {
    return new DomainError(ErrorCode.Conflict, message);
  }
  static unauthenticated(message = 'You need to sign in to do that.') {
    return new DomainError(ErrorCode.Unauthenticated, message);
  }
}

export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${String(value)}`);
}
