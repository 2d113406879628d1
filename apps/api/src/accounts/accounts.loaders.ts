import { Injectable, OnModuleInit } from '@nestjs/common';
import { AccountsService, UserEntity } from '@causeway/accounts';
import { BuiltLoaders, LoadersFactory } from '../graphql/loaders';
import { byIdLoader } from '../graphql/paged-loader';

/** People by id (authors, actors, members, the viewer). */
@Injectable()
export class AccountsLoaders implements OnModuleInit {
  constructor(
    private readonly loaders: LoadersFactory,
    private readonly accounts: AccountsService,
  ) {}

  onModuleInit(): void {
    this.loaders.register(this.builders());
  }

  builders() {
    return {
      users: () => byIdLoader<UserEntity>((ids) => this.accounts.byIds(ids)),
    };
  }
}

declare module '../graphql/loaders' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- adds this feature's loaders by declaration merging
  interface Loaders extends BuiltLoaders<ReturnType<AccountsLoaders['builders']>> {}
}
