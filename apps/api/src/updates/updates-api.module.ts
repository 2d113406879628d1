import { Module } from '@nestjs/common';
import { FeedModule } from '@causeway/feed';
import { UpdatesModule } from '@causeway/updates';
import { GraphqlSupportModule } from '../graphql/graphql-support.module';
import { FeedResolver } from './feed.resolver';
import {
  CauseUpdatesResolver,
  OrganizationUpdatesResolver,
  UpdatesResolver,
  UserUpdatesResolver,
} from './updates.resolver';

/** Updates, their lists on organizations, causes and people, and the home feed. */
@Module({
  imports: [UpdatesModule, FeedModule, GraphqlSupportModule],
  providers: [
    FeedResolver,
    UpdatesResolver,
    OrganizationUpdatesResolver,
    CauseUpdatesResolver,
    UserUpdatesResolver,
  ],
})
export class UpdatesApiModule {}
