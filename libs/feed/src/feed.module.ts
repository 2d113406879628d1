import { Module } from '@nestjs/common';
import { CausesModule } from '@causeway/causes';
import { FanOutService } from './fan-out.service';
import { FeedOutboxRoutes } from './feed-outbox-routes';
import { FeedListeners } from './feed-listeners';
import { FeedService } from './feed.service';
import { ConfigModule } from '@causeway/config';
import { EventBusModule } from '@causeway/queue';
import { OutboxModule } from '@causeway/outbox';

@Module({
  imports: [CausesModule, ConfigModule, EventBusModule, OutboxModule],
  providers: [FeedService, FeedListeners, FanOutService, FeedOutboxRoutes],
  exports: [FeedService, FeedListeners, FanOutService],
})
export class FeedModule {}
