import { Module } from '@nestjs/common';
import { CommentsModule } from '@causeway/comments';
import { UpdatesModule } from '@causeway/updates';
import { AuthModule } from '../auth/auth.module';
import { GraphqlSupportModule } from '../graphql/graphql-support.module';
import { CommentsLoaders } from './comments.loaders';
import { CommentsResolver, UpdateEngagementResolver } from './comments.resolver';

/** Comments and reactions on updates. */
@Module({
  imports: [CommentsModule, UpdatesModule, AuthModule, GraphqlSupportModule],
  providers: [CommentsResolver, UpdateEngagementResolver, CommentsLoaders],
})
export class CommentsApiModule {}
