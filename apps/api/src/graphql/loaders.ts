import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { AccountsService, UserEntity } from '@causeway/accounts';

/** Batches `ids` lookups into one call and answers in the order asked (null for unknown ids). */
export function byIdLoader<T extends { id: string }>(fetch: (ids: readonly string[]) => Promise<T[]>): DataLoader<string, T | null> {
  return new DataLoader<string, T | null>(async (ids) => {
    const found = new Map((await fetch(ids)).map((row) => [row.id, row]));
    return ids.map((id) => found.get(id) ?? null);
  });
}

/** Per-request DataLoaders: built once per request by the context factory, never shared. */
@Injectable()
export class LoadersFactory {
  constructor(private readonly accounts: AccountsService) {}

  create() {
    return {
      users: byIdLoader<UserEntity>((ids) => this.accounts.byIds(ids)),
    };
  }
}

export type Loaders = ReturnType<LoadersFactory['create']>;
