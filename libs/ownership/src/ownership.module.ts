import { Module } from '@nestjs/common';
import { AccountsModule } from '@causeway/accounts';
import { CommentsModule } from '@causeway/comments';
import { DigestModule } from '@causeway/digest';
import { FeedModule } from '@causeway/feed';
import { FollowsModule } from '@causeway/follows';
import { ModerationModule } from '@causeway/moderation';
import { NotificationsModule } from '@causeway/notifications';
import { OrganizationsModule } from '@causeway/organizations';
import { PledgesModule } from '@causeway/pledges';
import { UpdatesModule } from '@causeway/updates';
import { AccountDeletionService } from './account-deletion.service';
import { DataExportBuilder } from './data-export-builder';
import { DataExportsService } from './data-exports.service';
import { ConfigModule } from '@causeway/config';
import { OutboxModule } from '@causeway/outbox';

/** What people own: their data exports and the erasure of their account. */
@Module({
  imports: [
    AccountsModule,
    OrganizationsModule,
    FollowsModule,
    CommentsModule,
    UpdatesModule,
    PledgesModule,
    ModerationModule,
    NotificationsModule,
    FeedModule,
    DigestModule,
    ConfigModule,
    OutboxModule,
  ],
  providers: [DataExportsService, DataExportBuilder, AccountDeletionService],
  exports: [DataExportsService, DataExportBuilder, AccountDeletionService],
})
export class OwnershipModule {}
