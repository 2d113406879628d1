import { Module } from '@nestjs/common';
import { AccountsModule } from '@causeway/accounts';
import { FollowsModule } from '@causeway/follows';
import { OrganizationsModule } from '@causeway/organizations';
import { UpdatesModule } from '@causeway/updates';
import { PledgesModule } from '@causeway/pledges';
import { CommentsModule } from '@causeway/comments';
import { NotificationsModule } from '@causeway/notifications';
import { LoadersFactory } from './loaders';

/** What the GraphQL options factory needs: the loaders and the access-token check. */
@Module({
  imports: [AccountsModule, OrganizationsModule, FollowsModule, UpdatesModule, PledgesModule, CommentsModule, NotificationsModule],
  providers: [LoadersFactory],
  exports: [LoadersFactory, AccountsModule],
})
export class GraphqlSupportModule {}
