import { Module } from '@nestjs/common';
import { CausesModule } from '@causeway/causes';
import { FollowsModule } from '@causeway/follows';
import { UpdatesModule } from '@causeway/updates';
import { FanOutRepository } from './fan-out.repository';
import { FanOutService } from './fan-out.service';
import { FeedListeners } from './feed-listeners';
import { FeedRepository } from './feed.repository';
import { FeedService } from './feed.service';

@Module({
  imports: [CausesModule, FollowsModule, UpdatesModule],
  providers: [FeedService, FeedListeners, FanOutService, FeedRepository, FanOutRepository],
  exports: [FeedService, FeedListeners, FanOutService],
})
export class FeedModule {}
