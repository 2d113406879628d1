import { Injectable, OnModuleInit } from '@nestjs/common';
import { FollowSource, FollowsService } from '@causeway/follows';
import type { AuthUser } from '../graphql/context';
import { BuiltLoaders, LoadersFactory } from '../graphql/loaders';
import { constantLoader, pagedLoader, setLoader } from '../graphql/paged-loader';

/** A person's followers, and whether the viewer follows each cause, organization or person. */
@Injectable()
export class FollowsLoaders implements OnModuleInit {
  constructor(
    private readonly loaders: LoadersFactory,
    private readonly follows: FollowsService,
  ) {}

  onModuleInit(): void {
    this.loaders.register(this.builders());
  }

  builders() {
    const viewerFollows = (kind: FollowSource) => (viewer: AuthUser | null) =>
      viewer
        ? setLoader((ids) => this.follows.following(viewer.id, kind, ids))
        : constantLoader(false);
    return {
      userFollowers: () =>
        pagedLoader((ids, limit, after) =>
          this.follows.followerPages(FollowSource.USER, ids, limit, after),
        ),
      viewerFollowsCause: viewerFollows(FollowSource.CAUSE),
      viewerFollowsOrganization: viewerFollows(FollowSource.ORGANIZATION),
      viewerFollowsUser: viewerFollows(FollowSource.USER),
    };
  }
}

declare module '../graphql/loaders' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- adds this feature's loaders by declaration merging
  interface Loaders extends BuiltLoaders<ReturnType<FollowsLoaders['builders']>> {}
}
