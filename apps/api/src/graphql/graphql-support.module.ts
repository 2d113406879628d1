import { Module } from '@nestjs/common';
import { AccountsModule } from '@causeway/accounts';
import { GraphqlContextFactory } from './context-factory';
import { LoadersFactory } from './loaders';

/**
 * What both GraphQL transports and every area need: the per-request context (with the
 * access-token check, hence accounts' sessions) and the loader registry each area's
 * `*.loaders.ts` fills. It knows no other domain.
 */
@Module({
  imports: [AccountsModule],
  providers: [LoadersFactory, GraphqlContextFactory],
  exports: [LoadersFactory, GraphqlContextFactory],
})
export class GraphqlSupportModule {}
