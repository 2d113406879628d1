import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  CursorKey,
  decodeCursor,
  DomainError,
  isUuid,
  Page,
  toPage,
  uuidv7,
  withoutParent,
} from '@causeway/common';
import { CauseEntity, CausesService } from '@causeway/causes';
import { Can, OrganizationsService } from '@causeway/organizations';
import { DomainEvent, Outbox } from '@causeway/outbox';
import { CampaignsService } from '@causeway/pledges';
import { UpdateEntity } from './update.entity';
import { toUpdate, UpdatesRepository } from './updates.repository';

export interface NewUpdate {
  body: string;
  organizationId?: string | null;
  causeSlugs?: string[] | null;
  campaignId?: string | null;
  linkUrl?: string | null;
}

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
    private readonly updates: UpdatesRepository,
    private readonly causes: CausesService,
    private readonly organizations: OrganizationsService,
    private readonly campaigns: CampaignsService,
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
        const role = await this.organizations.roleInExisting(input.organizationId, authorId, em);
        if (!Can.publish(role))
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
      await this.updates.insert(
        em,
        {
          id,
          authorId,
          organizationId: input.organizationId ?? null,
          campaignId,
          body: input.body,
          linkUrl: input.linkUrl || null,
          createdAt: new Date(),
        },
        causeIds,
      );
      await this.outbox.add(em, DomainEvent.UpdatePosted, { updateId: id });
    });
    return (await this.byIds([id]))[0];
  }

  /** By its author, or an ADMIN/OWNER of its organization. Deleting twice is NOT_FOUND. */
  async delete(actorId: string, id: string): Promise<void> {
    await this.db.transaction(async (em) => {
      const u = await this.updates.lockVisible(em, id);
      if (!u) throw DomainError.notFound('The update');
      const role =
        u.author_id === actorId || !u.organization_id
          ? null
          : await this.organizations.roleOf(actorId, u.organization_id, em);
      if (u.author_id !== actorId && !Can.moderate(role)) {
        throw DomainError.forbidden(
          "Only the update's author or an ADMIN or OWNER of its organization may delete it.",
        );
      }
      await this.updates.markDeleted(em, id);
    });
  }

  /** Account deletion: deletes the person's personal updates and erases their text (updates made for an organization stay its own). */
  async deleteAllPersonal(em: EntityManager, userId: string): Promise<void> {
    await this.updates.deleteAllPersonal(em, userId);
  }

  byIds(ids: readonly string[]): Promise<UpdateEntity[]> {
    return this.updates.byIds(ids);
  }

  /** The updates among `ids` the viewer may see (not deleted, not hidden, not by someone they blocked). */
  visibleByIds(viewerId: string | null, ids: readonly string[]): Promise<UpdateEntity[]> {
    // A batch look-up leaves out keys that cannot name a row, so one bad key does not fail the
    // batch it shares with others (the same rule as campaigns' byIds).
    const valid = ids.filter(isUuid);
    return valid.length ? this.updates.visibleByIds(viewerId, valid) : Promise.resolve([]);
  }

  /** The visible update, or NOT_FOUND. */
  async visibleOrFail(viewerId: string | null, id: string): Promise<UpdateEntity> {
    const [u] = await this.visibleByIds(viewerId, [id]);
    if (!u) throw DomainError.notFound('The update');
    return u;
  }

  /** The causes of each update, as (updateId, cause) pairs, by cause name. */
  causesOf(updateIds: readonly string[]): Promise<{ updateId: string; cause: CauseEntity }[]> {
    return this.updates.causesOf(updateIds);
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
    const rows = await this.updates.pageRows(
      scope,
      parentIds,
      viewerId,
      limit + 1,
      updateCursor(after, list),
    );
    const pages = new Map<string, Page<UpdateEntity>>();
    for (const parentId of parentIds) {
      const items = rows
        .filter((r) => r.parentId === parentId)
        .map((r) => toUpdate(withoutParent(r)));
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
    const campaignOrg = await this.campaigns.organizationOf(campaignId, em);
    if (!campaignOrg) throw DomainError.badInput({ campaignId: 'names no campaign' });
    if (organizationId && campaignOrg !== organizationId) {
      throw DomainError.badInput({
        campaignId: 'must be a campaign of the organization the update is posted for',
      });
    }
    return campaignId;
  }
}
