import { Injectable, OnModuleInit } from '@nestjs/common';
import { UpdateEntity, UpdatesService } from '@causeway/updates';
import type { AuthUser } from '../graphql/context';
import { BuiltLoaders, LoadersFactory } from '../graphql/loaders';
import { byIdLoader, listLoader, pagedLoader } from '../graphql/paged-loader';

/** Updates the viewer may see, by id and as pages per organization, cause and author; an update's causes. */
@Injectable()
export class UpdatesLoaders implements OnModuleInit {
  constructor(
    private readonly loaders: LoadersFactory,
    private readonly updates: UpdatesService,
  ) {}

  onModuleInit(): void {
    this.loaders.register(this.builders());
  }

  builders() {
    return {
      visibleUpdates: (viewer: AuthUser | null) =>
        byIdLoader<UpdateEntity>((ids) => this.updates.visibleByIds(viewer?.id ?? null, ids)),
      updateCauses: () =>
        listLoader(
          (ids) => this.updates.causesOf(ids),
          (r) => r.updateId,
        ),
      organizationUpdates: (viewer: AuthUser | null) =>
        pagedLoader((ids, limit, after) =>
          this.updates.pagesForOrganizations(ids, viewer?.id ?? null, limit, after),
        ),
      causeUpdates: (viewer: AuthUser | null) =>
        pagedLoader((ids, limit, after) =>
          this.updates.pagesForCauses(ids, viewer?.id ?? null, limit, after),
        ),
      userUpdates: (viewer: AuthUser | null) =>
        pagedLoader((ids, limit, after) =>
          this.updates.pagesForAuthors(ids, viewer?.id ?? null, limit, after),
        ),
    };
  }
}

declare module '../graphql/loaders' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- adds this feature's loaders by declaration merging
  interface Loaders extends BuiltLoaders<ReturnType<UpdatesLoaders['builders']>> {}
}
