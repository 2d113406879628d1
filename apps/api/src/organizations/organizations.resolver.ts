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

const idArg = (name: string, description: string) => Args(name, { type: () => ID, description });

@Resolver(() => Organization)
export class OrganizationsResolver {
  constructor(
    private readonly orgService: OrganizationsService,
    private readonly follows: FollowsService,
  ) {}

  @Query(() => Organization, {
    nullable: true,
    description: 'An organization by slug; null when there is none.',
  })
  organization(
    @Args('slug', { type: () => String, description: "The organization's slug." }) slug: string,
  ): Promise<OrganizationEntity | null> {
    return slug.length <= 60 ? this.orgService.bySlug(slug) : Promise.resolve(null);
  }

  @Query(() => OrganizationConnection, {
    description:
      'Organizations, newest first, optionally of one cause; with query, the matching ones, best match first.',
  })
  async organizations(
    @Args() { first, after, query, causeSlug }: OrganizationsArgs,
  ): Promise<ConnectionShape<OrganizationEntity>> {
    return toConnection(await this.orgService.list({ limit: first, after, query, causeSlug }));
  }

  @Mutation(() => Organization, {
    description:
      'Creates an organization; the creator becomes its OWNER. CONFLICT when the slug is taken.',
  })
  @UseGuards(GqlAuthGuard)
  createOrganization(
    @CurrentUser() viewer: AuthUser,
    @Args('input', { description: 'The new organization.' }) input: CreateOrganizationInput,
  ): Promise<OrganizationEntity> {
    return this.orgService.create(viewer.id, input);
  }

  @Mutation(() => Organization, {
    description:
      'Changes an organization: OWNER or ADMIN (else FORBIDDEN); NOT_FOUND for an unknown id.',
  })
  @UseGuards(GqlAuthGuard)
  updateOrganization(
    @CurrentUser() viewer: AuthUser,
    @idArg('id', 'The organization.') id: string,
    @Args('input', { description: 'The changes.' }) input: UpdateOrganizationInput,
  ): Promise<OrganizationEntity> {
    return this.orgService.update(viewer.id, id, input);
  }

  @Mutation(() => Organization, {
    description:
      "Adds a member, or changes a member's role: OWNER or ADMIN, and only an OWNER may grant or change OWNER (else FORBIDDEN). NOT_FOUND for an unknown person; demoting the last OWNER is CONFLICT.",
  })
  @UseGuards(GqlAuthGuard)
  addOrganizationMember(
    @CurrentUser() viewer: AuthUser,
    @idArg('organizationId', 'The organization.') organizationId: string,
    @Args('userHandle', { type: () => String, description: "The person's handle." })
    userHandle: string,
    @Args('role', { type: () => OrganizationRole, description: 'Their role.' })
    role: OrganizationRole,
  ): Promise<OrganizationEntity> {
    return this.orgService.addMember(viewer.id, organizationId, userHandle.slice(0, 64), role);
  }

  @Mutation(() => Organization, {
    description:
      'Removes a member: OWNER or ADMIN (only an OWNER removes an OWNER), or the member themselves (else FORBIDDEN); NOT_FOUND when they are not a member. Removing the last OWNER is CONFLICT.',
  })
  @UseGuards(GqlAuthGuard)
  removeOrganizationMember(
    @CurrentUser() viewer: AuthUser,
    @idArg('organizationId', 'The organization.') organizationId: string,
    @idArg('userId', 'The member to remove.') userId: string,
  ): Promise<OrganizationEntity> {
    return this.orgService.removeMember(viewer.id, organizationId, userId);
  }

  @Mutation(() => Organization, {
    description:
      'Marks an organization verified and notifies its OWNERs: platform ADMIN only (else FORBIDDEN).',
  })
  @UseGuards(PlatformAdminGuard)
  verifyOrganization(
    @CurrentUser() viewer: AuthUser,
    @idArg('id', 'The organization.') id: string,
  ): Promise<OrganizationEntity> {
    return this.orgService.verify(viewer.id, id);
  }

  @Mutation(() => Organization, {
    description:
      "Follows an organization (idempotent): its updates reach the viewer's feed; the 20 most recent are copied in now. NOT_FOUND for an unknown id.",
  })
  @UseGuards(GqlAuthGuard)
  async followOrganization(
    @CurrentUser() viewer: AuthUser,
    @idArg('id', 'The organization to follow.') id: string,
  ): Promise<OrganizationEntity> {
    await this.follows.follow(viewer.id, FollowSource.ORGANIZATION, id);
    return this.orgService.byIdOrFail(id);
  }

  @Mutation(() => Organization, {
    description:
      'Stops following an organization (idempotent); updates that reached the feed only through it leave it.',
  })
  @UseGuards(GqlAuthGuard)
  async unfollowOrganization(
    @CurrentUser() viewer: AuthUser,
    @idArg('id', 'The organization to unfollow.') id: string,
  ): Promise<OrganizationEntity> {
    await this.follows.unfollow(viewer.id, FollowSource.ORGANIZATION, id);
    return this.orgService.byIdOrFail(id);
  }

  @ResolveField(() => [Cause], { description: 'The causes it works on.' })
  async causes(
    @Parent() org: OrganizationEntity,
    @Context() { loaders }: GqlContext,
  ): Promise<CauseEntity[]> {
    return (await loaders.organizationCauses.load(org.id)).map((r) => r.cause);
  }

  @ResolveField(() => Boolean, {
    description: 'Whether the signed-in viewer follows it; false when signed out.',
  })
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

  @ResolveField(() => [OrganizationMembership], { description: 'Its members and their roles.' })
  members(
    @Parent() org: OrganizationEntity,
    @Context() { loaders }: GqlContext,
  ): Promise<MembershipEntity[]> {
    return loaders.organizationMembers.load(org.id);
  }
}

@Resolver(() => OrganizationMembership)
export class MembershipsResolver {
  @ResolveField(() => Organization, { description: 'The organization.' })
  async organization(
    @Parent() m: MembershipEntity,
    @Context() { loaders }: GqlContext,
  ): Promise<OrganizationEntity> {
    return (await loaders.organizations.load(m.organizationId))!;
  }

  @ResolveField(() => User, { description: 'The member.' })
  async user(
    @Parent() m: MembershipEntity,
    @Context() { loaders }: GqlContext,
  ): Promise<UserEntity> {
    return (await loaders.users.load(m.userId))!;
  }
}
