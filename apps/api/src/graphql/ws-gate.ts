import { GraphQLError, Kind, OperationDefinitionNode, OperationTypeNode, parse } from 'graphql';
import { DomainError, ErrorCode } from '@causeway/common';
import { assertSafeInput } from './input-gate';
import { enforceLimits, isTokenLimitError, measureOperation, QueryLimits } from './query-limits';

export interface WsGateOptions {
  limits: QueryLimits;
  maxTokens: number;
  rateLimit: () => Promise<void>;
}

const refusal = (message: string, code: string, extra: Record<string, unknown> = {}) => [
  new GraphQLError(message, { extensions: { code, ...extra } }),
];

/**
 * What graphql-ws lets through: subscriptions only (queries and mutations go over HTTP, where
 * Apollo's limits, rate limits and error formatting apply), within the same token, depth, cost and
 * alias limits and the API rate limit. Returns errors to refuse, or undefined to go on.
 */
export async function wsGate(
  payload: {
    query: string;
    operationName?: string | null;
    variables?: Record<string, unknown> | null;
  },
  options: WsGateOptions,
): Promise<readonly GraphQLError[] | undefined> {
  let document;
  try {
    document = parse(payload.query, { maxTokens: options.maxTokens });
  } catch (err) {
    const tooMany = isTokenLimitError((err as Error).message);
    return tooMany
      ? refusal('The query has too many tokens.', ErrorCode.QueryTooComplex)
      : refusal((err as Error).message, 'GRAPHQL_PARSE_FAILED');
  }
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const operation = payload.operationName
    ? operations.find((o) => o.name?.value === payload.operationName)
    : operations.length === 1
      ? operations[0]
      : undefined;
  if (!operation)
    return refusal('Name one operation of the document to run.', 'GRAPHQL_VALIDATION_FAILED');
  if (operation.operation !== OperationTypeNode.SUBSCRIPTION) {
    return refusal(
      'Only subscriptions are served over WebSocket; send queries and mutations over HTTP.',
      'BAD_REQUEST',
    );
  }
  try {
    await options.rateLimit(); // the cheap check first: a caller over budget pays for nothing else
    assertSafeInput(document, operation, payload.variables ?? {});
    enforceLimits(measureOperation(document, operation, payload.variables ?? {}), options.limits);
  } catch (err) {
    if (err instanceof GraphQLError) return [err];
    if (err instanceof DomainError)
      return refusal(
        err.message,
        err.code,
        err.details.retryAfterSeconds ? { retryAfterSeconds: err.details.retryAfterSeconds } : {},
      );
    throw err;
  }
  return undefined;
}
