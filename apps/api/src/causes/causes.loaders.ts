import { Injectable, OnModuleInit } from '@nestjs/common';
import { CauseEntity, CausesService } from '@causeway/causes';
import { BuiltLoaders, LoadersFactory } from '../graphql/loaders';
import { byIdLoader, listLoader } from '../graphql/paged-loader';

/** Causes by id and the tree below each. */
@Injectable()
export class CausesLoaders implements OnModuleInit {
  constructor(
    private readonly loaders: LoadersFactory,
    private readonly causes: CausesService,
  ) {}

  onModuleInit(): void {
    this.loaders.register(this.builders());
  }

  builders() {
    return {
      causes: () => byIdLoader<CauseEntity>((ids) => this.causes.byIds(ids)),
      causeChildren: () =>
        listLoader(
          (ids) => this.causes.childrenOf(ids),
          (c) => c.parentId!,
        ),
    };
  }
}

declare module '../graphql/loaders' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- adds this feature's loaders by declaration merging
  interface Loaders extends BuiltLoaders<ReturnType<CausesLoaders['builders']>> {}
}
