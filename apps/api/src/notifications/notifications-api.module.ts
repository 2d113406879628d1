import { Module } from '@nestjs/common';
import { NotificationsModule } from '@causeway/notifications';
import { GraphqlSupportModule } from '../graphql/graphql-support.module';
import { NotificationsResolver, ViewerNotificationsResolver } from './notifications.resolver';

/** The inbox: notifications, the unread count, marking read and the live `notificationAdded`. */
@Module({
  imports: [NotificationsModule, GraphqlSupportModule],
  providers: [NotificationsResolver, ViewerNotificationsResolver],
})
export class NotificationsApiModule {}
