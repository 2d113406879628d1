import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { DomainError } from '@causeway/common';

/**
 * CSRF defence of the cookie-carrying auth endpoints: a JSON body only (an HTML form cannot send one
 * across sites without a CORS preflight, which this API never answers), and when the browser says
 * where the request comes from (Sec-Fetch-Site, Origin), it must be this same origin.
 */
@Injectable()
export class SameOriginJsonGuard implements CanActivate {
  canActivate(ctx: ExecutionContext): boolean {
    const req = ctx.switchToHttp().getRequest<Request>();
    const type = String(req.headers['content-type'] ?? '')
      .split(';')[0]
      .trim()
      .toLowerCase();
    if (type !== 'application/json')
      throw new AuthHttpRefusal(415, 'Send the request as application/json.');
    const site = req.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin')
      throw DomainError.forbidden('Cross-site requests are refused.');
    const origin = req.headers.origin;
    if (origin !== undefined && !sameHost(origin, req.headers.host))
      throw DomainError.forbidden('Cross-site requests are refused.');
    return true;
  }
}

const sameHost = (origin: string, host: string | undefined) => {
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
};

/** A transport-level refusal (wrong content type) with its own HTTP status. */
export class AuthHttpRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
