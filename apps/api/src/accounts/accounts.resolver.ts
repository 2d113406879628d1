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

  @Mutation(() => AuthPayload)
  @UseGuards(AuthRateLimitGuard)
  async signUp(@Args('input') input: SignUpInput): Promise<AuthPayload> {
    const user = await this.accounts.signUp(input);
    return this.sessions.start(user);
  }

  @Mutation(() => AuthPayload)
  @UseGuards(AuthRateLimitGuard, GqlLocalAuthGuard)
  logIn(
    @Args('input') _input: LogInInput,
    @CredentialsUser() user: UserEntity,
  ): Promise<AuthPayload> {
    return this.sessions.start(user);
  }

  @Mutation(() => AuthPayload, {
    description: 'Rotates the refresh token: the one passed in stops working.',
  })
  refreshSession(
    @Args('refreshToken', { type: () => String }) refreshToken: string,
  ): Promise<AuthPayload> {
    return this.sessions.refresh(refreshTokenOrFail(refreshToken));
  }

  @Mutation(() => Boolean)
  async logOut(
    @Args('refreshToken', { type: () => String }) refreshToken: string,
  ): Promise<boolean> {
    if (refreshToken.length > 0 && refreshToken.length <= MAX_REFRESH_TOKEN)
      await this.sessions.logOut(refreshToken);
    return true;
  }

  @Mutation(() => User)
  @UseGuards(GqlAuthGuard)
  updateProfile(
    @CurrentUser() viewer: AuthUser,
    @Args('input') input: UpdateProfileInput,
  ): Promise<UserEntity> {
    return this.accounts.updateProfile(viewer.id, input);
  }

  @ResolveField(() => User)
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

  @ResolveField(() => User)
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
  user(@Args('handle', { type: () => String }) handle: string): Promise<UserEntity | null> {
    return /^[A-Za-z0-9_]{3,30}$/.test(handle)
      ? this.accounts.byHandle(handle)
      : Promise.resolve(null);
  }
}
