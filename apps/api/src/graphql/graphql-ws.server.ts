import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import {
  createSourceEventStream,
  execute,
  ExecutionArgs,
  ExecutionResult,
  GraphQLError,
  GraphQLSchema,
  DocumentNode,
  specifiedRules,
  ValidationRule,
  validate,
} from 'graphql';
import type * as GraphqlWsForWs from 'graphql-ws/dist/use/ws';
import { WebSocketServer } from 'ws';
import { apiConfig, ApiConfig, appConfig, AppConfig } from '@causeway/config';
import { RateLimiter } from '@causeway/rate-limit';
import { GqlContext } from './context';
import { GraphqlContextFactory, liveViewer, WsExtra } from './context-factory';
import { formatGraphQLError, withoutSuggestions } from './format-error';
import { limitedIntrospectionRule } from './introspection-rule';
import { logUnexpectedWsErrors } from './plugins';
import { wsGate } from './ws-gate';

// graphql-ws publishes this entry point through package "exports" only, which this project's
// CommonJS module resolution does not read; its types come from the file the entry point names.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { useServer } = require('graphql-ws/use/ws') as typeof GraphqlWsForWs;

export const GRAPHQL_PATH = '/graphql';

/** Answers an upgrade that will not become a WebSocket with a plain HTTP status, then closes the socket. */
export function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  if (socket.writable) {
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${reason.length}\r\n\r\n${reason}`,
    );
  }
  socket.destroy();
}

/**
 * Runs a subscription like graphql-js does (a source stream mapped through `execute`), but calls
 * `beforeEvent` before each event is executed, and ends the source as soon as the client leaves.
 */
export async function subscribeFreshPerEvent(
  args: ExecutionArgs,
  beforeEvent: () => void,
): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const source = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in source)) return source;
  const events = source as AsyncIterableIterator<unknown>;
  const iterator: AsyncIterableIterator<ExecutionResult> = {
    async next() {
      const event = await events.next();
      if (event.done) return { done: true, value: undefined };
      beforeEvent();
      return { done: false, value: await execute({ ...args, rootValue: event.value }) };
    },
    async return() {
      await events.return?.();
      return { done: true, value: undefined };
    },
    async throw(error: unknown) {
      await events.return?.();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}

/**
 * graphql-js validation with the contract's code on every error (graphql-ws sends them bare
 * otherwise) and, where the schema is hidden, without "Did you mean ...?" suggestions.
 */
const validateWithCode =
  (hideSchema: boolean) =>
  (schema: GraphQLSchema, document: DocumentNode, rules?: readonly ValidationRule[]) =>
    validate(schema, document, [
      ...(rules ?? specifiedRules),
      ...(hideSchema ? [limitedIntrospectionRule] : []),
    ]).map(
      (e) =>
        new GraphQLError(hideSchema ? withoutSuggestions(e.message) : e.message, {
          nodes: e.nodes,
          source: e.source,
          positions: e.positions,
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
        }),
    );

/**
 * The WebSocket side of /graphql (graphql-ws), owned here rather than by @nestjs/graphql so that
 * every upgrade request gets an answer (only /graphql upgrades; anything else is 404 and closed at
 * once), frames are capped at the HTTP body limit (larger ones close the socket with 1009), and each
 * subscription event runs with a fresh viewer and fresh loaders.
 */
@Injectable()
export class GraphqlWsServer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('GraphQL-WS');
  private wss?: WebSocketServer;
  private disposable?: { dispose(): void | Promise<void> };
  private httpServer?: Server;
  private readonly extras = new WeakMap<GqlContext, WsExtra>();

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly schemaHost: GraphQLSchemaHost,
    private readonly contexts: GraphqlContextFactory,
    private readonly limiter: RateLimiter,
    @Inject(appConfig.KEY) private readonly app: AppConfig,
    @Inject(apiConfig.KEY) private readonly api: ApiConfig,
  ) {}

  onApplicationBootstrap(): void {
    const { api, app } = this;
    this.wss = new WebSocketServer({ noServer: true, maxPayload: api.maxBodyBytes });
    this.disposable = useServer<Record<string, unknown> | undefined, WsExtra>(
      {
        schema: this.schemaHost.schema,
        validate: validateWithCode(app.isProduction),
        // connectionParams { authorization: "Bearer <accessToken>" }; a token that is present but
        // not valid closes the connection (4403), an absent one makes an anonymous connection.
        onConnect: (ctx) => {
          const auth = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
          ctx.extra.viewer = this.contexts.viewerFrom(auth);
          return auth === undefined || ctx.extra.viewer !== null;
        },
        // The same gate as HTTP: only subscriptions here, token/depth/cost/alias limits, the rate limit.
        onSubscribe: async (ctx, _id, payload) => {
          const viewer = liveViewer(ctx.extra);
          // Refusals go out through onError below, formatted like every other error.
          return wsGate(payload, {
            limits: { maxDepth: api.maxDepth, maxCost: api.maxCost, maxAliases: api.maxAliases },
            maxTokens: api.maxTokens,
            rateLimit: () =>
              this.limiter.consume(
                viewer
                  ? `api:user:${viewer.id}`
                  : `api:ip:${ctx.extra.request?.socket?.remoteAddress ?? 'unknown'}`,
                api.rateLimitPerMinute,
              ),
          });
        },
        context: (ctx) => {
          const context = this.contexts.forSocket(ctx.extra);
          this.extras.set(context, ctx.extra);
          return context;
        },
        subscribe: (args) => {
          const context = args.contextValue as GqlContext;
          const extra = this.extras.get(context);
          return subscribeFreshPerEvent(
            args,
            () => extra && this.contexts.renewForEvent(context, extra),
          );
        },
        onNext: (_ctx, id, _payload, _args, result) => {
          if (!result.errors) return undefined;
          logUnexpectedWsErrors(result.errors, id);
          return {
            ...result,
            errors: result.errors.map((e) => formatGraphQLError(e.toJSON(), e, app.isDevelopment)),
          };
        },
        onError: (_ctx, id, _payload, errors) => {
          logUnexpectedWsErrors(errors, id);
          return errors.map((e) => formatGraphQLError(e.toJSON(), e, app.isDevelopment));
        },
      },
      this.wss,
    );
    this.httpServer = this.adapterHost.httpAdapter.getHttpServer() as Server;
    this.httpServer.on('upgrade', this.onUpgrade);
  }

  private readonly onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', () => socket.destroy());
    const path = (req.url ?? '').split('?')[0];
    if (path !== GRAPHQL_PATH || !this.wss) {
      refuseUpgrade(socket, 404, 'Not Found');
      return;
    }
    const wss = this.wss;
    wss.handleUpgrade(req, socket, head, (ws) => {
      wss.emit('connection', ws, req);
      // ws closes a socket that breaks the protocol (an oversized frame: 1009) and then emits the
      // error; graphql-ws would print it with a stack as an "internal error". It is the client's.
      ws.removeAllListeners('error');
      ws.on('error', (err: Error & { code?: string }) =>
        this.logger.debug(`closed a WebSocket: ${err.code ?? err.name}`),
      );
    });
  };

  /**
   * Closes every subscription (1001 Going Away) first thing when the application stops, while the
   * event bus and the database are still there (as @nestjs/graphql's own subscription server did).
   */
  async onModuleDestroy(): Promise<void> {
    this.httpServer?.off('upgrade', this.onUpgrade);
    await this.disposable?.dispose();
    this.wss?.close();
    this.logger.debug('closed');
  }
}
