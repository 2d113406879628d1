import { UseGuards } from '@nestjs/common';
import { Args, Context, Query, Resolver, Subscription } from '@nestjs/graphql';
import { FeedItemsMessage, FeedListeners, FeedService } from '@causeway/feed';
import { EventBus, eventIterator, Topics } from '@causeway/queue';
import { trackSubscription } from '@causeway/observability';
import { UpdateEntity, UpdatesService } from '@causeway/updates';
import { CurrentUser, GqlAuthGuard } from '../auth/auth.guards';
import { ConnectionShape, PageArgs, toConnection } from '../graphql/connection';
import type { AuthUser, GqlContext } from '../graphql/context';
import { LoadersFactory } from '../graphql/loaders';
import { Update, UpdateConnection } from './update.model';

@Resolver(() => Update)
export class FeedResolver {
  constructor(
    private readonly feedService: FeedService,
    private readonly listeners: FeedListeners,
    private readonly updates: UpdatesService,
    private readonly bus: EventBus,
    private readonly loaders: LoadersFactory,
  ) {}

  @Query(() => UpdateConnection, {
    description:
      "The viewer's home feed: updates from followed organizations, causes and people, newest first, each once.",
  })
  @UseGuards(GqlAuthGuard)
  async feed(
    @CurrentUser() viewer: AuthUser,
    @Args() { first, after }: PageArgs,
  ): Promise<ConnectionShape<UpdateEntity>> {
    return toConnection(await this.feedService.page(viewer.id, first, after));
  }

  /**
   * Registers the viewer as a live listener (so the fan-out publishes for them) and yields each
   * update that lands in their feed, read fresh, with fresh loaders for its fields.
   */
  @Subscription(() => Update, {
    description: "Each update as it lands in the signed-in viewer's home feed.",
    resolve: (u: UpdateEntity) => u,
  })
  @UseGuards(GqlAuthGuard)
  async feedItemAdded(
    @CurrentUser() viewer: AuthUser,
    @Context() ctx: GqlContext,
  ): Promise<AsyncIterableIterator<UpdateEntity>> {
    const items = eventIterator<UpdateEntity>(this.bus, Topics.feedItems, async (message) => {
      const { updateId, userIds } = message as FeedItemsMessage;
      if (!userIds.includes(viewer.id)) return undefined;
      const [update] = await this.updates.visibleByIds(viewer.id, [updateId]);
      if (update) ctx.loaders = this.loaders.create(viewer);
      return update;
    });
    await this.listeners.add(viewer.id);
    const close = items.return!.bind(items);
    let closed = false;
    items.return = async () => {
      if (!closed) {
        closed = true;
        await this.listeners.remove(viewer.id);
      }
      return close();
    };
    return trackSubscription('feedItemAdded', items);
  }
}
