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
import { SessionsService } from '@causeway/accounts';
import { AuthUser, GqlContext } from './context';
import { LoadersFactory } from './loaders';
import { formatGraphQLError } from './format-error';
import { apiRateLimitPlugin, queryLimitsPlugin, requestLogPlugin } from './plugins';

interface WsExtra {
  viewer?: AuthUser | null;
  request?: { socket?: { remoteAddress?: string } };
}

/** Apollo Server 5 behind @nestjs/apollo: limits, error shape, subscriptions, per-request context. */
@Injectable()
export class GraphqlOptions implements GqlOptionsFactory<ApolloDriverConfig> {
  constructor(
    @Inject(appConfig.KEY) private readonly app: AppConfig,
    @Inject(apiConfig.KEY) private readonly api: ApiConfig,
    private readonly limiter: RateLimiter,
    private readonly loaders: LoadersFactory,
    private readonly sessions: SessionsService,
  ) {}

  /** The viewer of a `Bearer <jwt>` value; null when absent or not valid. */
  private viewerFrom(authorization: unknown): AuthUser | null {
    if (typeof authorization !== 'string' || !authorization.startsWith('Bearer ')) return null;
    const claims = this.sessions.verifyAccessToken(authorization.slice(7).trim());
    return claims ? { id: claims.sub, role: claims.role } : null;
  }

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
        'graphql-ws': {
          path: '/graphql',
          // connectionParams { authorization: "Bearer <accessToken>" }; a token that is present but
          // not valid closes the connection (4403), an absent one makes an anonymous connection.
          onConnect: (ctx: { connectionParams?: Record<string, unknown>; extra: unknown }) => {
            const auth = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
            const extra = ctx.extra as WsExtra;
            extra.viewer = this.viewerFrom(auth);
            return auth === undefined || extra.viewer !== null;
          },
        },
      },
      context: ({ req, res, extra }: { req?: Request; res?: Response; extra?: WsExtra }): GqlContext => ({
        req,
        res,
        requestId: randomUUID(),
        ip: req?.ip ?? extra?.request?.socket?.remoteAddress ?? req?.socket?.remoteAddress ?? 'unknown',
        viewer: extra ? (extra.viewer ?? null) : this.viewerFrom(req?.headers.authorization),
        loaders: this.loaders.create(),
      }),
    };
  }
}
