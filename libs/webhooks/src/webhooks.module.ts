import { Module } from '@nestjs/common';
import { NotificationsModule } from '@causeway/notifications';
import { OrganizationsModule } from '@causeway/organizations';
import { WebhookDeliveries } from './webhook-deliveries';
import { WebhooksRepository } from './webhooks.repository';
import { WebhooksService } from './webhooks.service';

@Module({
  imports: [OrganizationsModule, NotificationsModule],
  providers: [WebhooksService, WebhookDeliveries, WebhooksRepository],
  exports: [WebhooksService, WebhookDeliveries],
})
export class WebhooksModule {}
