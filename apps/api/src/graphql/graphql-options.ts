import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { GqlOptionsFactory } from '@nestjs/graphql';
import { ApolloDriverConfig } from '@nestjs/apollo';
import {
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import type { Request, Response } from 'express';
import { apiConfig, ApiConfig, appConfig, AppConfig } from '@causeway/config';
import { RateLimiter } from '@causeway/rate-limit';
import { createLoaders, GqlContext } from './context';
import { formatGraphQLError } from './format-error';
import { apiRateLimitPlugin, queryLimitsPlugin, requestLogPlugin } from './plugins';

/** Apollo Server 5 behind @nestjs/apollo: limits, error shape, subscriptions, per-request context. */
@Injectable()
export class GraphqlOptions implements GqlOptionsFactory<ApolloDriverConfig> {
  constructor(
    @Inject(appConfig.KEY) private readonly app: AppConfig,
    @Inject(apiConfig.KEY) private readonly api: ApiConfig,
    private readonly limiter: RateLimiter,
  ) {}

  createGqlOptions(): ApolloDriverConfig {
    const { app, api } = this;
    return {
      path: '/graphql',
      autoSchemaFile: true,
      sortSchema: true,
      playground: false,
      introspection: !app.isProduction,
      includeStacktraceInErrorResponses: app.isDevelopment,
      allowBatchedHttpRequests: false,
      parseOptions: { maxTokens: api.maxTokens },
      formatError: (formatted, error) => formatGraphQLError(formatted, error, app.isDevelopment),
      plugins: [
        app.isDevelopment ? ApolloServerPluginLandingPageLocalDefault({ embed: true }) : ApolloServerPluginLandingPageDisabled(),
        requestLogPlugin(),
        queryLimitsPlugin({ maxDepth: api.maxDepth, maxCost: api.maxCost, maxAliases: api.maxAliases }),
        apiRateLimitPlugin(this.limiter, api.rateLimitPerMinute),
      ],
      subscriptions: {
        'graphql-ws': { path: '/graphql' },
      },
      context: ({ req, res }: { req?: Request; res?: Response }): GqlContext => ({
        req,
        res,
        requestId: randomUUID(),
        ip: req?.ip ?? req?.socket?.remoteAddress ?? 'unknown',
        viewer: null,
        loaders: createLoaders(),
      }),
    };
  }
}
