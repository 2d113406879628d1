import { Module } from '@nestjs/common';
import { AccountsModule } from '@causeway/accounts';
import { AuthModule } from '../auth/auth.module';
import { GraphqlSupportModule } from '../graphql/graphql-support.module';
import { AccountsLoaders } from './accounts.loaders';
import { AccountsResolver, UsersResolver, ViewerResolver } from './accounts.resolver';

/** Sign-up, sessions, the viewer and people. */
@Module({
  imports: [AccountsModule, AuthModule, GraphqlSupportModule],
  providers: [AccountsResolver, ViewerResolver, UsersResolver, AccountsLoaders],
})
export class AccountsApiModule {}
