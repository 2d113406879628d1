import { Injectable, OnModuleInit } from '@nestjs/common';
import { NotificationsService } from '@causeway/notifications';
import { BuiltLoaders, LoadersFactory } from '../graphql/loaders';
import { mapLoader } from '../graphql/paged-loader';

/** Each person's unread notification count. */
@Injectable()
export class NotificationsLoaders implements OnModuleInit {
  constructor(
    private readonly loaders: LoadersFactory,
    private readonly notifications: NotificationsService,
  ) {}

  onModuleInit(): void {
    this.loaders.register(this.builders());
  }

  builders() {
    return {
      unreadNotificationCount: () =>
        mapLoader((userIds) => this.notifications.unreadCounts(userIds), 0),
    };
  }
}

declare module '../graphql/loaders' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- adds this feature's loaders by declaration merging
  interface Loaders extends BuiltLoaders<ReturnType<NotificationsLoaders['builders']>> {}
}
