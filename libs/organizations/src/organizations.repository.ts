import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { causesSql } from '@causeway/causes';
import { OrganizationRole } from './membership.entity';

/**
 * The organizations' and their members' rows other libs ask about (SQL): roles, existence and
 * follower counts. Methods taking an EntityManager run in the caller's transaction.
 */
@Injectable()
export class OrganizationsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The user's role in the organization, or null when not a member. */
  async roleOf(
    orgId: string,
    userId: string,
    em?: EntityManager,
  ): Promise<OrganizationRole | null> {
    const [row]: { role: OrganizationRole }[] = await (em ?? this.db.manager).query(
      'SELECT role FROM organization_members WHERE organization_id = $1 AND user_id = $2',
      [orgId, userId],
    );
    return row?.role ?? null;
  }

  /** Like roleOf, in one statement that also says whether the organization exists (undefined: no). */
  async roleInExisting(
    orgId: string,
    userId: string,
    em?: EntityManager,
  ): Promise<{ role: OrganizationRole | null } | undefined> {
    const [org]: { role: OrganizationRole | null }[] = await (em ?? this.db.manager).query(
      `SELECT m.role FROM organizations o LEFT JOIN organization_members m ON m.organization_id = o.id AND m.user_id = $2 WHERE o.id = $1`,
      [orgId, userId],
    );
    return org;
  }

  /** The members holding one of `roles`, by user id. */
  async memberIdsWithRoles(
    orgId: string,
    roles: OrganizationRole[],
    em?: EntityManager,
  ): Promise<string[]> {
    const rows: { user_id: string }[] = await (em ?? this.db.manager).query(
      'SELECT user_id FROM organization_members WHERE organization_id = $1 AND role::text = ANY($2::text[]) ORDER BY user_id',
      [orgId, roles],
    );
    return rows.map((r) => r.user_id);
  }

  async exists(id: string, em?: EntityManager): Promise<boolean> {
    const [row]: unknown[] = await (em ?? this.db.manager).query(
      'SELECT 1 FROM organizations WHERE id = $1',
      [id],
    );
    return row !== undefined;
  }

  /** Moves the follower count atomically, in the follow's transaction. */
  async bumpFollowerCount(em: EntityManager, id: string, by: number): Promise<void> {
    await em.query('UPDATE organizations SET follower_count = follower_count + $2 WHERE id = $1', [
      id,
      by,
    ]);
  }

  /** Locks the organization's row (membership changes to it take turns); false when there is none. */
  async lock(em: EntityManager, id: string): Promise<boolean> {
    const [org]: unknown[] = await em.query(
      'SELECT id FROM organizations WHERE id = $1 FOR UPDATE',
      [id],
    );
    return org !== undefined;
  }

  async nameOf(em: EntityManager, id: string): Promise<string | undefined> {
    const [org]: { name: string }[] = await em.query(
      'SELECT name FROM organizations WHERE id = $1',
      [id],
    );
    return org?.name;
  }

  /** Verifies the organization; true only the first time. */
  async markVerified(em: EntityManager, id: string): Promise<boolean> {
    const changed: unknown[] = await em.query(
      `WITH v AS (UPDATE organizations SET verified = true, updated_at = now() WHERE id = $1 AND NOT verified RETURNING id) SELECT id FROM v`,
      [id],
    );
    return changed.length === 1;
  }

  /** Adds the member, or changes the member's role. */
  async setRole(
    em: EntityManager,
    orgId: string,
    userId: string,
    role: OrganizationRole,
  ): Promise<void> {
    await em.query(
      `INSERT INTO organization_members (organization_id, user_id, role) VALUES ($1, $2, $3)
         ON CONFLICT (organization_id, user_id) DO UPDATE SET role = EXCLUDED.role`,
      [orgId, userId, role],
    );
  }

  /** How many OWNERs the organization has besides `userId`. */
  async otherOwnerCount(em: EntityManager, orgId: string, userId: string): Promise<number> {
    const [{ n }]: { n: number }[] = await em.query(
      `SELECT count(*)::int AS n FROM organization_members WHERE organization_id = $1 AND role = 'OWNER' AND user_id <> $2`,
      [orgId, userId],
    );
    return n;
  }

  /** The organizations the person is a member of, in id order (the order their rows are locked in). */
  async organizationIdsOf(em: EntityManager, userId: string): Promise<string[]> {
    const rows: { organization_id: string }[] = await em.query(
      'SELECT organization_id FROM organization_members WHERE user_id = $1 ORDER BY organization_id',
      [userId],
    );
    return rows.map((r) => r.organization_id);
  }

  async removeMemberships(em: EntityManager, userId: string): Promise<void> {
    await em.query('DELETE FROM organization_members WHERE user_id = $1', [userId]);
  }

  async addCauses(em: EntityManager, orgId: string, causeIds: string[]): Promise<void> {
    if (causeIds.length === 0) return;
    await em.query(
      'INSERT INTO organization_causes (organization_id, cause_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING',
      [orgId, causeIds],
    );
  }

  async replaceCauses(em: EntityManager, orgId: string, causeIds: string[]): Promise<void> {
    await em.query('DELETE FROM organization_causes WHERE organization_id = $1', [orgId]);
    await this.addCauses(em, orgId, causeIds);
  }

  /** (organization, cause id) pairs of the organizations, by cause name. */
  causeRows(orgIds: readonly string[]): Promise<{ organization_id: string; id: string }[]> {
    return this.db.query(
      `SELECT oc.organization_id, c.id FROM organization_causes oc JOIN ${causesSql.table} c ON c.id = oc.cause_id
       WHERE oc.organization_id = ANY($1::uuid[]) ORDER BY c.name, c.id`,
      [orgIds],
    );
  }

  /** Up to `limit` organizations per cause below `afterId`, newest first: one LATERAL range scan per cause. */
  idsByCause(
    causeIds: string[],
    limit: number,
    afterId: string | null,
  ): Promise<{ cause_id: string; id: string }[]> {
    return this.db.query(
      `SELECT p.cause_id, x.organization_id AS id FROM unnest($1::uuid[]) AS p(cause_id)
       CROSS JOIN LATERAL (
         SELECT oc.organization_id FROM organization_causes oc
         WHERE oc.cause_id = p.cause_id AND ($2::uuid IS NULL OR oc.organization_id < $2::uuid)
         ORDER BY oc.organization_id DESC LIMIT $3) x`,
      [causeIds, afterId, limit],
    );
  }
}
