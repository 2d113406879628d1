import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrganizationsModule } from '@causeway/organizations';
import { NotificationEntity } from './notification.entity';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';
import { EventBusModule } from '@causeway/queue';

/** Needs the (global) EventBusModule of the app for `notificationAdded`. */
@Module({
  imports: [TypeOrmModule.forFeature([NotificationEntity]), OrganizationsModule, EventBusModule],
  providers: [NotificationsService, NotificationsRepository],
  exports: [NotificationsService],
})
export class NotificationsModule {}
