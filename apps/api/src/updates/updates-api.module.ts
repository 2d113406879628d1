import { Module } from '@nestjs/common';
import { FeedModule } from '@causeway/feed';
import { EventBusModule } from '@causeway/queue';
import { UpdatesModule } from '@causeway/updates';
import { AuthModule } from '../auth/auth.module';
import { GraphqlSupportModule } from '../graphql/graphql-support.module';
import { FeedResolver } from './feed.resolver';
import { UpdatesLoaders } from './updates.loaders';
import {
  CauseUpdatesResolver,
  OrganizationUpdatesResolver,
  UpdatesResolver,
  UserUpdatesResolver,
} from './updates.resolver';

/** Updates, their lists on organizations, causes and people, and the home feed. */
@Module({
  imports: [UpdatesModule, FeedModule, EventBusModule, AuthModule, GraphqlSupportModule],
  providers: [
    FeedResolver,
    UpdatesResolver,
    OrganizationUpdatesResolver,
    CauseUpdatesResolver,
    UserUpdatesResolver,
    UpdatesLoaders,
  ],
})
export class UpdatesApiModule {}
