import { UseGuards } from '@nestjs/common';
import {
  Args,
  Context,
  Int,
  Mutation,
  Parent,
  Query,
  ResolveField,
  Resolver,
  Subscription,
} from '@nestjs/graphql';
import { UserEntity } from '@causeway/accounts';
import {
  AddedNotification,
  NotificationEntity,
  NotificationsService,
} from '@causeway/notifications';
import { OrganizationEntity } from '@causeway/organizations';
import { CampaignEntity } from '@causeway/pledges';
import { EventBus, eventIterator, Topics } from '@causeway/queue';
import { trackSubscription } from '@causeway/observability';
import { UpdateEntity } from '@causeway/updates';
import { User, Viewer } from '../accounts/user.model';
import { CurrentUser, GqlAuthGuard } from '../auth/auth.guards';
import { ConnectionShape, PageArgs, toConnection } from '../graphql/connection';
import type { AuthUser, GqlContext } from '../graphql/context';
import { LoadersFactory } from '../graphql/loaders';
import { Organization } from '../organizations/organization.model';
import { Campaign } from '../pledges/pledge.model';
import { Update } from '../updates/update.model';
import {
  MarkNotificationsReadArgs,
  Notification,
  NotificationConnection,
} from './notification.model';

@Resolver(() => Notification)
export class NotificationsResolver {
  constructor(
    private readonly inbox: NotificationsService,
    private readonly bus: EventBus,
    private readonly loadersFactory: LoadersFactory,
  ) {}

  @Query(() => NotificationConnection, { description: "The viewer's notifications, newest first." })
  @UseGuards(GqlAuthGuard)
  async notifications(
    @CurrentUser() viewer: AuthUser,
    @Args() { first, after }: PageArgs,
  ): Promise<ConnectionShape<NotificationEntity>> {
    return toConnection(await this.inbox.list(viewer.id, first, after));
  }

  @Mutation(() => Int, {
    description:
      'Marks the given notifications read, or all when ids is omitted; returns how many changed.',
  })
  @UseGuards(GqlAuthGuard)
  markNotificationsRead(
    @CurrentUser() viewer: AuthUser,
    @Args() { ids }: MarkNotificationsReadArgs,
  ): Promise<number> {
    return this.inbox.markRead(viewer.id, ids ?? null);
  }

  /**
   * Each notification of the signed-in viewer as it is created (or folds in a new event), from any
   * worker through the cross-process event bus. Each push is re-read from the database and its
   * fields resolved with fresh loaders (the context lives as long as the subscription).
   */
  @Subscription(() => Notification, {
    description:
      'Each notification of the signed-in viewer as it is created, or as a new event folds into it (UNAUTHENTICATED when signed out).',
    resolve(
      this: NotificationsResolver,
      payload: NotificationEntity,
      _args: unknown,
      ctx: GqlContext,
    ) {
      ctx.loaders = this.loadersFactory.create(ctx.viewer);
      return payload;
    },
  })
  @UseGuards(GqlAuthGuard)
  notificationAdded(@CurrentUser() viewer: AuthUser): AsyncIterableIterator<NotificationEntity> {
    const items = eventIterator(this.bus, Topics.notificationAdded, async (message) => {
      const added = message as AddedNotification;
      if (added?.recipientId !== viewer.id) return undefined;
      const [n] = await this.inbox.byIdsFor(viewer.id, [added.notificationId]);
      return n;
    });
    return trackSubscription('notificationAdded', items);
  }

  @ResolveField(() => Boolean, {
    description: 'Whether the viewer marked it read (markNotificationsRead).',
  })
  read(@Parent() n: NotificationEntity): boolean {
    return n.readAt !== null;
  }

  @ResolveField(() => User, {
    nullable: true,
    description: 'Who did it (the latest, when several events are folded in).',
  })
  actor(
    @Parent() n: NotificationEntity,
    @Context() { loaders }: GqlContext,
  ): Promise<UserEntity | null> | null {
    return n.actorId ? loaders.users.load(n.actorId) : null;
  }

  @ResolveField(() => Update, {
    nullable: true,
    description: 'Null when the update is gone or hidden from the viewer.',
  })
  update(
    @Parent() n: NotificationEntity,
    @Context() { loaders }: GqlContext,
  ): Promise<UpdateEntity | null> | null {
    return n.updateId ? loaders.visibleUpdates.load(n.updateId) : null;
  }

  @ResolveField(() => Organization, {
    nullable: true,
    description: 'The organization it is about; null when it is about none.',
  })
  organization(
    @Parent() n: NotificationEntity,
    @Context() { loaders }: GqlContext,
  ): Promise<OrganizationEntity | null> | null {
    return n.organizationId ? loaders.organizations.load(n.organizationId) : null;
  }

  @ResolveField(() => Campaign, {
    nullable: true,
    description: 'The campaign it is about (pledges, goals); null when it is about none.',
  })
  campaign(
    @Parent() n: NotificationEntity,
    @Context() { loaders }: GqlContext,
  ): Promise<CampaignEntity | null> | null {
    return n.campaignId ? loaders.campaigns.load(n.campaignId) : null;
  }
}

@Resolver(() => Viewer)
export class ViewerNotificationsResolver {
  @ResolveField(() => Int, { description: "How many of the viewer's notifications are unread." })
  unreadNotificationCount(
    @Parent() v: Viewer,
    @Context() { loaders }: GqlContext,
  ): Promise<number> {
    return loaders.unreadNotificationCount.load(v.id);
  }
}
