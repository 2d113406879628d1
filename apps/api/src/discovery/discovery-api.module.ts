import { Module } from '@nestjs/common';
import { SearchModule } from '@causeway/discovery';
import { AuthModule } from '../auth/auth.module';
import { GraphqlSupportModule } from '../graphql/graphql-support.module';
import { SearchResolver } from './search.resolver';

/** Search and suggestions (their results' fields read through the other areas' loaders). */
@Module({
  imports: [SearchModule, AuthModule, GraphqlSupportModule],
  providers: [SearchResolver],
})
export class DiscoveryApiModule {}
