import type {
  GatewayExecutor,
  GatewayGraphQLRequestContext,
  GatewayInterface,
  GatewaySchemaLoadOrUpdateCallback,
} from '@apollo/server-gateway-interface';
import {
  DocumentNode,
  execute,
  ExecutionResult,
  GraphQLError,
  GraphQLSchema,
  Kind,
  OperationDefinitionNode,
  OperationTypeNode,
  printSchema,
} from 'graphql';
import { compileQuery, CompiledQuery, isCompiledQuery } from 'graphql-jit';

/** Compiled documents kept per process (the most recently used). */
const MAX_COMPILED = 500;
/**
 * A document is compiled the second time it is seen: compiling costs a few milliseconds, and a
 * client sending ever-new documents must not make every request pay for it.
 */
const COMPILE_AT_SIGHTING = 2;

type Entry = { sightings: number; compiled: CompiledQuery | null };

/**
 * graphql-jit as Apollo Server's executor, through the gateway interface (an executor only: Apollo
 * keeps parsing, validation, plugins and error formatting). Documents jit cannot run, or has not
 * compiled yet, go to graphql-js, and so does every request jit refuses before executing
 * (variables that do not coerce): graphql-js's error is the one clients see, as without jit.
 */
export class JitExecutor implements GatewayInterface {
  private schema: GraphQLSchema | null = null;
  private readonly cache = new Map<string, Entry>();
  /** How many requests each engine executed (tests and the benchmark read them). */
  readonly counts = { jit: 0, graphqlJs: 0 };

  /** The schema Nest built (GqlModuleOptions.transformSchema hands it over before the server starts). */
  useSchema(schema: GraphQLSchema): GraphQLSchema {
    this.schema = schema;
    return schema;
  }

  load(): Promise<{ schema: GraphQLSchema; executor: GatewayExecutor }> {
    return Promise.resolve({
      schema: this.requireSchema(),
      executor: async (rc) => this.execute(rc),
    });
  }

  onSchemaLoadOrUpdate(callback: GatewaySchemaLoadOrUpdateCallback): () => void {
    const apiSchema = this.requireSchema();
    callback({ apiSchema, coreSupergraphSdl: printSchema(apiSchema) });
    return () => undefined;
  }

  stop(): Promise<void> {
    this.cache.clear();
    return Promise.resolve();
  }

  private requireSchema(): GraphQLSchema {
    if (!this.schema)
      throw new Error('JitExecutor: the schema was not handed over (transformSchema)');
    return this.schema;
  }

  execute(rc: GatewayGraphQLRequestContext): Promise<ExecutionResult> | ExecutionResult {
    const { document, operation, operationName, request, context } = rc;
    const variables = request.variables ?? {};
    const compiled = this.compiled(rc.queryHash, document, operation, operationName);
    if (compiled) {
      const result = compiled.query(undefined, context, variables);
      const settle = (r: ExecutionResult) =>
        // No data at all: jit refused the request before running a resolver (variables). graphql-js
        // runs nothing either in that case and says so in its own words, which Apollo maps to BAD_USER_INPUT.
        r.data === undefined && r.errors?.length
          ? this.graphqlJs(document, operationName, variables, context)
          : (this.counts.jit++, r.errors ? { ...r, errors: r.errors.map(asGraphqlJsError) } : r);
      return result instanceof Promise ? result.then(settle) : settle(result);
    }
    return this.graphqlJs(document, operationName, variables, context);
  }

  private graphqlJs(
    document: DocumentNode,
    operationName: string | null,
    variables: Record<string, unknown>,
    context: unknown,
  ): Promise<ExecutionResult> | ExecutionResult {
    this.counts.graphqlJs++;
    return execute({
      schema: this.requireSchema(),
      document,
      operationName,
      variableValues: variables,
      contextValue: context,
    });
  }

  /** The compiled query for this document and operation, or null where graphql-js runs it. */
  private compiled(
    queryHash: string,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    operationName: string | null,
  ): CompiledQuery | null {
    const key = `${operationName ?? ''}\n${queryHash}`;
    let entry = this.cache.get(key);
    if (entry) {
      // Most recently used last: Map keeps insertion order, so the first key is the eviction victim.
      this.cache.delete(key);
      this.cache.set(key, entry);
    } else {
      entry = { sightings: 0, compiled: null };
      this.cache.set(key, entry);
      if (this.cache.size > MAX_COMPILED) this.cache.delete(this.cache.keys().next().value!);
    }
    if (entry.compiled) return entry.compiled;
    if (++entry.sightings !== COMPILE_AT_SIGHTING || !jitCanRun(operation)) return null;
    const compiled = compileQuery(this.requireSchema(), document, operationName ?? undefined, {
      // Errors keep graphql-js's stack capture off the hot path; the original error keeps its own.
      disablingCapturingStackErrors: true,
    });
    if (isCompiledQuery(compiled)) entry.compiled = compiled;
    return entry.compiled;
  }
}

/**
 * graphql-jit's errors look like graphql-js's but leave `extensions` undefined where graphql-js
 * always gives an object, and Apollo's error formatting reads `extensions.code` without a check:
 * it threw, and every resolver error of a jit-run request became INTERNAL_SERVER_ERROR without a
 * path (an anonymous `feed` among them). Rebuilt as graphql-js errors (same message, locations,
 * path, original error and extensions), they go through formatError exactly as without jit.
 */
export function asGraphqlJsError(error: GraphQLError): GraphQLError {
  const rebuilt = new GraphQLError(error.message, {
    path: error.path,
    originalError: error.originalError ?? undefined,
    extensions: error.extensions ?? undefined,
  });
  // graphql-js computes locations from AST nodes, which jit does not keep: its own are the same.
  (rebuilt as { locations?: GraphQLError['locations'] }).locations = error.locations;
  return rebuilt;
}

/**
 * What stays with graphql-js: subscriptions (graphql-ws runs them), introspection (rare, and its
 * production limits are graphql-js validation rules already applied), and @defer/@stream.
 */
export function jitCanRun(operation: OperationDefinitionNode): boolean {
  if (operation.operation === OperationTypeNode.SUBSCRIPTION) return false;
  for (const selection of operation.selectionSet.selections) {
    if (
      selection.kind === Kind.FIELD &&
      (selection.name.value === '__schema' || selection.name.value === '__type')
    )
      return false;
  }
  return true;
}
