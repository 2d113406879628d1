import { Inject, Injectable } from '@nestjs/common';
import { GqlOptionsFactory } from '@nestjs/graphql';
import { ApolloDriverConfig } from '@nestjs/apollo';
import type { ApolloServerOptions } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import type { Request, Response } from 'express';
import { apiConfig, ApiConfig, appConfig, AppConfig } from '@causeway/config';
import { RateLimiter } from '@causeway/rate-limit';
import { GqlContext } from './context';
import { GraphqlContextFactory } from './context-factory';
import { formatGraphQLError } from './format-error';
import { limitedIntrospectionRule } from './introspection-rule';
import { JitExecutor } from './jit-executor';
import {
  apiRateLimitPlugin,
  queryLimitsPlugin,
  requestLogPlugin,
  specStatusPlugin,
} from './plugins';
import { graphqlMetricsPlugin } from '../ops/graphql-metrics.plugin';

/** Apollo Server 5 behind @nestjs/apollo over HTTP: limits, error shape, per-request context. */
@Injectable()
export class GraphqlOptions implements GqlOptionsFactory<ApolloDriverConfig> {
  constructor(
    @Inject(appConfig.KEY) private readonly app: AppConfig,
    @Inject(apiConfig.KEY) private readonly api: ApiConfig,
    private readonly limiter: RateLimiter,
    private readonly contexts: GraphqlContextFactory,
  ) {}

  /** graphql-jit runs the operations Apollo has parsed and validated (see JitExecutor). */
  readonly executor = new JitExecutor();

  createGqlOptions(): ApolloDriverConfig {
    const { app, api, executor } = this;
    const options: ApolloDriverConfig & Pick<ApolloServerOptions<GqlContext>, 'gateway'> = {
      path: '/graphql',
      autoSchemaFile: true,
      sortSchema: true,
      // Nest builds the schema, hands it to the executor, and Apollo serves it through the
      // executor-only gateway (Nest's config type leaves `gateway` out; Nest passes it on as is).
      transformSchema: (schema) => executor.useSchema(schema),
      gateway: executor,
      playground: false,
      // Where introspection is off (production), a validation rule keeps only `__type { name kind }`.
      introspection: true,
      validationRules: app.isProduction ? [limitedIntrospectionRule] : [],
      // No "Did you mean ...?" where introspection is off: typos must not rebuild the hidden schema.
      hideSchemaDetailsFromClientErrors: app.isProduction,
      includeStacktraceInErrorResponses: app.isDevelopment,
      allowBatchedHttpRequests: false,
      // No automatic persisted queries: a hash is answered PERSISTED_QUERY_NOT_SUPPORTED, never cached.
      persistedQueries: false,
      parseOptions: { maxTokens: api.maxTokens },
      formatError: (formatted, error) => formatGraphQLError(formatted, error, app.isDevelopment),
      plugins: [
        app.isDevelopment
          ? ApolloServerPluginLandingPageLocalDefault({ embed: true })
          : ApolloServerPluginLandingPageDisabled(),
        // Per-field cache hints cost a hook on every field and nothing here is cacheable: off, and
        // every response says `cache-control: no-store` (requestLogPlugin).
        ApolloServerPluginCacheControlDisabled(),
        // Neither is installed without APOLLO_KEY or a federated schema; off, so that neither ever runs.
        ApolloServerPluginInlineTraceDisabled(),
        ApolloServerPluginUsageReportingDisabled(),
        requestLogPlugin(),
        specStatusPlugin(),
        graphqlMetricsPlugin(),
        // The cheap check first: a caller over budget pays for nothing else.
        apiRateLimitPlugin(this.limiter, api.rateLimitPerMinute),
        queryLimitsPlugin({
          maxDepth: api.maxDepth,
          maxCost: api.maxCost,
          maxAliases: api.maxAliases,
        }),
      ],
      // Subscriptions are served by GraphqlWsServer (graphql-ws on the same path).
      context: ({ req, res }: { req?: Request; res?: Response }): GqlContext =>
        this.contexts.forHttp(req, res),
    };
    return options;
  }
}
