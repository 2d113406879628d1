import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

interface ClientHttpError {
  status?: number;
  statusCode?: number;
  expose?: boolean;
  type?: string;
  message: string;
}

/** A client error raised while reading the request (body parser), or undefined for anything else. */
function clientReadError(exception: unknown): { status: number; message: string } | undefined {
  const err = exception as ClientHttpError | undefined;
  const status = err?.status ?? err?.statusCode;
  if (
    !err ||
    exception instanceof HttpException ||
    !status ||
    status < 400 ||
    status >= 500 ||
    !err.expose
  )
    return undefined;
  const message =
    status === 413
      ? 'The request body is larger than 1 MiB.'
      : status === 415
        ? 'The request body must be JSON in UTF-8.'
        : 'The request body is not a JSON object.';
  return { status, message };
}

const send = (res: Response, status: number, message: string) =>
  res.status(status).json({ errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] });

/**
 * Express error middleware right after the body parser: a body that is not a JSON object (`null`,
 * `123`, truncated JSON), too large, or in another charset gets the contract's JSON error shape,
 * not Express's HTML page, and no error log (it is the client's mistake).
 */
export function requestReadErrors(
  err: unknown,
  _req: Request,
  res: Response,
  next: NextFunction,
): void {
  const known = clientReadError(err);
  if (!known || res.headersSent) return next(err);
  send(res, known.status, known.message);
}

/**
 * Errors outside GraphQL's own handling, answered as JSON and never as an HTML page or a stack:
 * - client errors raised before GraphQL runs (a body over 1 MiB, malformed JSON): their status and
 *   one GraphQL-shaped error;
 * - an unknown path: a plain 404 (`{ "statusCode": 404, "message": "Not found" }`); the request
 *   log line (pino-http) is its only trace;
 * - other HTTP exceptions: their status and message; anything else: 500, logged once.
 * GraphQL errors never reach here (the error formatter answers them).
 */
@Catch()
export class HttpErrorsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Http');

  catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType() !== 'http') throw exception;
    const res = host.switchToHttp().getResponse<Response>();
    const req = host.switchToHttp().getRequest<Request>();
    if (res.headersSent) return undefined;
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (status === Number(HttpStatus.NOT_FOUND)) {
        res.status(status).json({ statusCode: status, message: 'Not found' });
        return undefined;
      }
      const body = exception.getResponse();
      const message =
        typeof body === 'object' && body && 'message' in body ? body.message : exception.message;
      if (status >= 500) this.logger.error(`${req.method} ${req.path}: ${exception.message}`);
      res.status(status).json({ statusCode: status, message });
      return undefined;
    }
    const known = clientReadError(exception);
    if (known) {
      send(res, known.status, known.message);
      return undefined;
    }
    this.logger.error(
      `${req.method} ${req.path} failed: ${(exception as Error)?.stack ?? String(exception)}`,
    );
    res
      .status(HttpStatus.INTERNAL_SERVER_ERROR)
      .json({ statusCode: 500, message: 'Internal server error' });
    return undefined;
  }
}
