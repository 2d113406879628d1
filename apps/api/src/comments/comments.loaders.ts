import { Injectable, OnModuleInit } from '@nestjs/common';
import { CommentsService, ReactionsService } from '@causeway/comments';
import { UpdateEntity, UpdatesService } from '@causeway/updates';
import type { AuthUser } from '../graphql/context';
import { BuiltLoaders, LoadersFactory } from '../graphql/loaders';
import { byIdLoader, constantLoader, pagedLoader, setLoader } from '../graphql/paged-loader';

/** An update's comments, whether the viewer reacted to each update, and the update a comment is on. */
@Injectable()
export class CommentsLoaders implements OnModuleInit {
  constructor(
    private readonly loaders: LoadersFactory,
    private readonly comments: CommentsService,
    private readonly reactions: ReactionsService,
    private readonly updates: UpdatesService,
  ) {}

  onModuleInit(): void {
    this.loaders.register(this.builders());
  }

  builders() {
    return {
      /** Comment.update: the commented update as stored (its comments are only reachable while it is visible). */
      commentedUpdates: () => byIdLoader<UpdateEntity>((ids) => this.updates.byIds(ids)),
      updateComments: (viewer: AuthUser | null) =>
        pagedLoader((ids, limit, after) =>
          this.comments.pagesForUpdates(ids, viewer?.id ?? null, limit, after),
        ),
      viewerReacted: (viewer: AuthUser | null) =>
        viewer
          ? setLoader((ids) => this.reactions.reactedAmong(viewer.id, ids))
          : constantLoader(false),
    };
  }
}

declare module '../graphql/loaders' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- adds this feature's loaders by declaration merging
  interface Loaders extends BuiltLoaders<ReturnType<CommentsLoaders['builders']>> {}
}
