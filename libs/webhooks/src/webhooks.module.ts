import { Module } from '@nestjs/common';
import { NotificationsModule } from '@causeway/notifications';
import { OrganizationsModule } from '@causeway/organizations';
import { WebhookDeliveries } from './webhook-deliveries';
import { WebhooksRepository } from './webhooks.repository';
import { WebhooksService } from './webhooks.service';
import { ConfigModule } from '@causeway/config';
import { OutboxModule } from '@causeway/outbox';

@Module({
  imports: [OrganizationsModule, NotificationsModule, ConfigModule, OutboxModule],
  providers: [WebhooksService, WebhookDeliveries, WebhooksRepository],
  exports: [WebhooksService, WebhookDeliveries],
})
export class WebhooksModule {}
