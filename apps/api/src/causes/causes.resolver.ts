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
import { ConnectionShape, PageArgs, toConnection, connectionOf } from '../graphql/connection';
import type { AuthUser, GqlContext } from '../graphql/context';
import { Organization, OrganizationConnection } from '../organizations/organization.model';
import { Cause, CauseConnection, CausesArgs, CreateCauseInput } from './cause.model';

@Resolver(() => Cause)
export class CausesResolver {
  constructor(
    private readonly causeService: CausesService,
    private readonly follows: FollowsService,
  ) {}

  @Query(() => Cause, { nullable: true, description: 'A cause by slug; null when there is none.' })
  cause(
    @Args('slug', { type: () => String, description: "The cause's slug." }) slug: string,
  ): Promise<CauseEntity | null> {
    return slug.length <= 60 ? this.causeService.bySlug(slug) : Promise.resolve(null);
  }

  @Query(() => CauseConnection, {
    description:
      'Every cause, top-level and nested, by slug; with query, the matching ones, best match first.',
  })
  async causes(@Args() { first, after, query }: CausesArgs): Promise<ConnectionShape<CauseEntity>> {
    return toConnection(await this.causeService.list({ limit: first, after, query }));
  }

  @Mutation(() => Cause, {
    description: 'Platform ADMIN only (else FORBIDDEN). CONFLICT when the slug is taken.',
  })
  @UseGuards(PlatformAdminGuard)
  createCause(
    @Args('input', { description: 'The new cause.' }) input: CreateCauseInput,
  ): Promise<CauseEntity> {
    return this.causeService.create(input);
  }

  @Mutation(() => Cause, {
    description:
      "Follows a cause (idempotent): its updates, and those of causes under it, reach the viewer's feed; the 20 most recent are copied in now. NOT_FOUND for an unknown id.",
  })
  @UseGuards(GqlAuthGuard)
  async followCause(
    @CurrentUser() viewer: AuthUser,
    @Args('id', { type: () => ID, description: 'The cause to follow.' }) id: string,
  ): Promise<CauseEntity> {
    await this.follows.follow(viewer.id, FollowSource.CAUSE, id);
    return this.causeService.byIdOrFail(id);
  }

  @Mutation(() => Cause, {
    description:
      'Stops following a cause (idempotent); updates that reached the feed only through it leave it. NOT_FOUND for an unknown id.',
  })
  @UseGuards(GqlAuthGuard)
  async unfollowCause(
    @CurrentUser() viewer: AuthUser,
    @Args('id', { type: () => ID, description: 'The cause to unfollow.' }) id: string,
  ): Promise<CauseEntity> {
    await this.follows.unfollow(viewer.id, FollowSource.CAUSE, id);
    return this.causeService.byIdOrFail(id);
  }

  @ResolveField(() => Cause, {
    nullable: true,
    description: 'The cause this one sits under; null for a top-level cause.',
  })
  parent(
    @Parent() cause: CauseEntity,
    @Context() { loaders }: GqlContext,
  ): Promise<CauseEntity | null> | null {
    return cause.parentId ? loaders.causes.load(cause.parentId) : null;
  }

  @ResolveField(() => [Cause], { description: 'The causes directly under this one.' })
  children(
    @Parent() cause: CauseEntity,
    @Context() { loaders }: GqlContext,
  ): Promise<CauseEntity[]> {
    return loaders.causeChildren.load(cause.id);
  }

  @ResolveField(() => Boolean, {
    description: 'Whether the signed-in viewer follows this cause; false when signed out.',
  })
  viewerIsFollowing(
    @Parent() cause: CauseEntity,
    @Context() { loaders }: GqlContext,
  ): Promise<boolean> {
    return loaders.viewerFollowsCause.load(cause.id);
  }

  @ResolveField(() => OrganizationConnection, {
    description: 'Organizations working on this cause, newest first.',
  })
  async organizations(
    @Parent() cause: CauseEntity,
    @Args() { first, after }: PageArgs,
    @Context() { loaders }: GqlContext,
  ): Promise<ConnectionShape<Organization>> {
    return connectionOf(loaders.causeOrganizations, cause.id, { first, after });
  }
}
