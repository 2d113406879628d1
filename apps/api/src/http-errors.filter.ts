import { ArgumentsHost, Catch, ExceptionFilter, HttpException } from '@nestjs/common';
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
  if (!err || exception instanceof HttpException || !status || status < 400 || status >= 500 || !err.expose) return undefined;
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
export function requestReadErrors(err: unknown, _req: Request, res: Response, next: NextFunction): void {
  const known = clientReadError(err);
  if (!known || res.headersSent) return next(err);
  send(res, known.status, known.message);
}

/**
 * Client errors raised before GraphQL runs answer with their status and one GraphQL-shaped error,
 * without an error log. Everything else is left to Nest (and, for GraphQL, to the error formatter).
 */
@Catch()
export class HttpErrorsFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): unknown {
    const known = host.getType() === 'http' ? clientReadError(exception) : undefined;
    if (!known) throw exception;
    send(host.switchToHttp().getResponse<Response>(), known.status, known.message);
    return undefined;
  }
}
