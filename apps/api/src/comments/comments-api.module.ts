import { Module } from '@nestjs/common';
import { CommentsModule } from '@causeway/comments';
import { UpdatesModule } from '@causeway/updates';
import { CommentsResolver, UpdateEngagementResolver } from './comments.resolver';

/** Comments and reactions on updates. */
@Module({
  imports: [CommentsModule, UpdatesModule],
  providers: [CommentsResolver, UpdateEngagementResolver],
})
export class CommentsApiModule {}
