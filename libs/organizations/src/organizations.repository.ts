import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
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
}
