import { Module } from '@nestjs/common';
import { AccountsModule } from '@causeway/accounts';
import { FollowsModule } from '@causeway/follows';
import { OrganizationsModule } from '@causeway/organizations';
import { UpdatesModule } from '@causeway/updates';
import { PledgesModule } from '@causeway/pledges';
import { CommentsModule } from '@causeway/comments';
import { NotificationsModule } from '@causeway/notifications';
import { GraphqlContextFactory } from './context-factory';
import { LoadersFactory } from './loaders';

/** What both GraphQL transports need: the loaders and the per-request context (with the access-token check). */
@Module({
  imports: [
    AccountsModule,
    OrganizationsModule,
    FollowsModule,
    UpdatesModule,
    PledgesModule,
    CommentsModule,
    NotificationsModule,
  ],
  providers: [LoadersFactory, GraphqlContextFactory],
  exports: [LoadersFactory, GraphqlContextFactory, AccountsModule],
})
export class GraphqlSupportModule {}
