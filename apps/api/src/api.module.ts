import { Module } from '@nestjs/common';
import { APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { ConfigModule } from '@causeway/config';
import { DatabaseModule, MigrateOnStartModule } from '@causeway/database';
import { QueueModule } from '@causeway/queue';
import { RateLimitModule } from '@causeway/rate-limit';
import { AccountsApiModule } from './accounts/accounts-api.module';
import { GraphqlOptions } from './graphql/graphql-options';
import { GraphqlSupportModule } from './graphql/graphql-support.module';
import { GraphqlWsServer } from './graphql/graphql-ws.server';
import { SCALARS } from './graphql/scalars';
import { createValidationPipe } from './graphql/validation';
import { CausesApiModule } from './causes/causes-api.module';
import { DiscoveryApiModule } from './discovery/discovery-api.module';
import { FollowsApiModule } from './follows/follows-api.module';
import { OrganizationsApiModule } from './organizations/organizations-api.module';
import { PledgesApiModule } from './pledges/pledges-api.module';
import { SystemApiModule } from './system/system-api.module';
import { UpdatesApiModule } from './updates/updates-api.module';
import { CommentsApiModule } from './comments/comments-api.module';
import { NotificationsApiModule } from './notifications/notifications-api.module';
import { ModerationApiModule } from './moderation/moderation-api.module';
import { ReachApiModule } from './reach/reach-api.module';
import { AuthHttpModule } from './auth-http/auth-http.module';
import { WebModule } from './web/web.module';
import { IntegrationsApiModule } from './integrations/integrations-api.module';
import { LoggingModule } from '@causeway/observability';
import { OpsModule } from './ops/ops.module';

/** HTTP + GraphQL only: produces jobs, never consumes them. */
@Module({
  imports: [
    ConfigModule,
    LoggingModule.forApp('api'),
    DatabaseModule,
    MigrateOnStartModule,
    QueueModule.forRoot('producer'),
    RateLimitModule,
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      imports: [GraphqlSupportModule, ConfigModule, RateLimitModule],
      useClass: GraphqlOptions,
    }),
    GraphqlSupportModule,
    // Each area brings its resolvers and its loaders; the schema is whatever these modules provide.
    SystemApiModule,
    AccountsApiModule,
    CausesApiModule,
    OrganizationsApiModule,
    FollowsApiModule,
    DiscoveryApiModule,
    UpdatesApiModule,
    PledgesApiModule,
    CommentsApiModule,
    NotificationsApiModule,
    ModerationApiModule,
    ReachApiModule,
    IntegrationsApiModule,
    OpsModule,
    AuthHttpModule,
    WebModule.register(),
  ],
  providers: [...SCALARS, { provide: APP_PIPE, useFactory: createValidationPipe }, GraphqlWsServer],
})
export class ApiModule {}
