import {
  CanActivate,
  createParamDecorator,
  ExecutionContext,
  Inject,
  Injectable,
} from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { GraphQLResolveInfo, OperationTypeNode } from 'graphql';
import { AuthGuard } from '@nestjs/passport';
import { authConfig, AuthConfig } from '@causeway/config';
import { DomainError } from '@causeway/common';
import { PlatformRole, UserEntity } from '@causeway/accounts';
import { RateLimiter } from '@causeway/rate-limit';
import type { AuthUser, GqlContext } from '../graphql/context';

const gqlContext = (ctx: ExecutionContext) =>
  GqlExecutionContext.create(ctx).getContext<GqlContext & { credentialsUser?: UserEntity }>();

/**
 * A signed token outlives its account by up to 15 minutes: before a mutation writes anything
 * for the viewer, the account must still exist (reads by such a token simply find nothing).
 */
async function assertViewerExists(ctx: ExecutionContext, gql: GqlContext): Promise<void> {
  if (
    GqlExecutionContext.create(ctx).getInfo<GraphQLResolveInfo>()?.operation.operation !==
    OperationTypeNode.MUTATION
  )
    return;
  const user = await gql.loaders.users.load(gql.viewer!.id);
  // The mutation may change this very row: what it returns must be read after it, not from here.
  gql.loaders.users.clear(gql.viewer!.id);
  if (!user || user.deletedAt)
    throw DomainError.unauthenticated('Your account no longer exists; sign in again.');
}

/**
 * Requires a valid access token. The token is verified once per request, where the context is
 * built (HS256 only, expiry checked; on graphql-ws at connection time, its expiry at each
 * operation): this guard only reads the result. Anything else is UNAUTHENTICATED.
 */
@Injectable()
export class GqlAuthGuard implements CanActivate {
  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const gql = gqlContext(ctx);
    if (!gql.viewer) throw DomainError.unauthenticated();
    await assertViewerExists(ctx, gql);
    return true;
  }
}

/** Requires a platform ADMIN, read from the database (a demoted admin's token stops working at once). */
@Injectable()
export class PlatformAdminGuard extends GqlAuthGuard {
  override async canActivate(ctx: ExecutionContext): Promise<boolean> {
    await super.canActivate(ctx);
    const gql = gqlContext(ctx);
    const user = gql.viewer ? await gql.loaders.users.load(gql.viewer.id) : null;
    if (user?.platformRole !== PlatformRole.ADMIN)
      throw DomainError.forbidden('Only platform admins may do that.');
    return true;
  }
}

/** AUTH_RATE_LIMIT_PER_MINUTE per client IP, counted per mutation (logIn, signUp) across all API processes. */
@Injectable()
export class AuthRateLimitGuard implements CanActivate {
  constructor(
    private readonly limiter: RateLimiter,
    @Inject(authConfig.KEY) private readonly config: AuthConfig,
  ) {}
  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const gql = gqlContext(ctx);
    await this.limiter.consume(
      `auth:${GqlExecutionContext.create(ctx).getInfo<GraphQLResolveInfo>().fieldName}:${gql.ip}`,
      this.config.authRateLimitPerMinute,
    );
    return true;
  }
}

/** logIn's credential check through passport-local: { email, password } of the input. */
@Injectable()
export class GqlLocalAuthGuard extends AuthGuard('local') {
  override getRequest(ctx: ExecutionContext) {
    const input =
      GqlExecutionContext.create(ctx).getArgs<{ input?: { email?: unknown; password?: unknown } }>()
        .input ?? {};
    return { body: { email: input.email, password: input.password } };
  }
  override handleRequest<T>(err: unknown, user: T, _info: unknown, ctx: ExecutionContext): T {
    if (err instanceof DomainError) throw err;
    // An outage is not a wrong password.
    if (err)
      throw err instanceof Error ? err : new Error('credential check failed', { cause: err });
    if (!user) throw DomainError.unauthenticated(WRONG_CREDENTIALS);
    gqlContext(ctx).credentialsUser = user as unknown as UserEntity;
    return user;
  }
}

export const WRONG_CREDENTIALS = 'The email or password is not correct.';

/** The signed-in viewer (guarded resolvers), or null. */
export const CurrentUser = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): AuthUser | null => gqlContext(ctx).viewer,
);

/** The user whose credentials GqlLocalAuthGuard accepted. */
export const CredentialsUser = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): UserEntity => gqlContext(ctx).credentialsUser!,
);
