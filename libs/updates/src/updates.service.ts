import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CursorKey, decodeCursor, DomainError, Page, toPage, uuidv7 } from '@causeway/common';
import { CauseEntity, CausesService } from '@causeway/causes';
import { Can, OrganizationRole } from '@causeway/organizations';
import { DomainEvent, Outbox } from '@causeway/outbox';
import { newestInCauseSubtreeSql, UpdateEntity, visibleUpdateSql } from './update.entity';

export interface NewUpdate {
  body: string;
  organizationId?: string | null;
  causeSlugs?: string[] | null;
  campaignId?: string | null;
  linkUrl?: string | null;
}

/** The columns of an update, named as the entity's properties, for raw SQL that maps to entities. */
export const UPDATE_COLUMNS = (a = 'u') =>
  `${a}.id, ${a}.author_id AS "authorId", ${a}.organization_id AS "organizationId", ${a}.campaign_id AS "campaignId",
   ${a}.body, ${a}.link_url AS "linkUrl", ${a}.created_at AS "createdAt", ${a}.deleted_at AS "deletedAt",
   ${a}.hidden_at AS "hiddenAt", ${a}.comment_count AS "commentCount", ${a}.reaction_count AS "reactionCount",
   ${a}.fanned_out_at AS "fannedOutAt", ${a}.delivery_lag_ms AS "deliveryLagMs"`;

export const toUpdate = (row: Record<string, unknown>): UpdateEntity =>
  Object.assign(new UpdateEntity(), row);
export const updateKey = (u: UpdateEntity): CursorKey => [u.createdAt.toISOString(), u.id];

/** Decodes an update-list cursor into (createdAt, id), or the far future when there is none. */
export function updateCursor(after: string | null | undefined, list: string): [string, string] {
  if (!after) return ['infinity', 'ffffffff-ffff-ffff-ffff-ffffffffffff'];
  const [at, id] = decodeCursor(after, { list, parts: ['time', 'uuid'] });
  return [String(at), String(id)];
}

type Scope = 'organization' | 'author' | 'cause';

