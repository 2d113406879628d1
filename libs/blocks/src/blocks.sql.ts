/**
 * SQL fragments for statements of other libs that must filter by blocks inside one statement (a
 * feed page, a comment page, the digest, the notification fan-out): the table and the rule are
 * written here only. Arguments are SQL expressions (a bound parameter such as `$2::uuid`, or a
 * column).
 */
export const blocksSql = {
  /** `blocker` has not blocked `blocked`. */
  notBlockedBy: (blocker: string, blocked: string) =>
    `NOT EXISTS (SELECT 1 FROM user_blocks b WHERE b.blocker_id = ${blocker} AND b.blocked_id = ${blocked})`,
  /**
   * The viewer bound as `viewerParam` (null for anonymous: nobody is blocked) has not blocked
   * `author`. The text is the feed page's, byte for byte (the bench's raw twin sends the same).
   */
  notBlocked: (viewerParam: string, author: string) =>
    `NOT EXISTS (
     SELECT 1 FROM user_blocks b WHERE b.blocker_id = ${viewerParam}::uuid AND b.blocked_id = ${author})`,
};
