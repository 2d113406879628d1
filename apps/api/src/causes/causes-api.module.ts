import { Module } from '@nestjs/common';
import { CausesModule } from '@causeway/causes';
import { FollowsModule } from '@causeway/follows';
import { AuthModule } from '../auth/auth.module';
import { GraphqlSupportModule } from '../graphql/graphql-support.module';
import { CausesLoaders } from './causes.loaders';
import { CausesResolver } from './causes.resolver';

/** The cause tree: causes, createCause, following a cause. */
@Module({
  imports: [CausesModule, FollowsModule, AuthModule, GraphqlSupportModule],
  providers: [CausesResolver, CausesLoaders],
})
export class CausesApiModule {}
