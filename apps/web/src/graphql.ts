import { initGraphQLTada } from 'gql.tada';
import type { introspection } from './graphql-env.d.ts';

/** Typed operations from the committed apps/api/schema.graphql (regenerate: npm run web:typegen). */
export const graphql = initGraphQLTada<{
  introspection: introspection;
  scalars: { BigInt: string; DateTime: string; ID: string };
}>();

export type { FragmentOf, ResultOf, VariablesOf } from 'gql.tada';
export { readFragment } from 'gql.tada';
