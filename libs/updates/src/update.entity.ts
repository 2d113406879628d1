import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * An update: personal, or posted on behalf of an organization. Never hard-deleted: `deletedAt`
 * (by its author or the organization) and `hiddenAt` (by moderation) take it out of every list.
 * `search` (a generated tsvector over the body) is never read into the entity.
 */
@Entity('updates')
export class UpdateEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  authorId!: string;

  @Column('uuid', { nullable: true })
  organizationId!: string | null;

  @Column('uuid', { nullable: true })
  campaignId!: string | null;

  @Column('text')
  body!: string;

  @Column('text', { nullable: true })
  linkUrl!: string | null;

  @Column({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @Column('timestamptz', { nullable: true })
  deletedAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  hiddenAt!: Date | null;

  /** Kept exact by atomic increments in the comment transaction. */
  @Column('integer', { default: 0 })
  commentCount!: number;

  /** Kept exact by atomic increments in the reaction transaction. */
  @Column('integer', { default: 0 })
  reactionCount!: number;

  /** When the fan-out delivered the last feed entry; `deliveryLagMs` is that minus `createdAt`. */
  @Column('timestamptz', { nullable: true })
  fannedOutAt!: Date | null;

  @Column('integer', { nullable: true })
  deliveryLagMs!: number | null;
}

/** SQL condition: the update (alias `u`) is visible to the viewer bound as `$viewerParam` (null for anonymous). */
export const visibleUpdateSql = (viewerParam: string, alias = 'u') =>
  `${alias}.deleted_at IS NULL AND ${alias}.hidden_at IS NULL AND NOT EXISTS (
     SELECT 1 FROM user_blocks b WHERE b.blocker_id = ${viewerParam}::uuid AND b.blocked_id = ${alias}.author_id)`;

/**
 * SQL: the ids and times (`update_id`, `created_at`) of the `limit` newest updates tagged with the
 * cause `root` or any cause below it that satisfy `where` (on `u`), each once. Every cause of the
 * subtree contributes at most `limit` rows, read newest first from `update_causes_cause_idx`, so
 * the cost follows the page size, not the number of updates ever tagged.
 */
export const newestInCauseSubtreeSql = (root: string, where: string, limit: string) =>
  `SELECT DISTINCT t.update_id, t.created_at FROM (
     WITH RECURSIVE down AS (SELECT ${root} AS id UNION SELECT c.id FROM causes c JOIN down ON c.parent_id = down.id)
     SELECT x.update_id, x.created_at FROM down CROSS JOIN LATERAL (
       SELECT uc.update_id, uc.created_at FROM update_causes uc JOIN updates u ON u.id = uc.update_id
       WHERE uc.cause_id = down.id AND ${where}
       ORDER BY uc.created_at DESC, uc.update_id DESC LIMIT ${limit}) x) t
   ORDER BY t.created_at DESC, t.update_id DESC LIMIT ${limit}`;
