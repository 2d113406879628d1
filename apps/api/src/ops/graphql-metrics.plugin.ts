import type { ApolloServerPlugin } from '@apollo/server';
import { graphqlDuration, graphqlOperations, operationLabel } from '@causeway/observability';

/** causeway_graphql_operations_total and _duration_seconds, by operation name, type and outcome. */
export function graphqlMetricsPlugin(): ApolloServerPlugin {
  return {
    requestDidStart() {
      const started = process.hrtime.bigint();
      return Promise.resolve({
        willSendResponse({ operation, operationName, errors, response }) {
          const failed =
            Boolean(errors?.length) ||
            (response.body.kind === 'single' && Boolean(response.body.singleResult.errors?.length));
          const labels = {
            operation: operationLabel(operationName),
            type: operation?.operation ?? 'unknown',
            outcome: failed ? 'error' : 'ok',
          };
          graphqlOperations.inc(labels);
          graphqlDuration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
          return Promise.resolve();
        },
      });
    },
  };
}
