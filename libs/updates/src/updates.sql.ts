import { blocksSql } from '@causeway/blocks';
import { causesSql } from '@causeway/causes';

/** Where an update reaches followers from: its organization, its author (personal), or a cause. */
export type UpdateSourceKind = 'ORGANIZATION' | 'USER' | 'CAUSE';

/**
 * SQL fragments for statements of other libs that must join `updates` inside one statement (the
 * feed page, search, the fan-out's INSERT ... SELECT, the digest): the tables and the visibility
 * rule are written here only. Arguments are SQL expressions (bound parameters or columns).
 */
export const updatesSql = {
  table: 'updates',

  /** The columns of an update (alias `a`), named as the entity's properties. */
  columns: (a = 'u') =>
    `${a}.id, ${a}.author_id AS "authorId", ${a}.organization_id AS "organizationId", ${a}.campaign_id AS "campaignId",
   ${a}.body, ${a}.link_url AS "linkUrl", ${a}.created_at AS "createdAt", ${a}.deleted_at AS "deletedAt",
   ${a}.hidden_at AS "hiddenAt", ${a}.comment_count AS "commentCount", ${a}.reaction_count AS "reactionCount",
   ${a}.fanned_out_at AS "fannedOutAt", ${a}.delivery_lag_ms AS "deliveryLagMs"`,

  /** The update (alias `a`) is neither deleted nor hidden. */
  visible: (a = 'u') => `${a}.deleted_at IS NULL AND ${a}.hidden_at IS NULL`,

  /** The update is deleted or hidden. */
  gone: (a?: string) => {
    const p = a ? `${a}.` : '';
    return `(${p}deleted_at IS NOT NULL OR ${p}hidden_at IS NOT NULL)`;
  },

  /** Visible, and not by someone the viewer bound as `viewerParam` (null for anonymous) blocked. */
  visibleTo: (viewerParam: string, a = 'u') =>
    `${updatesSql.visible(a)} AND ${blocksSql.notBlocked(viewerParam, `${a}.author_id`)}`,

  /** The update (alias `a`) is tagged with a cause in the subtrees under `rootsSql`'s ids. */
  inCauseSubtree: (rootsSql: string, a = 'u') =>
    `${a}.id IN (SELECT uc.update_id FROM update_causes uc WHERE uc.cause_id IN (
                  ${causesSql.subtree(rootsSql)}))`,

  /** The update (alias `u`) reaches the followers of the source `source` of this kind. */
  reaches: (kind: UpdateSourceKind, source: string): string => {
    switch (kind) {
      case 'ORGANIZATION':
        return `u.organization_id = ${source}`;
      case 'USER':
        return `u.author_id = ${source} AND u.organization_id IS NULL`;
      case 'CAUSE':
        return updatesSql.inCauseSubtree(`SELECT ${source}::uuid AS id`);
    }
  },

  /** The update is tagged with one of the causes `causeIdsSql` selects (one `id` column). */
  taggedWithAny: (causeIdsSql: string, a = 'u') =>
    `EXISTS (SELECT 1 FROM update_causes uc WHERE uc.update_id = ${a}.id AND uc.cause_id IN (${causeIdsSql}))`,

  /** The name of the update's first cause (by name), as a scalar subquery. */
  firstCauseName: (a = 'u') =>
    `(SELECT c.name FROM update_causes uc JOIN ${causesSql.table} c ON c.id = uc.cause_id WHERE uc.update_id = ${a}.id ORDER BY c.name LIMIT 1)`,

  /**
   * The ids and times (`update_id`, `created_at`) of the `limit` newest updates tagged with the
   * cause `root` or any cause below it that satisfy `where` (on `u`), each once. Every cause of
   * the subtree contributes at most `limit` rows, read newest first from
   * `update_causes_cause_idx`, so the cost follows the page size, not the number of updates ever
   * tagged.
   */
  newestInCauseSubtree: (root: string, where: string, limit: string) =>
    `SELECT DISTINCT t.update_id, t.created_at FROM (
     SELECT x.update_id, x.created_at FROM (${causesSql.subtree(`SELECT ${root} AS id`)}) down CROSS JOIN LATERAL (
       SELECT uc.update_id, uc.created_at FROM update_causes uc JOIN updates u ON u.id = uc.update_id
       WHERE uc.cause_id = down.id AND ${where}
       ORDER BY uc.created_at DESC, uc.update_id DESC LIMIT ${limit}) x) t
   ORDER BY t.created_at DESC, t.update_id DESC LIMIT ${limit}`,
};
