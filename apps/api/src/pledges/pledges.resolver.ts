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
  Subscription,
} from '@nestjs/graphql';
import { UserEntity } from '@causeway/accounts';
import { CauseEntity } from '@causeway/causes';
import { OrganizationEntity } from '@causeway/organizations';
import {
  CampaignEntity,
  CampaignsService,
  PledgeEntity,
  PledgePermissions,
  PledgesService,
} from '@causeway/pledges';
import { EventBus, eventIterator, Topics } from '@causeway/queue';
import { pledgeEvents, trackSubscription } from '@causeway/observability';
import { User, Viewer } from '../accounts/user.model';
import { CurrentUser, GqlAuthGuard } from '../auth/auth.guards';
import { Cause } from '../causes/cause.model';
import { ConnectionShape, PageArgs, toConnection, connectionOf } from '../graphql/connection';
import type { AuthUser, GqlContext } from '../graphql/context';
import { Organization } from '../organizations/organization.model';
import {
  Campaign,
  CampaignConnection,
  CreateCampaignInput,
  Pledge,
  PledgeConnection,
  PledgeInput,
} from './pledge.model';

const idArg = (name: string, description: string) => Args(name, { type: () => ID, description });
/** Counts a committed pledge change in causeway_pledges_total. */
const counted =
  (event: 'pledged' | 'cancelled' | 'fulfilled') =>
  <T>(result: T): T => (pledgeEvents.inc({ event }), result);

@Resolver(() => Campaign)
export class CampaignsResolver {
  constructor(
    private readonly campaigns: CampaignsService,
    private readonly bus: EventBus,
  ) {}

  @Query(() => Campaign, {
    nullable: true,
    description: 'A campaign by id; null when there is none.',
  })
  campaign(@idArg('id', 'The campaign.') id: string): Promise<CampaignEntity | null> {
    return this.campaigns.byId(id);
  }

  @Mutation(() => Campaign, {
    description:
      'Starts a campaign: OWNER, ADMIN or EDITOR of the organization (else FORBIDDEN); NOT_FOUND for an unknown organization.',
  })
  @UseGuards(GqlAuthGuard)
  createCampaign(
    @CurrentUser() viewer: AuthUser,
    @Args('input', { description: 'The new campaign.' }) input: CreateCampaignInput,
  ): Promise<CampaignEntity> {
    return this.campaigns.create(viewer.id, input);
  }

  /** Each change of the totals is re-read from the database, so every event carries fresh totals. */
  @Subscription(() => Campaign, {
    description:
      'The campaign, with fresh totals, each time its totals change; NOT_FOUND for an unknown id. Open to anyone.',
    resolve: (campaign: CampaignEntity) => campaign,
  })
  async campaignProgress(
    @idArg('id', 'The campaign to watch.') id: string,
  ): Promise<AsyncIterableIterator<CampaignEntity>> {
    await this.campaigns.byIdOrFail(id);
    return trackSubscription(
      'campaignProgress',
      eventIterator(
        this.bus,
        Topics.campaignProgress(id),
        async () => (await this.campaigns.byId(id)) ?? undefined,
      ),
    );
  }

  @ResolveField(() => Organization, { description: 'The organization running it.' })
  async organization(
    @Parent() c: CampaignEntity,
    @Context() { loaders }: GqlContext,
  ): Promise<OrganizationEntity> {
    return (await loaders.organizations.load(c.organizationId))!;
  }

  @ResolveField(() => Cause, {
    nullable: true,
    description: 'The cause it serves; null when none was named.',
  })
  cause(
    @Parent() c: CampaignEntity,
    @Context() { loaders }: GqlContext,
  ): Promise<CauseEntity | null> | null {
    return c.causeId ? loaders.causes.load(c.causeId) : null;
  }

  @ResolveField(() => [Pledge], {
    description:
      "The signed-in viewer's pledges to this campaign, newest first (empty when signed out).",
  })
  viewerPledges(
    @Parent() c: CampaignEntity,
    @Context() { loaders }: GqlContext,
  ): Promise<PledgeEntity[]> {
    return loaders.viewerCampaignPledges.load(c.id);
  }

