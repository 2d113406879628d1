import { UseGuards } from '@nestjs/common';
import { Args, Context, ID, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { AccountsService, UserEntity } from '@causeway/accounts';
import { CauseEntity } from '@causeway/causes';
import { FollowedItem, FollowSource, FollowsService } from '@causeway/follows';
import {
  MembershipEntity,
  OrganizationEntity,
  OrganizationsService,
} from '@causeway/organizations';
import type { Page } from '@causeway/common';
import { User, UserConnection, Viewer } from '../accounts/user.model';
import { CurrentUser, GqlAuthGuard } from '../auth/auth.guards';
import { CauseConnection } from '../causes/cause.model';
import { ConnectionShape, PageArgs, toConnection } from '../graphql/connection';
import type { AuthUser, GqlContext } from '../graphql/context';
import {
  OrganizationConnection,
  OrganizationMembership,
} from '../organizations/organization.model';

/** Follows of people, and whether the viewer follows a person. */
@Resolver(() => User)
export class UserFollowsResolver {
  constructor(
    private readonly follows: FollowsService,
    private readonly accounts: AccountsService,
  ) {}

  @Mutation(() => User, {
    description:
      "Follows a person (idempotent): their personal updates reach the viewer's feed. BAD_USER_INPUT for oneself, NOT_FOUND for an unknown id, FORBIDDEN when either has blocked the other.",
  })
  @UseGuards(GqlAuthGuard)
  async followUser(
    @CurrentUser() viewer: AuthUser,
    @Args('id', { type: () => ID, description: 'The person to follow.' }) id: string,
  ): Promise<UserEntity> {
    await this.follows.follow(viewer.id, FollowSource.USER, id);
    return this.accounts.byIdOrFail(id);
  }

  @Mutation(() => User, {
    description: 'Stops following a person (idempotent). NOT_FOUND for an unknown id.',
  })
  @UseGuards(GqlAuthGuard)
  async unfollowUser(
    @CurrentUser() viewer: AuthUser,
    @Args('id', { type: () => ID, description: 'The person to unfollow.' }) id: string,
  ): Promise<UserEntity> {
    await this.follows.unfollow(viewer.id, FollowSource.USER, id);
    return this.accounts.byIdOrFail(id);
  }

  @ResolveField(() => UserConnection, {
    description: 'The people who follow this user, newest accounts first.',
  })
  async followers(
    @Parent() user: UserEntity,
    @Args() { first, after }: PageArgs,
    @Context() { loaders }: GqlContext,
  ): Promise<ConnectionShape<UserEntity>> {
    const page = await loaders.userFollowers.load({
      parentId: user.id,
      limit: first,
      after: after ?? null,
    });
    const users = await loaders.users.loadMany(page.items);
    return toConnection({ ...page, items: users as UserEntity[] });
  }

  @ResolveField(() => Boolean, {
    description: 'Whether the signed-in viewer follows this person; false when signed out.',
  })
  viewerIsFollowing(
    @Parent() user: UserEntity,
    @Context() { loaders }: GqlContext,
  ): Promise<boolean> {
    return loaders.viewerFollowsUser.load(user.id);
  }
}

/** What the signed-in viewer follows and belongs to. */
@Resolver(() => Viewer)
export class ViewerGraphResolver {
  constructor(
    private readonly follows: FollowsService,
    private readonly orgService: OrganizationsService,
  ) {}

  @ResolveField(() => CauseConnection, {
    description: 'The causes the viewer follows, most recently followed first.',
  })
  async followedCauses(
    @Parent() v: Viewer,
    @Args() { first, after }: PageArgs,
    @Context() { loaders }: GqlContext,
  ): Promise<ConnectionShape<CauseEntity>> {
    return this.followed(
      await this.follows.followed(v.id, FollowSource.CAUSE, first, after),
      (id) => loaders.causes.load(id),
    );
  }

  @ResolveField(() => OrganizationConnection, {
    description: 'The organizations the viewer follows, most recently followed first.',
  })
  async followedOrganizations(
    @Parent() v: Viewer,
    @Args() { first, after }: PageArgs,
    @Context() { loaders }: GqlContext,
  ): Promise<ConnectionShape<OrganizationEntity>> {
    return this.followed(
      await this.follows.followed(v.id, FollowSource.ORGANIZATION, first, after),
      (id) => loaders.organizations.load(id),
    );
  }

  @ResolveField(() => [OrganizationMembership], {
    description: 'The organizations the viewer is a member of, with their role in each.',
  })
  organizations(@Parent() v: Viewer): Promise<MembershipEntity[]> {
    return this.orgService.membershipsOf(v.id);
  }

  private async followed<T>(
    page: Page<FollowedItem>,
    load: (id: string) => Promise<T | null>,
  ): Promise<ConnectionShape<T>> {
    const nodes = await Promise.all(page.items.map((f) => load(f.sourceId)));
    return toConnection({ ...page, items: nodes as T[] });
  }
}
