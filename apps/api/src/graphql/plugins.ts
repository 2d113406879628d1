import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import { GraphQLError, Kind } from 'graphql';
import { DomainError, ErrorCode } from '@causeway/common';
import type { RateLimiter } from '@causeway/rate-limit';
import { isExpectedError } from './format-error';
import { assertSafeInput } from './input-gate';
import { enforceLimits, measureOperation, QueryLimits } from './query-limits';
import type { GqlContext } from './context';

/** Text rules on every argument, then depth, cost and alias limits, checked before anything runs. */
export function queryLimitsPlugin(limits: QueryLimits): ApolloServerPlugin<GqlContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request }) {
          if (!operation) return;
          assertSafeInput(document, operation, request.variables ?? {});
          enforceLimits(measureOperation(document, operation, request.variables ?? {}), limits);
        },
      };
    },
  };
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
  return {
    async requestDidStart() {
      return {
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
    },
  };
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
  return {
    async requestDidStart({ contextValue }: GraphQLRequestContext<GqlContext>) {
      contextValue.requestId ||= randomUUID();
      return {
        async willSendResponse({ response }) {
          response.http.headers.set('x-request-id', contextValue.requestId);
          response.http.headers.set('cache-control', 'no-store');
        },
        async didEncounterErrors({ errors, operationName }) {
          logUnexpectedErrors(logger, errors, contextValue.requestId, operationName ?? undefined);
        },
      };
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
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ request, response }) {
          if (response.http.status !== 400 || response.body.kind !== 'single') return;
          // Apollo answers application/graphql-response+json only to clients that name it (and not application/json).
          const accept = request.http?.headers.get('accept') ?? '';
          if (
            /application\/graphql-response\+json/.test(accept) &&
            !/application\/json/.test(accept)
          )
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
        },
      };
    },
  };
}
