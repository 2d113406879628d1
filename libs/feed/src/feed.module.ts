import { Module } from '@nestjs/common';
import { CausesModule } from '@causeway/causes';
import { FanOutService } from './fan-out.service';
import { FeedListeners } from './feed-listeners';
import { FeedService } from './feed.service';

@Module({
  imports: [CausesModule],
  providers: [FeedService, FeedListeners, FanOutService],
  exports: [FeedService, FeedListeners, FanOutService],
})
export class FeedModule {}
