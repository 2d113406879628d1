import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type {
  ApolloServerPlugin,
  GraphQLRequestContext,
  GraphQLRequestListener,
} from '@apollo/server';
import { DocumentNode, GraphQLError, Kind, OperationDefinitionNode } from 'graphql';
import { DomainError, ErrorCode } from '@causeway/common';
import type { RateLimiter } from '@causeway/rate-limit';
import { isExpectedError } from './format-error';
import { assertSafeInput } from './input-gate';
import { enforceLimits, measureOperation, QueryLimits } from './query-limits';
import type { GqlContext } from './context';

/**
 * Apollo's hooks return promises; these do their work synchronously. A throw becomes a rejection,
 * as it would from an async function.
 */
function hook<T>(fn: (arg: T) => void): (arg: T) => Promise<void> {
  return (arg) => {
    try {
      fn(arg);
      return Promise.resolve();
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  };
}

/** Text rules on every argument, then depth, cost and alias limits, checked before anything runs. */
export function queryLimitsPlugin(limits: QueryLimits): ApolloServerPlugin<GqlContext> {
  // Without variables the checks depend on the document alone, and Apollo hands the same parsed
  // document to every request with the same text: checked once per document and process.
  const passed = new WeakMap<DocumentNode, Set<OperationDefinitionNode>>();
  // One listener for every request: it keeps nothing per request.
  const listener: GraphQLRequestListener<GqlContext> = {
    didResolveOperation: hook(({ document, operation, request }) => {
      if (!operation) return;
      const variables = request.variables ?? {};
      const pure = Object.keys(variables).length === 0;
      if (pure && passed.get(document)?.has(operation)) return;
      assertSafeInput(document, operation, variables);
      enforceLimits(measureOperation(document, operation, variables), limits);
      if (pure) {
        const operations = passed.get(document) ?? new Set();
        passed.set(document, operations.add(operation));
      }
    }),
  };
  return { requestDidStart: () => Promise.resolve(listener) };
}

/** Mutations with budgets of their own (AUTH_RATE_LIMIT_PER_MINUTE), counted in their resolvers. */
const OWN_BUDGET = new Set(['logIn', 'signUp']);

/**
 * API_RATE_LIMIT_PER_MINUTE per signed-in user or, for anonymous requests, per IP, shared by
 * every API process through the rate-limit store.
 */
export function apiRateLimitPlugin(
  limiter: RateLimiter,
  perMinute: number,
): ApolloServerPlugin<GqlContext> {
  const listener: GraphQLRequestListener<GqlContext> = {
    async didResolveOperation({ operation, contextValue }) {
      if (!operation) return;
      const fields = operation.selectionSet.selections.filter((s) => s.kind === Kind.FIELD);
      if (
        fields.length > 0 &&
        fields.every((f) => f.kind === Kind.FIELD && OWN_BUDGET.has(f.name.value))
      )
        return;
      const key = contextValue.viewer
        ? `api:user:${contextValue.viewer.id}`
        : `api:ip:${contextValue.ip}`;
      try {
        await limiter.consume(key, perMinute);
      } catch (err) {
        if (err instanceof DomainError && err.code === ErrorCode.RateLimited) {
          throw new GraphQLError(err.message, {
            extensions: {
              code: err.code,
              retryAfterSeconds: err.details.retryAfterSeconds,
              http: { status: 429 },
            },
          });
        }
        throw err;
      }
    },
  };
  return { requestDidStart: () => Promise.resolve(listener) };
}

const wsLogger = new Logger('GraphQL-WS');

/** Logs each error the contract does not expect, once, with the request id (never the variables). */
export function logUnexpectedErrors(
  logger: Logger,
  errors: readonly GraphQLError[],
  requestId: string,
  operationName?: string,
): void {
  for (const err of errors) {
    if (isExpectedError(err)) continue;
    const original = err.originalError ?? err;
    logger.error(
      `request ${requestId} (${operationName ?? 'anonymous'}) failed at ${err.path?.join('.') ?? '-'}: ${original.name}: ${original.message}`,
      original.stack,
    );
  }
}

/** The same for subscription events and errors on graphql-ws. */
export const logUnexpectedWsErrors = (errors: readonly GraphQLError[], id: string) =>
  logUnexpectedErrors(wsLogger, errors, `ws-${id}`);

/** Gives each request an id (x-request-id), marks every answer `no-store`, and logs unexpected errors once, with that id. */
export function requestLogPlugin(): ApolloServerPlugin<GqlContext> {
  const logger = new Logger('GraphQL');
  // One listener for every request: what it needs of the request is in its context.
  const listener: GraphQLRequestListener<GqlContext> = {
    willSendResponse: hook(({ response, contextValue }) => {
      response.http.headers.set('x-request-id', contextValue.requestId);
      response.http.headers.set('cache-control', 'no-store');
    }),
    didEncounterErrors: hook(({ errors, operationName, contextValue }) => {
      logUnexpectedErrors(logger, errors, contextValue.requestId, operationName ?? undefined);
    }),
  };
  return {
    requestDidStart({ contextValue }: GraphQLRequestContext<GqlContext>) {
      contextValue.requestId ||= randomUUID();
      return Promise.resolve(listener);
    },
  };
}

/** Failures the GraphQL-over-HTTP spec answers with 200 when the client accepts application/json. */
const REQUEST_ERRORS = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
]);

/**
 * The GraphQL-over-HTTP spec: a document that does not parse or validate, or variables that do not
 * coerce, SHOULD be 200 under the legacy `application/json` media type (only
 * `application/graphql-response+json` signals them with 4xx). Apollo answers 400 for both.
 */
export function specStatusPlugin(): ApolloServerPlugin<GqlContext> {
  const listener: GraphQLRequestListener<GqlContext> = {
    willSendResponse: hook(({ request, response }) => {
      if (response.http.status !== 400 || response.body.kind !== 'single') return;
      // Apollo answers application/graphql-response+json only to clients that name it (and not application/json).
      const accept = request.http?.headers.get('accept') ?? '';
      if (/application\/graphql-response\+json/.test(accept) && !/application\/json/.test(accept))
        return;
      const result = response.body.singleResult;
      const codes = (result.errors ?? []).map((e) => e.extensions?.code);
      if (
        result.data === undefined &&
        codes.length > 0 &&
        codes.every((c) => typeof c === 'string' && REQUEST_ERRORS.has(c))
      ) {
        response.http.status = 200;
      }
    }),
  };
  return { requestDidStart: () => Promise.resolve(listener) };
}
