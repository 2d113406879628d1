import { Module } from '@nestjs/common';
import { AccountsModule } from '@causeway/accounts';
import { LoadersFactory } from './loaders';

/** What the GraphQL options factory needs: the loaders and the access-token check. */
@Module({
  imports: [AccountsModule],
  providers: [LoadersFactory],
  exports: [LoadersFactory, AccountsModule],
})
export class GraphqlSupportModule {}
