import { UseGuards } from '@nestjs/common';
import {
  Args,
  Context,
  ID,
  Mutation,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import { CauseEntity, CausesService } from '@causeway/causes';
import { FollowSource, FollowsService } from '@causeway/follows';
import { CurrentUser, GqlAuthGuard, PlatformAdminGuard } from '../auth/auth.guards';
import { ConnectionShape, PageArgs, toConnection } from '../graphql/connection';
import type { AuthUser, GqlContext } from '../graphql/context';
import { Organization, OrganizationConnection } from '../organizations/organization.model';
import { Cause, CauseConnection, CausesArgs, CreateCauseInput } from './cause.model';

@Resolver(() => Cause)
export class CausesResolver {
  constructor(
    private readonly causeService: CausesService,
    private readonly follows: FollowsService,
  ) {}

  @Query(() => Cause, { nullable: true })
  cause(@Args('slug', { type: () => String }) slug: string): Promise<CauseEntity | null> {
    return slug.length <= 60 ? this.causeService.bySlug(slug) : Promise.resolve(null);
  }

  @Query(() => CauseConnection)
  async causes(@Args() { first, after, query }: CausesArgs): Promise<ConnectionShape<CauseEntity>> {
    return toConnection(await this.causeService.list({ limit: first, after, query }));
  }

  @Mutation(() => Cause, { description: 'Platform ADMIN only.' })
  @UseGuards(PlatformAdminGuard)
  createCause(@Args('input') input: CreateCauseInput): Promise<CauseEntity> {
    return this.causeService.create(input);
  }

  @Mutation(() => Cause)
  @UseGuards(GqlAuthGuard)
  async followCause(
    @CurrentUser() viewer: AuthUser,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<CauseEntity> {
    await this.follows.follow(viewer.id, FollowSource.CAUSE, id);
    return this.causeService.byIdOrFail(id);
  }

  @Mutation(() => Cause)
  @UseGuards(GqlAuthGuard)
  async unfollowCause(
    @CurrentUser() viewer: AuthUser,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<CauseEntity> {
    await this.follows.unfollow(viewer.id, FollowSource.CAUSE, id);
    return this.causeService.byIdOrFail(id);
  }

  @ResolveField(() => Cause, { nullable: true })
  parent(
    @Parent() cause: CauseEntity,
    @Context() { loaders }: GqlContext,
  ): Promise<CauseEntity | null> | null {
    return cause.parentId ? loaders.causes.load(cause.parentId) : null;
  }

  @ResolveField(() => [Cause])
  children(
    @Parent() cause: CauseEntity,
    @Context() { loaders }: GqlContext,
  ): Promise<CauseEntity[]> {
    return loaders.causeChildren.load(cause.id);
  }

  @ResolveField(() => Boolean)
  viewerIsFollowing(
    @Parent() cause: CauseEntity,
    @Context() { loaders }: GqlContext,
  ): Promise<boolean> {
    return loaders.viewerFollowsCause.load(cause.id);
  }

  @ResolveField(() => OrganizationConnection)
  async organizations(
    @Parent() cause: CauseEntity,
    @Args() { first, after }: PageArgs,
    @Context() { loaders }: GqlContext,
  ): Promise<ConnectionShape<Organization>> {
    return toConnection(
      await loaders.causeOrganizations.load({
        parentId: cause.id,
        limit: first,
        after: after ?? null,
      }),
    );
  }
}
