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
import { ExecutionResult, GraphQLError } from 'graphql';
import { formatGraphQLError } from './format-error';
import { wsGate } from './ws-gate';
import { logUnexpectedWsErrors } from './plugins';
import { apiRateLimitPlugin, queryLimitsPlugin, requestLogPlugin } from './plugins';
import { currentRequestId } from '@causeway/observability';
import { graphqlMetricsPlugin } from '../ops/graphql-metrics.plugin';

interface WsExtra {
  viewer?: (AuthUser & { exp: number }) | null;
  request?: { socket?: { remoteAddress?: string } };
}

/** A WebSocket's viewer while its access token is valid; new operations after expiry are anonymous. */
const liveViewer = (extra: WsExtra): AuthUser | null =>
  extra.viewer && extra.viewer.exp * 1000 > Date.now() ? { id: extra.viewer.id, role: extra.viewer.role } : null;

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
  private viewerFrom(authorization: unknown): (AuthUser & { exp: number }) | null {
    const token = typeof authorization === 'string' ? /^bearer\s+(\S+)\s*$/i.exec(authorization)?.[1] : undefined;
    const claims = token ? this.sessions.verifyAccessToken(token) : null;
    return claims ? { id: claims.sub, role: claims.role, exp: claims.exp } : null;
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
        graphqlMetricsPlugin(),
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
          // The same gate as HTTP: only subscriptions here, token/depth/cost/alias limits, the rate limit.
          onSubscribe: async (ctx: { extra: unknown }, _id: string, payload: { query: string; operationName?: string | null; variables?: Record<string, unknown> | null }) => {
            const viewer = liveViewer(ctx.extra as WsExtra);
            return wsGate(payload, {
              limits: { maxDepth: api.maxDepth, maxCost: api.maxCost, maxAliases: api.maxAliases },
              maxTokens: api.maxTokens,
              rateLimit: () => this.limiter.consume(viewer ? `api:user:${viewer.id}` : `api:ip:${(ctx.extra as WsExtra).request?.socket?.remoteAddress ?? 'unknown'}`, api.rateLimitPerMinute),
            });
          },
          onNext: (_ctx: unknown, id: string, _payload: unknown, _args: unknown, result: ExecutionResult) => {
            if (!result.errors) return undefined;
            logUnexpectedWsErrors(result.errors, id);
            return { ...result, errors: result.errors.map((e) => formatGraphQLError(e.toJSON(), e, app.isDevelopment)) };
          },
          onError: (_ctx: unknown, id: string, _payload: unknown, errors: readonly GraphQLError[]) => {
            logUnexpectedWsErrors(errors, id);
            return errors.map((e) => formatGraphQLError(e.toJSON(), e, app.isDevelopment));
          },
        } as object, // @nestjs/graphql types fewer graphql-ws hooks than it passes on to useServer
      },
      context: ({ req, res, extra }: { req?: Request; res?: Response; extra?: WsExtra }): GqlContext => {
        const viewer = extra ? liveViewer(extra) : this.viewerFrom(req?.headers.authorization);
        return {
          req,
          res,
          requestId: (req ? currentRequestId() : undefined) ?? randomUUID(),
          ip: req?.ip ?? extra?.request?.socket?.remoteAddress ?? req?.socket?.remoteAddress ?? 'unknown',
          viewer,
          loaders: this.loaders.create(viewer),
        };
      },
    };
  }
}
