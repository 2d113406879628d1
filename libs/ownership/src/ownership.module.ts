import { Module } from '@nestjs/common';
import { AccountsModule } from '@causeway/accounts';
import { CommentsModule } from '@causeway/comments';
import { ConfigModule } from '@causeway/config';
import { DigestModule } from '@causeway/digest';
import { FeedModule } from '@causeway/feed';
import { FollowsModule } from '@causeway/follows';
import { ModerationModule } from '@causeway/moderation';
import { NotificationsModule } from '@causeway/notifications';
import { OrganizationsModule } from '@causeway/organizations';
import { OutboxModule } from '@causeway/outbox';
import { PledgesModule } from '@causeway/pledges';
import { UpdatesModule } from '@causeway/updates';
import { AccountDeletionService } from './account-deletion.service';
import { DataExportBuilder } from './data-export-builder';
import { DataExportsService } from './data-exports.service';
import { DataExportsRepository } from './data-exports.repository';
import { RetentionService } from './retention.service';

/**
 * What people own and how long things are kept: their data exports, the erasure of their account
 * and the retention pass over the bookkeeping tables.
 */
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
  providers: [
    DataExportsRepository,
    DataExportsService,
    DataExportBuilder,
    AccountDeletionService,
    RetentionService,
  ],
  exports: [DataExportsService, DataExportBuilder, AccountDeletionService, RetentionService],
})
export class OwnershipModule {}
