import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import {
  decodeCursor,
  DomainError,
  ErrorCode,
  Page,
  prefixTsQuery,
  toPage,
} from '@causeway/common';
import { uniqueViolation } from '@causeway/database';
import { UsersRepository } from '@causeway/accounts';
import { CauseEntity, CausesService, rankSql } from '@causeway/causes';
import { DomainEvent, Outbox } from '@causeway/outbox';
import { MembershipEntity, OrganizationRole } from './membership.entity';
import { OrganizationEntity } from './organization.entity';
import { OrganizationsRepository } from './organizations.repository';
import { Can, ROLE_ORDER } from './organization-permissions';

export interface NewOrganization {
  name: string;
  slug: string;
  mission?: string | null;
  websiteUrl?: string | null;
  causeSlugs?: string[] | null;
}

export type OrganizationChanges = Partial<Omit<NewOrganization, 'slug'>>;

export interface OrganizationListArgs {
  limit: number;
  after?: string | null;
  query?: string | null;
  causeSlug?: string | null;
}

const { OWNER } = OrganizationRole;

/** Organizations, their causes and their members, with the role rules of core.graphql. */
@Injectable()
export class OrganizationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectRepository(OrganizationEntity) private readonly orgs: Repository<OrganizationEntity>,
    @InjectRepository(MembershipEntity) private readonly members: Repository<MembershipEntity>,
    private readonly causes: CausesService,
    private readonly outbox: Outbox,
    private readonly repo: OrganizationsRepository,
    private readonly users: UsersRepository,
  ) {}

  bySlug(slug: string): Promise<OrganizationEntity | null> {
    return this.orgs.findOneBy({ slug: slug.toLowerCase() });
  }

  byIds(ids: readonly string[]): Promise<OrganizationEntity[]> {
    return this.orgs.findBy({ id: In([...ids]) });
  }

  async byIdOrFail(id: string): Promise<OrganizationEntity> {
    const org = await this.orgs.findOneBy({ id });
    if (!org) throw DomainError.notFound('The organization');
    return org;
  }

  /** The creator becomes its OWNER. A taken slug is CONFLICT; unknown cause slugs BAD_USER_INPUT. */
  async create(userId: string, input: NewOrganization): Promise<OrganizationEntity> {
    const id = await this.db.transaction(async (em) => {
      const causeIds = await this.causes.idsForSlugs(input.causeSlugs, 'causeSlugs', em);
      const org = em.create(OrganizationEntity, {
        slug: input.slug.toLowerCase(),
        name: input.name,
        mission: input.mission || null,
        websiteUrl: input.websiteUrl || null,
      });
      try {
        await em.insert(OrganizationEntity, org);
      } catch (err) {
        if (uniqueViolation(err) === 'organizations_slug_key') {
          throw new DomainError(ErrorCode.Conflict, 'That slug is taken.', {
            fields: { slug: 'is taken' },
          });
        }
        throw err;
      }
      await this.setCauses(em, org.id, causeIds);
      await em.insert(MembershipEntity, { organizationId: org.id, userId, role: OWNER });
      return org.id;
    });
    return this.byIdOrFail(id);
  }

  /** OWNER or ADMIN. */
  async update(
    actorId: string,
    id: string,
    changes: OrganizationChanges,
  ): Promise<OrganizationEntity> {
    await this.db.transaction(async (em) => {
      const role = await this.lockAndRole(em, id, actorId);
      if (!Can.manage(role))
        throw DomainError.forbidden('Only an OWNER or ADMIN of the organization may change it.');
      const set: Partial<OrganizationEntity> = {};
      if (changes.name !== undefined && changes.name !== null) set.name = changes.name;
      if (changes.mission !== undefined) set.mission = changes.mission || null;
      if (changes.websiteUrl !== undefined) set.websiteUrl = changes.websiteUrl || null;
      if (changes.causeSlugs !== undefined && changes.causeSlugs !== null) {
        const causeIds = await this.causes.idsForSlugs(changes.causeSlugs, 'causeSlugs', em);
        await this.repo.replaceCauses(em, id, causeIds);
      }
      if (Object.keys(set).length > 0 || changes.causeSlugs)
        await em.update(OrganizationEntity, { id }, { ...set, updatedAt: new Date() });
    });
    return this.byIdOrFail(id);
  }

  /**
   * Adds a member or changes a member's role. OWNER or ADMIN; only an OWNER grants OWNER or changes
   * an OWNER; the last OWNER cannot be demoted (CONFLICT). The organization row is locked, so
   * concurrent changes to one organization's members take turns.
   */
  async addMember(
    actorId: string,
    id: string,
    userHandle: string,
    role: OrganizationRole,
  ): Promise<OrganizationEntity> {
    await this.db.transaction(async (em) => {
      const actorRole = await this.lockAndRole(em, id, actorId);
      if (!Can.manage(actorRole))
        throw DomainError.forbidden('Only an OWNER or ADMIN of the organization may add members.');
      const userId = await this.users.idByHandle(userHandle, em);
      if (!userId) throw DomainError.notFound('The user');
      const user = { id: userId };
      const current = await this.roleIn(em, id, user.id);
      if (role === OWNER || current === OWNER) {
        if (!Can.touchOwners(actorRole))
          throw DomainError.forbidden('Only an OWNER may grant OWNER or change an OWNER.');
      }
      if (current === role) return;
      if (current === OWNER) await this.assertAnotherOwner(em, id, user.id);
      await this.repo.setRole(em, id, user.id, role);
      if (user.id !== actorId) {
        await this.outbox.add(em, DomainEvent.MembershipGranted, {
          organizationId: id,
          userId: user.id,
          role,
          actorId,
        });
      }
    });
    return this.byIdOrFail(id);
  }

  /** OWNER or ADMIN (an ADMIN cannot remove an OWNER); anyone may leave. Never the last OWNER. */
  async removeMember(actorId: string, id: string, userId: string): Promise<OrganizationEntity> {
    await this.db.transaction(async (em) => {
      const actorRole = await this.lockAndRole(em, id, actorId);
      const self = userId === actorId;
      if (!self && !Can.manage(actorRole))
        throw DomainError.forbidden(
          'Only an OWNER or ADMIN of the organization may remove members.',
        );
      const current = await this.roleIn(em, id, userId);
      if (!current) throw DomainError.notFound('The member');
      if (current === OWNER && !self && !Can.touchOwners(actorRole))
        throw DomainError.forbidden('Only an OWNER may remove an OWNER.');
      if (current === OWNER) await this.assertAnotherOwner(em, id, userId);
      await em.delete(MembershipEntity, { organizationId: id, userId });
    });
    return this.byIdOrFail(id);
  }

  /** Platform admins only (checked by the caller). Idempotent: one event on the first verification. */
  async verify(actorId: string, id: string): Promise<OrganizationEntity> {
    await this.db.transaction(async (em) => {
      if (await this.repo.markVerified(em, id))
        await this.outbox.add(em, DomainEvent.OrganizationVerified, {
          organizationId: id,
          actorId,
        });
      else if (!(await this.repo.exists(id, em))) throw DomainError.notFound('The organization');
    });
    return this.byIdOrFail(id);
  }

  /**
   * Account deletion: the person leaves every organization inside the caller's transaction. Each
   * organization's row is locked first (in id order), as membership changes do; being its last
   * OWNER is CONFLICT.
   */
  async leaveAll(em: EntityManager, userId: string): Promise<void> {
    for (const orgId of await this.repo.organizationIdsOf(em, userId)) {
      await this.repo.lock(em, orgId);
      if ((await this.roleIn(em, orgId, userId)) === OWNER) {
        if ((await this.repo.otherOwnerCount(em, orgId, userId)) === 0) {
          const name = await this.repo.nameOf(em, orgId);
          throw DomainError.conflict(
            `You are the last OWNER of ${name ?? 'an organization'}: make someone else an OWNER first.`,
          );
        }
      }
    }
    await this.repo.removeMemberships(em, userId);
  }

  /** The roles of `userId` in each of `orgIds` (absent when not a member). */
  async rolesOf(userId: string, orgIds: readonly string[]): Promise<MembershipEntity[]> {
    return this.members.findBy({ userId, organizationId: In([...orgIds]) });
  }

  /** The user's role in the organization (inside the caller's transaction when `em` is given). */
  async roleOf(
    userId: string,
    orgId: string,
    em?: EntityManager,
  ): Promise<OrganizationRole | null> {
    return this.roleIn(em ?? this.db.manager, orgId, userId);
  }

  /** The user's role in the organization (null: not a member); NOT_FOUND when there is no such organization. */
  async roleInExisting(
    orgId: string,
    userId: string,
    em?: EntityManager,
  ): Promise<OrganizationRole | null> {
    const org = await this.repo.roleInExisting(orgId, userId, em);
    if (!org) throw DomainError.notFound('The organization');
    return org.role;
  }

  exists(id: string, em?: EntityManager): Promise<boolean> {
    return this.repo.exists(id, em);
  }

  /** The ids of the members holding one of `roles`, in id order. */
  memberIdsWithRoles(
    orgId: string,
    roles: OrganizationRole[],
    em?: EntityManager,
  ): Promise<string[]> {
    return this.repo.memberIdsWithRoles(orgId, roles, em);
  }

  /** Members of each organization: OWNERs first, then ADMINs, then EDITORs, oldest first. */
  async membersOf(orgIds: readonly string[]): Promise<MembershipEntity[]> {
    const rows = await this.members.find({
      where: { organizationId: In([...orgIds]) },
      order: { createdAt: 'ASC', userId: 'ASC' },
    });
    return rows.sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role]);
  }

  /** The memberships of a user, newest first. */
  membershipsOf(userId: string): Promise<MembershipEntity[]> {
    return this.members.find({ where: { userId }, order: { createdAt: 'DESC' } });
  }

  /** The causes of each organization, as (organizationId, cause) pairs ordered by cause name. */
  async causesOf(
    orgIds: readonly string[],
  ): Promise<{ organizationId: string; cause: CauseEntity }[]> {
    const rows = await this.repo.causeRows(orgIds);
    const causes = new Map(
      (await this.causes.byIds([...new Set(rows.map((r) => r.id))])).map((c) => [c.id, c]),
    );
    return rows.map((r) => ({ organizationId: r.organization_id, cause: causes.get(r.id)! }));
  }

  /**
   * Newest first; with `causeSlug`, only organizations working on that cause; with `query`, by
   * weighted full-text rank (name above mission, prefix matching) through the GIN index.
   */
  async list({
    limit,
    after,
    query,
    causeSlug,
  }: OrganizationListArgs): Promise<Page<OrganizationEntity>> {
    const qb = this.orgs.createQueryBuilder('o');
    if (causeSlug) {
      const cause = await this.causes.bySlug(causeSlug);
      if (!cause) return toPage([], limit, () => [], 'organizations');
      qb.innerJoin(
        'organization_causes',
        'oc',
        'oc.organization_id = o.id AND oc.cause_id = :causeId',
        { causeId: cause.id },
      );
    }
    const tsq = prefixTsQuery(query);
    if (!tsq) {
      if (after)
        qb.andWhere('o.id < :id', {
          id: String(decodeCursor(after, { list: 'organizations', parts: ['uuid'] })[0]),
        });
      const rows = await qb
        .orderBy('o.id', 'DESC')
        .limit(limit + 1)
        .getMany();
      return toPage(rows, limit, (o) => [o.id], 'organizations');
    }
    qb.addSelect(rankSql('o'), 'rank').andWhere(`o.search @@ to_tsquery('english', :tsq)`, { tsq });
    if (after) {
      const [rank, id] = decodeCursor(after, {
        list: 'organization-search',
        parts: ['number', 'uuid'],
      });
      qb.andWhere(`(${rankSql('o')}, o.id) < (:rank::numeric, :id::uuid)`, {
        rank: String(rank),
        id: String(id),
      });
    }
    const { entities, raw } = await qb
      .orderBy('rank', 'DESC')
      .addOrderBy('o.id', 'DESC')
      .limit(limit + 1)
      .getRawAndEntities();
    const rankOf = new Map(raw.map((r: { o_id: string; rank: string }) => [r.o_id, r.rank]));
    return toPage(entities, limit, (o) => [rankOf.get(o.id)!, o.id], 'organization-search');
  }

  /** For each cause, its organizations newest first: one LATERAL query for all the causes. */
  async pagesForCauses(
    causeIds: string[],
    limit: number,
    after: string | null,
  ): Promise<Map<string, Page<OrganizationEntity>>> {
    const afterId = after
      ? String(decodeCursor(after, { list: 'organizations-of-cause', parts: ['uuid'] })[0])
      : null;
    const rows = await this.repo.idsByCause(causeIds, limit + 1, afterId);
    const orgs = new Map(
      (await this.byIds([...new Set(rows.map((r) => r.id))])).map((o) => [o.id, o]),
    );
    const pages = new Map<string, Page<OrganizationEntity>>();
    for (const causeId of causeIds) {
      const items = rows.filter((r) => r.cause_id === causeId).map((r) => orgs.get(r.id)!);
      pages.set(
        causeId,
        toPage(items, limit, (o) => [o.id], 'organizations-of-cause'),
      );
    }
    return pages;
  }

  private async setCauses(em: EntityManager, orgId: string, causeIds: string[]): Promise<void> {
    await this.repo.addCauses(em, orgId, causeIds);
  }

  /** Locks the organization row (membership changes to it take turns) and returns the actor's role. */
  private async lockAndRole(
    em: EntityManager,
    orgId: string,
    actorId: string,
  ): Promise<OrganizationRole | null> {
    if (!(await this.repo.lock(em, orgId))) throw DomainError.notFound('The organization');
    return this.roleIn(em, orgId, actorId);
  }

  private async roleIn(
    em: EntityManager,
    orgId: string,
    userId: string,
  ): Promise<OrganizationRole | null> {
    return this.repo.roleOf(orgId, userId, em);
  }

  private async assertAnotherOwner(
    em: EntityManager,
    orgId: string,
    leavingOwnerId: string,
  ): Promise<void> {
    if ((await this.repo.otherOwnerCount(em, orgId, leavingOwnerId)) === 0)
      throw DomainError.conflict('An organization must keep at least one OWNER.');
  }
}
