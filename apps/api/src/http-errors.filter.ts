import { ArgumentsHost, Catch, ExceptionFilter, HttpException } from '@nestjs/common';
import type { Response } from 'express';

interface ClientHttpError {
  status?: number;
  statusCode?: number;
  expose?: boolean;
  message: string;
}

/**
 * Client errors raised before GraphQL runs (a body over 1 MiB, malformed JSON) answer with their
 * status and one GraphQL-shaped error, without an error log. Everything else is left to Nest
 * (and, for GraphQL, to the error formatter).
 */
@Catch()
export class HttpErrorsFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): unknown {
    const err = exception as ClientHttpError;
    const status = err?.status ?? err?.statusCode;
    if (host.getType() !== 'http' || exception instanceof HttpException || !status || status < 400 || status >= 500 || !err.expose) {
      throw exception;
    }
    const res = host.switchToHttp().getResponse<Response>();
    const message = status === 413 ? 'The request body is larger than 1 MiB.' : 'The request could not be read.';
    res.status(status).json({ errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] });
    return undefined;
  }
}
