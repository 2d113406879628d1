import { Module } from '@nestjs/common';
import { AccountsModule } from '@causeway/accounts';
import { AccountsResolver, UsersResolver, ViewerResolver } from './accounts.resolver';

@Module({ imports: [AccountsModule], providers: [AccountsResolver, ViewerResolver, UsersResolver] })
export class AccountsApiModule {}
