import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ConfigModule } from '@causeway/config';
import { DatabaseModule } from '@causeway/database';
import { FeedModule } from '@causeway/feed';
import { NotificationsModule } from '@causeway/notifications';
import { OutboxModule } from '@causeway/outbox';
import { EventBusModule, QueueModule } from '@causeway/queue';
import { FeedProcessor } from './feed/feed.processor';
import { Housekeeping } from './housekeeping/housekeeping';
import { NotificationHandlers } from './notifications/notification-handlers';
import { EventHandlers } from './outbox/event-handlers';
import { EventsProcessor } from './outbox/events.processor';
import { OutboxRelay } from './outbox/outbox-relay';
import { SystemProcessor } from './system/system.processor';
import { WorkerShutdown } from './worker-shutdown';
import { LoggingModule, ObservabilityModule } from '@causeway/observability';
import './ops/job-context';
import { WorkerHttp } from './ops/worker-http';

/** BullMQ consumers only: no HTTP, no GraphQL. */
@Module({
  imports: [ConfigModule, LoggingModule.forApp('worker'), ObservabilityModule.forApp('worker'), DiscoveryModule, DatabaseModule, QueueModule.forRoot('consumer'), EventBusModule, OutboxModule, FeedModule, NotificationsModule],
  providers: [SystemProcessor, EventHandlers, EventsProcessor, OutboxRelay, FeedProcessor, NotificationHandlers, Housekeeping, WorkerShutdown, WorkerHttp],
  exports: [EventHandlers],
})
export class WorkerModule {}
