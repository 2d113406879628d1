import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { assertNever, DomainError, ErrorCode } from '@causeway/common';
import { AuthHttpRefusal } from './auth-http.guard';

const statusOf = (code: ErrorCode): number => {
  switch (code) {
    case ErrorCode.BadUserInput:
      return 400;
    case ErrorCode.Unauthenticated:
      return 401;
    case ErrorCode.Forbidden:
      return 403;
    case ErrorCode.NotFound:
      return 404;
    case ErrorCode.Conflict:
      return 409;
    case ErrorCode.RateLimited:
      return 429;
    case ErrorCode.QueryTooComplex:
      return 400;
    case ErrorCode.ServiceUnavailable:
      return 503;
    default:
      return assertNever(code);
  }
};

/**
 * Errors of /auth/* in the GraphQL error shape (`{ errors: [{ message, extensions: { code, ... } }] }`),
 * so the web app reads both alike, with a matching HTTP status (and Retry-After when rate limited).
 */
@Catch()
export class AuthHttpErrorsFilter implements ExceptionFilter {
  private readonly logger = new Logger('AuthHttp');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const send = (
      status: number,
      code: string,
      message: string,
      extra: Record<string, unknown> = {},
    ) => res.status(status).json({ errors: [{ message, extensions: { code, ...extra } }] });
    if (exception instanceof DomainError) {
      if (exception.details.retryAfterSeconds !== undefined)
        res.setHeader('Retry-After', String(exception.details.retryAfterSeconds));
      send(statusOf(exception.code), exception.code, exception.message, { ...exception.details });
      return;
    }
    if (exception instanceof AuthHttpRefusal)
      return void send(exception.status, 'BAD_REQUEST', exception.message);
    const status =
      (exception as { status?: number })?.status ??
      (exception instanceof HttpException ? exception.getStatus() : undefined);
    if (status && status >= 400 && status < 500) {
      send(
        status,
        'BAD_REQUEST',
        status === 413
          ? 'The request body is larger than 1 MiB.'
          : 'The request could not be read.',
      );
      return;
    }
    this.logger.error(`auth request failed: ${(exception as Error)?.stack ?? String(exception)}`);
    send(500, 'INTERNAL_SERVER_ERROR', 'Something went wrong on our side; try again.');
  }
}
