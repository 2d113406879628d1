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
import { UserEntity } from '@causeway/accounts';
import { CauseEntity } from '@causeway/causes';
import { FollowSource, FollowsService } from '@causeway/follows';
import {
  MembershipEntity,
  OrganizationEntity,
  OrganizationRole,
  OrganizationsService,
} from '@causeway/organizations';
import { User } from '../accounts/user.model';
import { CurrentUser, GqlAuthGuard, PlatformAdminGuard } from '../auth/auth.guards';
import { Cause } from '../causes/cause.model';
import { ConnectionShape, toConnection } from '../graphql/connection';
import type { AuthUser, GqlContext } from '../graphql/context';
import {
  CreateOrganizationInput,
  Organization,
  OrganizationConnection,
  OrganizationMembership,
  OrganizationsArgs,
  UpdateOrganizationInput,
} from './organization.model';

const idArg = (name: string) => Args(name, { type: () => ID });

@Resolver(() => Organization)
export class OrganizationsResolver {
  constructor(
    private readonly orgService: OrganizationsService,
    private readonly follows: FollowsService,
  ) {}

  @Query(() => Organization, { nullable: true })
  organization(
    @Args('slug', { type: () => String }) slug: string,
  ): Promise<OrganizationEntity | null> {
    return slug.length <= 60 ? this.orgService.bySlug(slug) : Promise.resolve(null);
  }

  @Query(() => OrganizationConnection)
  async organizations(
    @Args() { first, after, query, causeSlug }: OrganizationsArgs,
  ): Promise<ConnectionShape<OrganizationEntity>> {
    return toConnection(await this.orgService.list({ limit: first, after, query, causeSlug }));
  }

  @Mutation(() => Organization, { description: 'The creator becomes its OWNER.' })
  @UseGuards(GqlAuthGuard)
  createOrganization(
    @CurrentUser() viewer: AuthUser,
    @Args('input') input: CreateOrganizationInput,
  ): Promise<OrganizationEntity> {
    return this.orgService.create(viewer.id, input);
  }

  @Mutation(() => Organization, { description: 'OWNER or ADMIN of the organization.' })
  @UseGuards(GqlAuthGuard)
  updateOrganization(
    @CurrentUser() viewer: AuthUser,
    @idArg('id') id: string,
    @Args('input') input: UpdateOrganizationInput,
  ): Promise<OrganizationEntity> {
    return this.orgService.update(viewer.id, id, input);
  }

  @Mutation(() => Organization, { description: 'OWNER or ADMIN; only an OWNER may grant OWNER.' })
  @UseGuards(GqlAuthGuard)
  addOrganizationMember(
    @CurrentUser() viewer: AuthUser,
    @idArg('organizationId') organizationId: string,
    @Args('userHandle', { type: () => String }) userHandle: string,
    @Args('role', { type: () => OrganizationRole }) role: OrganizationRole,
  ): Promise<OrganizationEntity> {
    return this.orgService.addMember(viewer.id, organizationId, userHandle.slice(0, 64), role);
  }

  @Mutation(() => Organization, {
    description:
      'OWNER or ADMIN (only an OWNER removes an OWNER); a member may remove themselves. Never the last OWNER.',
  })
  @UseGuards(GqlAuthGuard)
  removeOrganizationMember(
    @CurrentUser() viewer: AuthUser,
    @idArg('organizationId') organizationId: string,
    @idArg('userId') userId: string,
  ): Promise<OrganizationEntity> {
    return this.orgService.removeMember(viewer.id, organizationId, userId);
  }

  @Mutation(() => Organization, { description: 'Platform ADMIN only.' })
  @UseGuards(PlatformAdminGuard)
  verifyOrganization(
    @CurrentUser() viewer: AuthUser,
    @idArg('id') id: string,
  ): Promise<OrganizationEntity> {
    return this.orgService.verify(viewer.id, id);
  }

  @Mutation(() => Organization)
  @UseGuards(GqlAuthGuard)
  async followOrganization(
    @CurrentUser() viewer: AuthUser,
    @idArg('id') id: string,
  ): Promise<OrganizationEntity> {
    await this.follows.follow(viewer.id, FollowSource.ORGANIZATION, id);
    return this.orgService.byIdOrFail(id);
  }

  @Mutation(() => Organization)
  @UseGuards(GqlAuthGuard)
  async unfollowOrganization(
    @CurrentUser() viewer: AuthUser,
    @idArg('id') id: string,
  ): Promise<OrganizationEntity> {
    await this.follows.unfollow(viewer.id, FollowSource.ORGANIZATION, id);
    return this.orgService.byIdOrFail(id);
  }

  @ResolveField(() => [Cause])
  async causes(
    @Parent() org: OrganizationEntity,
    @Context() { loaders }: GqlContext,
  ): Promise<CauseEntity[]> {
    return (await loaders.organizationCauses.load(org.id)).map((r) => r.cause);
  }

  @ResolveField(() => Boolean)
  viewerIsFollowing(
    @Parent() org: OrganizationEntity,
    @Context() { loaders }: GqlContext,
  ): Promise<boolean> {
    return loaders.viewerFollowsOrganization.load(org.id);
  }

  @ResolveField(() => OrganizationRole, {
    nullable: true,
    description: "The signed-in user's role in this organization; null when not a member.",
  })
  viewerRole(
    @Parent() org: OrganizationEntity,
    @Context() { loaders }: GqlContext,
  ): Promise<OrganizationRole | null> {
    return loaders.viewerRole.load(org.id);
  }

  @ResolveField(() => [OrganizationMembership])
  members(
    @Parent() org: OrganizationEntity,
    @Context() { loaders }: GqlContext,
  ): Promise<MembershipEntity[]> {
    return loaders.organizationMembers.load(org.id);
  }
}

@Resolver(() => OrganizationMembership)
export class MembershipsResolver {
  @ResolveField(() => Organization)
  async organization(
    @Parent() m: MembershipEntity,
    @Context() { loaders }: GqlContext,
  ): Promise<OrganizationEntity> {
    return (await loaders.organizations.load(m.organizationId))!;
  }

  @ResolveField(() => User)
  async user(
    @Parent() m: MembershipEntity,
    @Context() { loaders }: GqlContext,
  ): Promise<UserEntity> {
    return (await loaders.users.load(m.userId))!;
  }
}
