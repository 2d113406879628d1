/**
 * SQL fragments for the statements of other libs that must read follows inside one statement (the
 * fan-out's INSERT ... SELECT, unfollow clean-up, suggestions): the table is named here only.
 * Arguments are SQL expressions (bound parameters or columns).
 */
export const followsSql = {
  table: 'follows',
  /** `SELECT id` of the sources of `kind` (a SQL literal such as `'CAUSE'`) the follower follows. */
  followedIds: (follower: string, kind: string) =>
    `SELECT source_id AS id FROM follows WHERE follower_id = ${follower} AND source_kind = ${kind}`,
  /** The follower follows the source (`kind`, `sourceId`). */
  follows: (follower: string, kind: string, sourceId: string) =>
    `EXISTS (SELECT 1 FROM follows o WHERE o.follower_id = ${follower} AND o.source_kind = ${kind} AND o.source_id = ${sourceId})`,
  /** `(user_id, delivery)` of one source's followers in the keyset range (after, last]. */
  receiversInRange: (kind: string, sourceId: string, after: string, last: string) =>
    `SELECT f.follower_id AS user_id, f.delivery FROM follows f
           WHERE f.source_kind = ${kind} AND f.source_id = ${sourceId} AND f.follower_id > ${after}::uuid AND (${last}::uuid IS NULL OR f.follower_id <= ${last}::uuid)`,
  /** The follower follows the source with HOME delivery. */
  followsHome: (follower: string, kind: string, sourceId: string) =>
    `EXISTS (SELECT 1 FROM follows f WHERE f.follower_id = ${follower} AND f.source_kind = ${kind} AND f.source_id = ${sourceId} AND f.delivery = 'HOME')`,
};
