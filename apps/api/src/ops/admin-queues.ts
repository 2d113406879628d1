import { createHmac, KeyObject, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Express, NextFunction, Request, RequestHandler, Response } from 'express';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { appConfig, AppConfig, authConfig, AuthConfig } from '@causeway/config';
import { AccountsService, PlatformRole, SessionsService } from '@causeway/accounts';
import { QueueName, Queues } from '@causeway/queue';

export const ADMIN_QUEUES_PATH = '/admin/queues';
export const ADMIN_SESSION_PATH = '/admin/session';
export const ADMIN_COOKIE = 'causeway_admin';
const ADMIN_COOKIE_SECONDS = 15 * 60;

const b64 = (s: string) => Buffer.from(s).toString('base64url');

/** The admin cookie: `<payload>.<HMAC>` over the user id and expiry, keyed with JWT_SECRET (15 minutes). */
export function signAdminCookie(key: KeyObject, userId: string, now = Date.now()): string {
  const payload = b64(
    JSON.stringify({ sub: userId, exp: Math.floor(now / 1000) + ADMIN_COOKIE_SECONDS }),
  );
  return `${payload}.${createHmac('sha256', key).update(`admin-queues.${payload}`).digest('base64url')}`;
}

export function verifyAdminCookie(
  key: KeyObject,
  value: string | undefined,
  now = Date.now(),
): string | null {
  const [payload, mac] = (value ?? '').split('.');
  if (!payload || !mac) return null;
  const expected = createHmac('sha256', key).update(`admin-queues.${payload}`).digest();
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const { sub, exp } = JSON.parse(Buffer.from(payload, 'base64url').toString()) as {
      sub?: unknown;
      exp?: unknown;
    };
    return typeof sub === 'string' && typeof exp === 'number' && exp * 1000 > now ? sub : null;
  } catch {
    return null;
  }
}

function cookieFrom(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name)
      return decodeURIComponent(part.slice(i + 1).trim());
  }
  return undefined;
}

/**
 * The queue dashboard (bull-board) at /admin/queues, for platform ADMINs only, checked on every
 * request against the database (a revoked admin loses it at once):
 * - `Authorization: Bearer <accessToken>` (scripts, curl), or
 * - the `causeway_admin` cookie (browsers, the web app): `POST /admin/session` with the bearer
 *   token of an admin sets it (HttpOnly, SameSite=Strict, Path=/admin, 15 minutes);
 *   `DELETE /admin/session` clears it.
 * No credentials: 401; a valid person who is not an admin: 403.
 */
@Injectable()
export class AdminQueues implements OnModuleInit {
  private readonly logger = new Logger('AdminQueues');
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly queues: Queues,
    private readonly sessions: SessionsService,
    private readonly accounts: AccountsService,
    @Inject(authConfig.KEY) private readonly auth: AuthConfig,
    @Inject(appConfig.KEY) private readonly app: AppConfig,
  ) {}

  onModuleInit(): void {
    const http = this.adapterHost.httpAdapter?.getInstance?.<Express>();
    if (!http) return;
    const board = new ExpressAdapter();
    board.setBasePath(ADMIN_QUEUES_PATH);
    const queues = Object.values(QueueName).map(
      (name) =>
        new BullMQAdapter(this.queues.get(name), {
          readOnlyMode: false,
        }),
    );
    createBullBoard({
      queues,
      serverAdapter: board,
      options: { uiConfig: { boardTitle: 'Causeway queues' } },
    });
    http.use(
      ADMIN_QUEUES_PATH,
      (req: Request, res: Response, next: NextFunction) => void this.gate(req, res, next),
      board.getRouter() as RequestHandler,
    );
    http.post(ADMIN_SESSION_PATH, (req: Request, res: Response) => void this.openSession(req, res));
    http.delete(ADMIN_SESSION_PATH, (_req: Request, res: Response) => {
      res.clearCookie(ADMIN_COOKIE, { path: '/admin' }).status(204).end();
    });
  }

  private bearerUser(req: Request): string | null | undefined {
    const header = req.headers.authorization;
    if (header === undefined) return undefined;
    const token = /^bearer\s+(\S+)\s*$/i.exec(header)?.[1];
    return (token && this.sessions.verifyAccessToken(token)?.sub) || null;
  }

  /** 'admin', 'not-admin' or 'anonymous' for the person the request's credentials name. */
  private async who(
    req: Request,
  ): Promise<{ verdict: 'admin' | 'not-admin' | 'anonymous'; userId?: string }> {
    const bearer = this.bearerUser(req);
    const userId =
      bearer ??
      (bearer === undefined
        ? verifyAdminCookie(this.auth.jwtKey, cookieFrom(req.headers.cookie, ADMIN_COOKIE))
        : null);
    if (!userId) return { verdict: 'anonymous' };
    const user = await this.accounts.byIdOrFail(userId).catch(() => null);
    if (!user) return { verdict: 'anonymous' };
    return { verdict: user.platformRole === PlatformRole.ADMIN ? 'admin' : 'not-admin', userId };
  }

  private async gate(req: Request, res: Response, next: NextFunction): Promise<void> {
    try {
      const { verdict } = await this.who(req);
      if (verdict === 'admin') return next();
      if (verdict === 'anonymous') {
        res.status(401).set('www-authenticate', 'Bearer').json({
          statusCode: 401,
          message: 'Sign in as a platform admin (bearer token or POST /admin/session).',
        });
      } else {
        res
          .status(403)
          .json({ statusCode: 403, message: 'Only platform admins may see the queues.' });
      }
    } catch (err) {
      this.logger.error(`admin check failed: ${(err as Error).message}`);
      res.status(503).json({ statusCode: 503, message: 'Try again shortly.' });
    }
  }

  private async openSession(req: Request, res: Response): Promise<void> {
    const bearer = this.bearerUser(req);
    const { verdict, userId } = bearer
      ? await this.who(req)
      : { verdict: 'anonymous' as const, userId: undefined };
    if (verdict === 'anonymous' || !userId) {
      res.status(401).json({
        statusCode: 401,
        message: 'Send the access token of a platform admin as Authorization: Bearer.',
      });
      return;
    }
    if (verdict !== 'admin') {
      res
        .status(403)
        .json({ statusCode: 403, message: 'Only platform admins may see the queues.' });
      return;
    }
    res
      .cookie(ADMIN_COOKIE, signAdminCookie(this.auth.jwtKey, userId), {
        httpOnly: true,
        sameSite: 'strict',
        secure: this.app.isProduction,
        path: '/admin',
        maxAge: ADMIN_COOKIE_SECONDS * 1000,
      })
      .status(204)
      .end();
  }
}
