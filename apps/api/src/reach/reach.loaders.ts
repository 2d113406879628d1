import { Injectable, OnModuleInit } from '@nestjs/common';
import { Delivery, FollowSource, FollowsService } from '@causeway/follows';
import type { AuthUser } from '../graphql/context';
import { BuiltLoaders, LoadersFactory } from '../graphql/loaders';
import { constantLoader, mapLoader } from '../graphql/paged-loader';

/** The viewer's delivery (HOME, DIGEST, MUTED) for each cause, organization or person they follow. */
@Injectable()
export class ReachLoaders implements OnModuleInit {
  constructor(
    private readonly loaders: LoadersFactory,
    private readonly follows: FollowsService,
  ) {}

  onModuleInit(): void {
    this.loaders.register(this.builders());
  }

  builders() {
    const viewerDelivery = (kind: FollowSource) => (viewer: AuthUser | null) =>
      viewer
        ? mapLoader<Delivery | null>((ids) => this.follows.deliveries(viewer.id, kind, ids), null)
        : constantLoader<Delivery | null>(null);
    return {
      viewerCauseDelivery: viewerDelivery(FollowSource.CAUSE),
      viewerOrganizationDelivery: viewerDelivery(FollowSource.ORGANIZATION),
      viewerUserDelivery: viewerDelivery(FollowSource.USER),
    };
  }
}

declare module '../graphql/loaders' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- adds this feature's loaders by declaration merging
  interface Loaders extends BuiltLoaders<ReturnType<ReachLoaders['builders']>> {}
}