/** Posting and deleting updates; the update lists of organizations, people and causes. */
@Injectable()
export class UpdatesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly causes: CausesService,
    private readonly outbox: Outbox,
  ) {}

  /**
   * On behalf of an organization (its EDITOR, ADMIN or OWNER) or personal. The update and its
   * fan-out's outbox row commit together; the fan-out runs in the worker.
   */
  async post(authorId: string, input: NewUpdate): Promise<UpdateEntity> {
    const id = uuidv7();
    await this.db.transaction(async (em) => {
      if (input.organizationId) {
        const [org]: { role: OrganizationRole | null }[] = await em.query(
          `SELECT m.role FROM organizations o LEFT JOIN organization_members m ON m.organization_id = o.id AND m.user_id = $2 WHERE o.id = $1`,
          [input.organizationId, authorId],
        );
        if (!org) throw DomainError.notFound('The organization');
        if (!Can.publish(org.role))
          throw DomainError.forbidden(
            'Only an EDITOR, ADMIN or OWNER of the organization may post for it.',
          );
      }
      const causeIds = await this.causes.idsForSlugs(input.causeSlugs, 'causeSlugs', em);
      const campaignId = await this.checkCampaign(
        em,
        input.campaignId ?? null,
        input.organizationId ?? null,
      );
      const createdAt = new Date();
      await em.query(
        `INSERT INTO updates (id, author_id, organization_id, campaign_id, body, link_url, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          id,
          authorId,
          input.organizationId ?? null,
          campaignId,
          input.body,
          input.linkUrl || null,
          createdAt,
        ],
      );
      if (causeIds.length > 0) {
        await em.query(
          'INSERT INTO update_causes (update_id, cause_id, created_at) SELECT $1, unnest($2::uuid[]), $3',
          [id, causeIds, createdAt],
        );
      }
      await this.outbox.add(em, DomainEvent.UpdatePosted, { updateId: id });
    });
    return (await this.byIds([id]))[0];
  }

  /** By its author, or an ADMIN/OWNER of its organization. Deleting twice is NOT_FOUND. */
  async delete(actorId: string, id: string): Promise<void> {
    await this.db.transaction(async (em) => {
      const [u]: {
        author_id: string;
        organization_id: string | null;
        role: OrganizationRole | null;
      }[] = await em.query(
        `SELECT u.author_id, u.organization_id, m.role FROM updates u
         LEFT JOIN organization_members m ON m.organization_id = u.organization_id AND m.user_id = $2
         WHERE u.id = $1 AND u.deleted_at IS NULL AND u.hidden_at IS NULL FOR UPDATE OF u`,
        [id, actorId],
      );
      if (!u) throw DomainError.notFound('The update');
      if (u.author_id !== actorId && !Can.moderate(u.role)) {
        throw DomainError.forbidden(
          "Only the update's author or an ADMIN or OWNER of its organization may delete it.",
        );
      }
      await em.query('UPDATE updates SET deleted_at = now() WHERE id = $1', [id]);
    });
  }

  /** Account deletion: deletes the person's personal updates and erases their text (updates made for an organization stay its own). */
  async deleteAllPersonal(em: EntityManager, userId: string): Promise<void> {
    await em.query(
      `UPDATE updates SET deleted_at = coalesce(deleted_at, now()), body = '', link_url = NULL WHERE author_id = $1 AND organization_id IS NULL`,
      [userId],
    );
  }

  async byIds(ids: readonly string[]): Promise<UpdateEntity[]> {
    const rows = await this.db.query(
      `SELECT ${UPDATE_COLUMNS()} FROM updates u WHERE u.id = ANY($1::uuid[])`,
      [ids],
    );
    return rows.map(toUpdate);
  }

  /** The updates among `ids` the viewer may see (not deleted, not hidden, not by someone they blocked). */
  async visibleByIds(viewerId: string | null, ids: readonly string[]): Promise<UpdateEntity[]> {
    const rows = await this.db.query(
      `SELECT ${UPDATE_COLUMNS()} FROM updates u WHERE u.id = ANY($1::uuid[]) AND ${visibleUpdateSql('$2')}`,
      [ids, viewerId],
    );
    return rows.map(toUpdate);
  }

  /** The visible update, or NOT_FOUND. */
  async visibleOrFail(viewerId: string | null, id: string): Promise<UpdateEntity> {
    const [u] = await this.visibleByIds(viewerId, [id]);
    if (!u) throw DomainError.notFound('The update');
    return u;
  }

  /** The causes of each update, as (updateId, cause) pairs, by cause name. */
  async causesOf(
    updateIds: readonly string[],
  ): Promise<{ updateId: string; cause: CauseEntity }[]> {
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT uc.update_id AS "updateId", c.id, c.slug, c.name, c.description, c.parent_id AS "parentId",
              c.follower_count AS "followerCount", c.created_at AS "createdAt"
       FROM update_causes uc JOIN causes c ON c.id = uc.cause_id WHERE uc.update_id = ANY($1::uuid[]) ORDER BY c.name, c.id`,
      [updateIds],
    );
    return rows.map(({ updateId, ...cause }) => ({
      updateId: updateId as string,
      cause: Object.assign(new CauseEntity(), cause),
    }));
  }

  /** Each organization's updates, newest first: one LATERAL range scan per organization. */
  pagesForOrganizations(
    orgIds: string[],
    viewerId: string | null,
    limit: number,
    after: string | null,
  ) {
    return this.pages('organization', orgIds, viewerId, limit, after);
  }

  /** Each person's personal updates, newest first. */
  pagesForAuthors(userIds: string[], viewerId: string | null, limit: number, after: string | null) {
    return this.pages('author', userIds, viewerId, limit, after);
  }

  /** Each cause's updates, including those tagged with any of its descendants, newest first, each once. */
  pagesForCauses(causeIds: string[], viewerId: string | null, limit: number, after: string | null) {
    return this.pages('cause', causeIds, viewerId, limit, after);
  }

  private async pages(
    scope: Scope,
    parentIds: string[],
    viewerId: string | null,
    limit: number,
    after: string | null,
  ): Promise<Map<string, Page<UpdateEntity>>> {
    const list = `updates-of-${scope}`;
    const [at, id] = updateCursor(after, list);
    const inner = {
      organization: `SELECT u.* FROM updates u WHERE u.organization_id = p.parent_id AND (u.created_at, u.id) < ($2::timestamptz, $3::uuid)
                     AND ${visibleUpdateSql('$4')} ORDER BY u.created_at DESC, u.id DESC LIMIT $5`,
      author: `SELECT u.* FROM updates u WHERE u.author_id = p.parent_id AND u.organization_id IS NULL AND (u.created_at, u.id) < ($2::timestamptz, $3::uuid)
               AND ${visibleUpdateSql('$4')} ORDER BY u.created_at DESC, u.id DESC LIMIT $5`,
      cause: `SELECT u.* FROM (${newestInCauseSubtreeSql('p.parent_id', `(uc.created_at, uc.update_id) < ($2::timestamptz, $3::uuid) AND ${visibleUpdateSql('$4')}`, '$5')}) c
              JOIN updates u ON u.id = c.update_id ORDER BY u.created_at DESC, u.id DESC`,
    }[scope];
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT p.parent_id AS "parentId", ${UPDATE_COLUMNS('x')} FROM unnest($1::uuid[]) AS p(parent_id) CROSS JOIN LATERAL (${inner}) x`,
      [parentIds, at, id, viewerId, limit + 1],
    );
    const pages = new Map<string, Page<UpdateEntity>>();
    for (const parentId of parentIds) {
      const items = rows
        .filter((r) => r.parentId === parentId)
        .map(({ parentId: _p, ...u }) => toUpdate(u));
      pages.set(parentId, toPage(items, limit, updateKey, list));
    }
    return pages;
  }

  /** A linked campaign must exist and, for an organization's update, be that organization's. */
  private async checkCampaign(
    em: EntityManager,
    campaignId: string | null,
    organizationId: string | null,
  ): Promise<string | null> {
    if (!campaignId) return null;
    const [campaign]: { organization_id: string }[] = await em.query(
      'SELECT organization_id FROM campaigns WHERE id = $1',
      [campaignId],
    );
    if (!campaign) throw DomainError.badInput({ campaignId: 'names no campaign' });
    if (organizationId && campaign.organization_id !== organizationId) {
      throw DomainError.badInput({
        campaignId: 'must be a campaign of the organization the update is posted for',
      });
    }
    return campaignId;
  }
}