  @ResolveField(() => PledgeConnection, {
    description: "Every pledge, newest first: the organization's members only (else FORBIDDEN).",
  })
  async pledges(
    @Parent() c: CampaignEntity,
    @Args() { first, after }: PageArgs,
    @Context() { loaders }: GqlContext,
  ): Promise<ConnectionShape<PledgeEntity>> {
    PledgePermissions.assertCanListPledges(await loaders.viewerRole.load(c.organizationId));
    return connectionOf(loaders.campaignPledges, c.id, { first, after });
  }
}

@Resolver(() => Pledge)
export class PledgesResolver {
  constructor(private readonly pledgeService: PledgesService) {}

  @Mutation(() => Pledge, {
    description:
      'Pledges to a campaign, idempotently per idempotencyKey: the same key and input return the first pledge (counted once); a different input is CONFLICT. CONFLICT after the campaign ended; NOT_FOUND for an unknown campaign.',
  })
  @UseGuards(GqlAuthGuard)
  pledge(
    @CurrentUser() viewer: AuthUser,
    @Args('input', { description: 'The pledge.' }) input: PledgeInput,
  ): Promise<PledgeEntity> {
    return this.pledgeService.pledge(viewer.id, input).then(counted('pledged'));
  }

  @Mutation(() => Pledge, {
    description:
      'Cancels a pledge: the pledger only (else FORBIDDEN), while it is PLEDGED (else CONFLICT).',
  })
  @UseGuards(GqlAuthGuard)
  cancelPledge(
    @CurrentUser() viewer: AuthUser,
    @idArg('id', 'The pledge.') id: string,
  ): Promise<PledgeEntity> {
    return this.pledgeService.cancel(viewer.id, id).then(counted('cancelled'));
  }

  @Mutation(() => Pledge, {
    description:
      "Marks a pledge fulfilled: OWNER or ADMIN of the campaign's organization (else FORBIDDEN), while it is PLEDGED (else CONFLICT). Notifies the pledger.",
  })
  @UseGuards(GqlAuthGuard)
  markPledgeFulfilled(
    @CurrentUser() viewer: AuthUser,
    @idArg('id', 'The pledge.') id: string,
  ): Promise<PledgeEntity> {
    return this.pledgeService.markFulfilled(viewer.id, id).then(counted('fulfilled'));
  }

  @ResolveField(() => Campaign, { description: 'The campaign pledged to.' })
  async campaign(
    @Parent() p: PledgeEntity,
    @Context() { loaders }: GqlContext,
  ): Promise<CampaignEntity> {
    return (await loaders.campaigns.load(p.campaignId))!;
  }

  @ResolveField(() => User, {
    description: 'Who pledged (a deleted account shows as such).',
  })
  async user(@Parent() p: PledgeEntity, @Context() { loaders }: GqlContext): Promise<UserEntity> {
    return (await loaders.users.load(p.userId))!;
  }
}

@Resolver(() => Organization)
export class OrganizationCampaignsResolver {
  @ResolveField(() => CampaignConnection, { description: 'Its campaigns, newest first.' })
  async campaigns(
    @Parent() org: OrganizationEntity,
    @Args() { first, after }: PageArgs,
    @Context() { loaders }: GqlContext,
  ): Promise<ConnectionShape<CampaignEntity>> {
    return connectionOf(loaders.organizationCampaigns, org.id, { first, after });
  }
}

@Resolver(() => Cause)
export class CauseCampaignsResolver {
  @ResolveField(() => CampaignConnection, {
    description: 'Campaigns serving this cause, newest first.',
  })
  async campaigns(
    @Parent() cause: CauseEntity,
    @Args() { first, after }: PageArgs,
    @Context() { loaders }: GqlContext,
  ): Promise<ConnectionShape<CampaignEntity>> {
    return connectionOf(loaders.causeCampaigns, cause.id, { first, after });
  }
}

@Resolver(() => Viewer)
export class ViewerPledgesResolver {
  constructor(private readonly pledgeService: PledgesService) {}

  @ResolveField(() => PledgeConnection, { description: "The viewer's pledges, newest first." })
  async pledges(
    @Parent() v: Viewer,
    @Args() { first, after }: PageArgs,
  ): Promise<ConnectionShape<PledgeEntity>> {
    return toConnection(await this.pledgeService.ofUser(v.id, first, after));
  }
}
