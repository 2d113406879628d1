import { Module } from '@nestjs/common';
import { NotificationsModule } from '@causeway/notifications';
import { EventBusModule } from '@causeway/queue';
import { AuthModule } from '../auth/auth.module';
import { GraphqlSupportModule } from '../graphql/graphql-support.module';
import { NotificationsLoaders } from './notifications.loaders';
import { NotificationsResolver, ViewerNotificationsResolver } from './notifications.resolver';

/** The inbox: notifications, the unread count, marking read and the live `notificationAdded`. */
@Module({
  imports: [NotificationsModule, EventBusModule, AuthModule, GraphqlSupportModule],
  providers: [NotificationsResolver, ViewerNotificationsResolver, NotificationsLoaders],
})
export class NotificationsApiModule {}
