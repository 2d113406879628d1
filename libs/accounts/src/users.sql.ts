/**
 * SQL fragments for statements of other libs that must touch `users` inside one statement (search,
 * the digest, follower counts): the table is named here only.
 */
export const usersSql = {
  table: 'users',
};
