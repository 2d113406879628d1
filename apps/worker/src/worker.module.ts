import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ConfigModule } from '@causeway/config';
import { DatabaseModule } from '@causeway/database';
import { AccountsModule } from '@causeway/accounts';
import { CommentsModule } from '@causeway/comments';
import { FollowsModule } from '@causeway/follows';
import { DigestModule } from '@causeway/digest';
import { FeedModule } from '@causeway/feed';
import { MailModule } from '@causeway/mail';
import { NotificationsModule } from '@causeway/notifications';
import { OutboxModule, OutboxRelayModule } from '@causeway/outbox';
import { OwnershipModule } from '@causeway/ownership';
import { PledgesModule } from '@causeway/pledges';
import { EventBusModule, QueueModule } from '@causeway/queue';
import { DigestProcessor } from './digest/digest.processor';
import { UpdatesModule } from '@causeway/updates';
import { WebhooksModule } from '@causeway/webhooks';
import { FeedProcessor } from './feed/feed.processor';
import { Housekeeping } from './housekeeping/housekeeping';
import { MailHandlers } from './mail/mail-handlers';
import { NotificationHandlers } from './notifications/notification-handlers';
import { EventsProcessor } from './outbox/events.processor';
import { DataExportHandlers } from './ownership/data-export-handlers';
import { SystemProcessor } from './system/system.processor';
import { WebhookDispatch } from './webhooks/webhook-dispatch';
import { WebhooksProcessor } from './webhooks/webhooks.processor';
import { WorkerShutdown } from './worker-shutdown';
import { LoggingModule, ObservabilityModule } from '@causeway/observability';
import './ops/job-context';
import { WorkerHttp } from './ops/worker-http';

/** BullMQ consumers only: no HTTP, no GraphQL. */
@Module({
  imports: [
    ConfigModule,
    LoggingModule.forApp('worker'),
    ObservabilityModule.forApp('worker'),
    DiscoveryModule,
    DatabaseModule,
    QueueModule.forRoot('consumer'),
    EventBusModule,
    OutboxModule,
    OutboxRelayModule,
    FeedModule,
    NotificationsModule,
    AccountsModule,
    MailModule,
    DigestModule,
    PledgesModule,
    CommentsModule,
    FollowsModule,
    UpdatesModule,
    WebhooksModule,
    OwnershipModule,
  ],
  providers: [
    SystemProcessor,
    EventsProcessor,
    FeedProcessor,
    NotificationHandlers,
    Housekeeping,
    WorkerShutdown,
    WorkerHttp,
    MailHandlers,
    DigestProcessor,
    WebhookDispatch,
    WebhooksProcessor,
    DataExportHandlers,
  ],
})
export class WorkerModule {}
