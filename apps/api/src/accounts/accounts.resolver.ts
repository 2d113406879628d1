import { UseGuards } from '@nestjs/common';
import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AccountsService, SessionsService, UserEntity } from '@causeway/accounts';
import { DomainError } from '@causeway/common';
import {
  AuthRateLimitGuard,
  CredentialsUser,
  CurrentUser,
  GqlAuthGuard,
  GqlLocalAuthGuard,
} from '../auth/auth.guards';
import type { AuthUser, GqlContext } from '../graphql/context';
import { LogInInput, SignUpInput, UpdateProfileInput } from './dto/account.inputs';
import { AuthPayload, User, Viewer } from './user.model';

const MAX_REFRESH_TOKEN = 200;
const refreshTokenOrFail = (token: string) => {
  if (token.length === 0 || token.length > MAX_REFRESH_TOKEN)
    throw DomainError.unauthenticated('The refresh token is not valid; sign in again.');
  return token;
};

@Resolver(() => AuthPayload)
export class AccountsResolver {
  constructor(
    private readonly accounts: AccountsService,
    private readonly sessions: SessionsService,
  ) {}

  @Mutation(() => AuthPayload, {
    description:
      'Creates an account and signs it in; sends a verification email. CONFLICT when the email or handle is taken; rate limited per IP (RATE_LIMITED).',
  })
  @UseGuards(AuthRateLimitGuard)
  async signUp(
    @Args('input', { description: 'The new account.' }) input: SignUpInput,
  ): Promise<AuthPayload> {
    const user = await this.accounts.signUp(input);
    return this.sessions.start(user);
  }

  @Mutation(() => AuthPayload, {
    description:
      'Starts a session. A wrong email or password is UNAUTHENTICATED (one message for both); rate limited per IP (RATE_LIMITED).',
  })
  @UseGuards(AuthRateLimitGuard, GqlLocalAuthGuard)
  logIn(
    @Args('input', { description: 'Email and password.' }) _input: LogInInput,
    @CredentialsUser() user: UserEntity,
  ): Promise<AuthPayload> {
    return this.sessions.start(user);
  }

  @Mutation(() => AuthPayload, {
    description:
      'A new token pair for a refresh token, which stops working. An unknown, expired or retired token is UNAUTHENTICATED; presenting a retired one revokes every session of its sign-in.',
  })
  refreshSession(
    @Args('refreshToken', {
      type: () => String,
      description: 'The refresh token of the latest AuthPayload.',
    })
    refreshToken: string,
  ): Promise<AuthPayload> {
    return this.sessions.refresh(refreshTokenOrFail(refreshToken));
  }

  @Mutation(() => Boolean, {
    description:
      'Ends the session: revokes the refresh token and every token descended from the same logIn. Always true, whatever the token.',
  })
  async logOut(
    @Args('refreshToken', { type: () => String, description: "The session's refresh token." })
    refreshToken: string,
  ): Promise<boolean> {
    if (refreshToken.length > 0 && refreshToken.length <= MAX_REFRESH_TOKEN)
      await this.sessions.logOut(refreshToken);
    return true;
  }

  @Mutation(() => User, {
    description: "Changes the signed-in viewer's profile (UNAUTHENTICATED when signed out).",
  })
  @UseGuards(GqlAuthGuard)
  updateProfile(
    @CurrentUser() viewer: AuthUser,
    @Args('input', { description: 'The changes.' }) input: UpdateProfileInput,
  ): Promise<UserEntity> {
    return this.accounts.updateProfile(viewer.id, input);
  }

  @ResolveField(() => User, { description: 'The person signed in.' })
  async user(
    @Parent() payload: AuthPayload,
    @Context() { loaders }: GqlContext,
  ): Promise<UserEntity> {
    return (await loaders.users.load(payload.userId))!;
  }
}

@Resolver(() => Viewer)
export class ViewerResolver {
  @Query(() => Viewer, { nullable: true, description: 'The signed-in user; null when signed out.' })
  async viewer(@Context() { viewer, loaders }: GqlContext): Promise<Viewer | null> {
    if (!viewer) return null;
    const user = await loaders.users.load(viewer.id);
    return user && !user.deletedAt
      ? { id: user.id, email: user.email, platformRole: user.platformRole }
      : null;
  }

  @ResolveField(() => User, { description: "The viewer's public profile." })
  async user(@Parent() v: Viewer, @Context() { loaders }: GqlContext): Promise<UserEntity> {
    return (await loaders.users.load(v.id))!;
  }
}

@Resolver(() => User)
export class UsersResolver {
  constructor(private readonly accounts: AccountsService) {}

  @Query(() => User, {
    nullable: true,
    description: 'A user by handle, in any case; null when there is none.',
  })
  user(
    @Args('handle', { type: () => String, description: 'The handle, without @.' })
    handle: string,
  ): Promise<UserEntity | null> {
    return /^[A-Za-z0-9_]{3,30}$/.test(handle)
      ? this.accounts.byHandle(handle)
      : Promise.resolve(null);
  }
}
