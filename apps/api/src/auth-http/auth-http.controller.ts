import {
  Body,
  CanActivate,
  Controller,
  ExecutionContext,
  HttpCode,
  Inject,
  Injectable,
  mixin,
  Post,
  Req,
  Res,
  Type,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { AccountsService, Session, SessionsService, UserEntity } from '@causeway/accounts';
import {
  apiConfig,
  ApiConfig,
  appConfig,
  AppConfig,
  authConfig,
  AuthConfig,
} from '@causeway/config';
import { DomainError } from '@causeway/common';
import { RateLimiter } from '@causeway/rate-limit';
import { LogInInput, SignUpInput } from '../accounts/dto/account.inputs';
import { WRONG_CREDENTIALS } from '../auth/auth.guards';
import { AuthHttpErrorsFilter } from './auth-http.filter';
import { SameOriginJsonGuard } from './auth-http.guard';

/** The refresh cookie: HttpOnly, SameSite=Strict, sent only to /auth/*, Secure in production. */
export const REFRESH_COOKIE = 'causeway_refresh';
const COOKIE_PATH = '/auth';
const MAX_REFRESH_TOKEN = 200;

/** What every /auth/* success answers; the refresh token travels only in the cookie. */
export interface AuthHttpPayload {
  accessToken: string;
  /** Seconds the access token lives. */
  expiresIn: number;
  user: { id: string; handle: string; displayName: string };
}

/** The same per-IP budgets as the GraphQL mutations (the counters are shared: `auth:<operation>:<ip>`). */
function AuthRateLimit(operation: 'signUp' | 'logIn'): Type<CanActivate> {
  @Injectable()
  class AuthRateLimitHttpGuard implements CanActivate {
    constructor(
      private readonly limiter: RateLimiter,
      @Inject(authConfig.KEY) private readonly config: AuthConfig,
    ) {}
    async canActivate(ctx: ExecutionContext): Promise<boolean> {
      await this.limiter.consume(
        `auth:${operation}:${ctx.switchToHttp().getRequest<Request>().ip ?? 'unknown'}`,
        this.config.authRateLimitPerMinute,
      );
      return true;
    }
  }
  return mixin(AuthRateLimitHttpGuard);
}

/** refresh and logout count against the general per-IP budget, like refreshSession and logOut. */
@Injectable()
class ApiRateLimitHttpGuard implements CanActivate {
  constructor(
    private readonly limiter: RateLimiter,
    @Inject(apiConfig.KEY) private readonly config: ApiConfig,
  ) {}
  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    await this.limiter.consume(
      `api:ip:${ctx.switchToHttp().getRequest<Request>().ip ?? 'unknown'}`,
      this.config.rateLimitPerMinute,
    );
    return true;
  }
}

const cookieToken = (req: Request): string | null => {
  for (const part of String(req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === REFRESH_COOKIE) {
      const value = part.slice(eq + 1).trim();
      return value.length > 0 && value.length <= MAX_REFRESH_TOKEN && /^[A-Za-z0-9_-]+$/.test(value)
        ? value
        : null;
    }
  }
  return null;
};

/**
 * Sessions for the web app: JSON in, `{ accessToken, expiresIn, user }` out, the refresh token in
 * an HttpOnly cookie that only these endpoints see. GraphQL stays bearer-only and never reads it.
 */
@Controller('auth')
@UseFilters(AuthHttpErrorsFilter)
@UseGuards(SameOriginJsonGuard)
export class AuthHttpController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly sessions: SessionsService,
    @Inject(appConfig.KEY) private readonly app: AppConfig,
    @Inject(authConfig.KEY) private readonly auth: AuthConfig,
  ) {}

  @Post('signup')
  @HttpCode(200)
  @UseGuards(AuthRateLimit('signUp'))
  async signUp(
    @Body() input: SignUpInput,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AuthHttpPayload> {
    const user = await this.accounts.signUp(input);
    return this.answer(res, await this.sessions.start(user), user);
  }

  @Post('login')
  @HttpCode(200)
  @UseGuards(AuthRateLimit('logIn'))
  async logIn(
    @Body() input: LogInInput,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AuthHttpPayload> {
    const user = await this.accounts.checkCredentials(input.email, input.password);
    if (!user) throw DomainError.unauthenticated(WRONG_CREDENTIALS);
    return this.answer(res, await this.sessions.start(user), user);
  }

  @Post('refresh')
  @HttpCode(200)
  @UseGuards(ApiRateLimitHttpGuard)
  async refresh(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AuthHttpPayload> {
    const token = cookieToken(req);
    if (!token) throw DomainError.unauthenticated('You are not signed in.');
    let session: Session;
    try {
      session = await this.sessions.refresh(token, { grace: true }); // two tabs refreshing together stay signed in
    } catch (err) {
      if (err instanceof DomainError) this.clearCookie(res);
      throw err;
    }
    return this.answer(res, session, await this.accounts.byIdOrFail(session.userId));
  }

  @Post('logout')
  @HttpCode(204)
  @UseGuards(ApiRateLimitHttpGuard)
  async logOut(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    const token = cookieToken(req);
    if (token) await this.sessions.logOut(token);
    this.clearCookie(res);
  }

  private answer(res: Response, session: Session, user: UserEntity): AuthHttpPayload {
    res.cookie(REFRESH_COOKIE, session.refreshToken, {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.app.isProduction,
      path: COOKIE_PATH,
      maxAge: this.auth.refreshTokenTtlDays * 24 * 3600 * 1000,
    });
    res.setHeader('Cache-Control', 'no-store');
    return {
      accessToken: session.accessToken,
      expiresIn: this.auth.accessTokenTtlSeconds,
      user: { id: user.id, handle: user.handle, displayName: user.displayName },
    };
  }

  private clearCookie(res: Response): void {
    res.clearCookie(REFRESH_COOKIE, {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.app.isProduction,
      path: COOKIE_PATH,
    });
  }
}
