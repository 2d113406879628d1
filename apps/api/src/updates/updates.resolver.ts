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
import { OrganizationEntity } from '@causeway/organizations';
import { CampaignEntity } from '@causeway/pledges';
import { UpdateEntity, UpdatesService } from '@causeway/updates';
import { User } from '../accounts/user.model';
import { CurrentUser, GqlAuthGuard } from '../auth/auth.guards';
import { Cause } from '../causes/cause.model';
import { ConnectionShape, PageArgs, connectionOf } from '../graphql/connection';
import type { AuthUser, GqlContext } from '../graphql/context';
import { Organization } from '../organizations/organization.model';
import { Campaign } from '../pledges/pledge.model';
import { PostUpdateInput, Update, UpdateConnection } from './update.model';

@Resolver(() => Update)
export class UpdatesResolver {
  constructor(private readonly updateService: UpdatesService) {}

  @Query(() => Update, {
    nullable: true,
    description: 'An update; null when deleted, hidden, by someone the viewer blocked, or unknown.',
  })
  async update(
    @Args('id', { type: () => ID, description: 'The update.' }) id: string,
    @Context() { loaders }: GqlContext,
  ): Promise<UpdateEntity | null> {
    return loaders.visibleUpdates.load(id);
  }

  @Mutation(() => Update, {
    description:
      "Posts an update; it reaches followers' feeds asynchronously, normally within 2 seconds. FORBIDDEN when posting for an organization without EDITOR or above; NOT_FOUND for an unknown organization.",
  })
  @UseGuards(GqlAuthGuard)
  postUpdate(
    @CurrentUser() viewer: AuthUser,
    @Args('input', { description: 'The new update.' }) input: PostUpdateInput,
  ): Promise<UpdateEntity> {
    return this.updateService.post(viewer.id, input);
  }

  @Mutation(() => Boolean, {
    description:
      "Deletes an update everywhere (every feed and page): its author, or an ADMIN/OWNER of the update's organization (else FORBIDDEN). NOT_FOUND for an unknown id.",
  })
  @UseGuards(GqlAuthGuard)
  async deleteUpdate(
    @CurrentUser() viewer: AuthUser,
    @Args('id', { type: () => ID, description: 'The update to delete.' }) id: string,
  ): Promise<boolean> {
    await this.updateService.delete(viewer.id, id);
    return true;
  }

  @ResolveField(() => User, { description: 'Who posted it.' })
  async author(u: UpdateEntity, _args: unknown, { loaders }: GqlContext): Promise<UserEntity> {
    // The hot fields of a feed page take graphql's (parent, args, context) without parameter
    // decorators: Nest then calls them directly, with no pipes (ValidationPipe) on their parameters.
    return (await loaders.users.load(u.authorId))!;
  }

  @ResolveField(() => Organization, {
    nullable: true,
    description: 'Set when the update was posted on behalf of an organization.',
  })
  organization(
    u: UpdateEntity,
    _args: unknown,
    { loaders }: GqlContext,
  ): Promise<OrganizationEntity | null> | null {
    return u.organizationId ? loaders.organizations.load(u.organizationId) : null;
  }

  @ResolveField(() => Campaign, {
    nullable: true,
    description: 'The campaign it is about; null when none.',
  })
  campaign(
    u: UpdateEntity,
    _args: unknown,
    { loaders }: GqlContext,
  ): Promise<CampaignEntity | null> | null {
    return u.campaignId ? loaders.campaigns.load(u.campaignId) : null;
  }

  @ResolveField(() => [Cause], { description: 'The causes it is tagged with.' })
  async causes(u: UpdateEntity, _args: unknown, { loaders }: GqlContext): Promise<CauseEntity[]> {
    return (await loaders.updateCauses.load(u.id)).map((r) => r.cause);
  }
}

const updatesField = (description: string) =>
  ResolveField(() => UpdateConnection, { name: 'updates', description });

@Resolver(() => Organization)
export class OrganizationUpdatesResolver {
  @updatesField('Updates posted on behalf of the organization, newest first.')
  async updates(
    @Parent() o: OrganizationEntity,
    @Args() { first, after }: PageArgs,
    @Context() { loaders }: GqlContext,
  ): Promise<ConnectionShape<UpdateEntity>> {
    return connectionOf(loaders.organizationUpdates, o.id, { first, after });
  }
}

@Resolver(() => Cause)
export class CauseUpdatesResolver {
  @updatesField('Updates tagged with this cause or any cause under it, newest first.')
  async updates(
    @Parent() c: CauseEntity,
    @Args() { first, after }: PageArgs,
    @Context() { loaders }: GqlContext,
  ): Promise<ConnectionShape<UpdateEntity>> {
    return connectionOf(loaders.causeUpdates, c.id, { first, after });
  }
}

@Resolver(() => User)
export class UserUpdatesResolver {
  @updatesField(
    "The person's personal updates (not those posted for an organization), newest first.",
  )
  async updates(
    @Parent() u: UserEntity,
    @Args() { first, after }: PageArgs,
    @Context() { loaders }: GqlContext,
  ): Promise<ConnectionShape<UpdateEntity>> {
    return connectionOf(loaders.userUpdates, u.id, { first, after });
  }
}
