// The GraphQL documents the benchmark sends, to the API and to the raw server alike (the raw server
// recognises them by their exact text and does the same work by hand).
export const FLOOR = '{ apiVersion }';
export const FEED =
  '{ feed(first: 20) { edges { cursor node { id body createdAt commentCount reactionCount viewerHasReacted author { id handle displayName } organization { id slug name } causes { slug name } } } pageInfo { hasNextPage endCursor } } }';
export const PLEDGE = 'mutation($i: PledgeInput!) { pledge(input: $i) { id } }';
