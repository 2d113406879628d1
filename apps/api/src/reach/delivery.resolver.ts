import { UseGuards } from '@nestjs/common';
import { Args, Context, ID, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { AccountsService, UserEntity } from '@causeway/accounts';
import { CauseEntity, CausesService } from '@causeway/causes';
import { FollowSource, FollowsService } from '@causeway/follows';
import { OrganizationEntity, OrganizationsService } from '@causeway/organizations';
import { User } from '../accounts/user.model';
import { CurrentUser, GqlAuthGuard } from '../auth/auth.guards';
import { Cause } from '../causes/cause.model';
import type { AuthUser, GqlContext } from '../graphql/context';
import { Organization } from '../organizations/organization.model';
import { Delivery } from './reach.model';

const VIEWER_DELIVERY = (what: string) =>
  `The viewer's delivery for this ${what}; null when the viewer does not follow it.`;
const SET_DELIVERY =
  'Sets where updates from a source the viewer follows go from now on (not following it: BAD_USER_INPUT; unknown id: NOT_FOUND).';
const idArg = () => Args('id', { type: () => ID, description: 'The followed source.' });
const deliveryArg = () =>
  Args('delivery', { type: () => Delivery, description: 'Where its updates go.' });

@Resolver(() => Cause)
export class CauseDeliveryResolver {
  constructor(
    private readonly follows: FollowsService,
    private readonly causes: CausesService,
  ) {}

  @Mutation(() => Cause, { description: SET_DELIVERY })
  @UseGuards(GqlAuthGuard)
  async setCauseDelivery(
    @CurrentUser() viewer: AuthUser,
    @idArg() id: string,
    @deliveryArg() delivery: Delivery,
  ): Promise<CauseEntity> {
    await this.follows.setDelivery(viewer.id, FollowSource.CAUSE, id, delivery);
    return this.causes.byIdOrFail(id);
  }

  @ResolveField(() => Delivery, { nullable: true, description: VIEWER_DELIVERY('cause') })
  viewerDelivery(
    @Parent() cause: CauseEntity,
    @Context() { loaders }: GqlContext,
  ): Promise<Delivery | null> {
    return loaders.viewerCauseDelivery.load(cause.id);
  }
}

@Resolver(() => Organization)
export class OrganizationDeliveryResolver {
  constructor(
    private readonly follows: FollowsService,
    private readonly organizations: OrganizationsService,
  ) {}

  @Mutation(() => Organization, { description: SET_DELIVERY })
  @UseGuards(GqlAuthGuard)
  async setOrganizationDelivery(
    @CurrentUser() viewer: AuthUser,
    @idArg() id: string,
    @deliveryArg() delivery: Delivery,
  ): Promise<OrganizationEntity> {
    await this.follows.setDelivery(viewer.id, FollowSource.ORGANIZATION, id, delivery);
    return this.organizations.byIdOrFail(id);
  }

  @ResolveField(() => Delivery, { nullable: true, description: VIEWER_DELIVERY('organization') })
  viewerDelivery(
    @Parent() org: OrganizationEntity,
    @Context() { loaders }: GqlContext,
  ): Promise<Delivery | null> {
    return loaders.viewerOrganizationDelivery.load(org.id);
  }
}

@Resolver(() => User)
export class UserDeliveryResolver {
  constructor(
    private readonly follows: FollowsService,
    private readonly accounts: AccountsService,
  ) {}

  @Mutation(() => User, { description: SET_DELIVERY })
  @UseGuards(GqlAuthGuard)
  async setUserDelivery(
    @CurrentUser() viewer: AuthUser,
    @idArg() id: string,
    @deliveryArg() delivery: Delivery,
  ): Promise<UserEntity> {
    await this.follows.setDelivery(viewer.id, FollowSource.USER, id, delivery);
    return this.accounts.byIdOrFail(id);
  }

  @ResolveField(() => Delivery, { nullable: true, description: VIEWER_DELIVERY('person') })
  viewerDelivery(
    @Parent() user: UserEntity,
    @Context() { loaders }: GqlContext,
  ): Promise<Delivery | null> {
    return loaders.viewerUserDelivery.load(user.id);
  }
}
