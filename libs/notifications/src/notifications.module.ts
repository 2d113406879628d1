import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventBusModule } from '@causeway/queue';
import { NotificationEntity } from './notification.entity';
import { NotificationsService } from './notifications.service';

@Module({
  imports: [TypeOrmModule.forFeature([NotificationEntity]), EventBusModule],
  providers: [NotificationsService],
  exports: [NotificationsService],
})
export class NotificationsModule {}
