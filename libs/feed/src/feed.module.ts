import { Module } from '@nestjs/common';
import { CausesModule } from '@causeway/causes';
import { FollowsModule } from '@causeway/follows';
import { UpdatesModule } from '@causeway/updates';
import { FanOutRepository } from './fan-out.repository';
import { FanOutService } from './fan-out.service';
import { FeedListeners } from './feed-listeners';
import { FeedRepository } from './feed.repository';
import { FeedService } from './feed.service';
import { FeedOutboxRoutes } from './feed-outbox-routes';
import { ConfigModule } from '@causeway/config';
import { EventBusModule } from '@causeway/queue';
import { OutboxModule } from '@causeway/outbox';

@Module({
  imports: [CausesModule, FollowsModule, UpdatesModule, ConfigModule, EventBusModule, OutboxModule],
  providers: [
    FeedService,
    FeedListeners,
    FanOutService,
    FeedRepository,
    FanOutRepository,
    FeedOutboxRoutes,
  ],
  exports: [FeedService, FeedListeners, FanOutService],
})
export class FeedModule {}
