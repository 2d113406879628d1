import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import { DomainError, isUuid, Page, uuidv7 } from '@causeway/common';
import { CausesService } from '@causeway/causes';
import { Can, OrganizationsService } from '@causeway/organizations';
import { CampaignEntity, PledgeKind } from './campaign.entity';
import { hydratePages, lateralIdPages } from './lateral-pages';
import { checkCurrency } from './pledge-rules';

export interface NewCampaign {
  organizationId: string;
  title: string;
  description?: string | null;
  causeSlug?: string | null;
  goalKind: PledgeKind;
  /** Validated by the caller: 1..GOAL_AMOUNT_MAX. */
  goalAmount: bigint;
  currency?: string | null;
  endsAt?: Date | null;
}

/** Campaigns: creation by an organization's publishers, lookups and per-parent pages. */
@Injectable()
export class CampaignsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectRepository(CampaignEntity) private readonly campaigns: Repository<CampaignEntity>,
    private readonly organizations: OrganizationsService,
    private readonly causes: CausesService,
  ) {}

  /** Fresh rows (totals included) for the given ids; unknown ids are left out. */
  byIds(ids: readonly string[]): Promise<CampaignEntity[]> {
    const valid = ids.filter(isUuid);
    return valid.length ? this.campaigns.findBy({ id: In(valid) }) : Promise.resolve([]);
  }

  /** A fresh read of one campaign, or null (also for ids that are not UUIDs). */
  byId(id: string): Promise<CampaignEntity | null> {
    return isUuid(id) ? this.campaigns.findOneBy({ id }) : Promise.resolve(null);
  }

  /** The organization of the campaign, or undefined when there is no such campaign. */
  async organizationOf(id: string, em?: EntityManager): Promise<string | undefined> {
    const campaign = await (em ? em.getRepository(CampaignEntity) : this.campaigns).findOne({
      where: { id },
      select: { id: true, organizationId: true },
    });
    return campaign?.organizationId;
  }

  async byIdOrFail(id: string): Promise<CampaignEntity> {
    const campaign = await this.byId(id);
    if (!campaign) throw DomainError.notFound('The campaign');
    return campaign;
  }

  /** OWNER, ADMIN or EDITOR of the organization. */
  async create(actorId: string, input: NewCampaign): Promise<CampaignEntity> {
    checkCurrency(input.goalKind, input.currency);
    if (input.endsAt && input.endsAt.getTime() <= Date.now())
      throw DomainError.badInput({ endsAt: 'must be in the future' });
    const org = await this.organizations.byIdOrFail(input.organizationId);
    if (!Can.publish(await this.organizations.roleOf(actorId, org.id))) {
      throw DomainError.forbidden(
        'Only an OWNER, ADMIN or EDITOR of the organization may create its campaigns.',
      );
    }
    const [causeId] = input.causeSlug
      ? await this.causes.idsForSlugs([input.causeSlug], 'causeSlug')
      : [null];
    const id = uuidv7();
    await this.db.query(
      `INSERT INTO campaigns (id, organization_id, cause_id, created_by_id, title, description, goal_kind, goal_amount, currency, ends_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        id,
        org.id,
        causeId,
        actorId,
        input.title,
        input.description || null,
        input.goalKind,
        input.goalAmount.toString(),
        input.currency ?? null,
        input.endsAt ?? null,
      ],
    );
    return this.byIdOrFail(id);
  }

  /** For each organization, its campaigns newest first. */
  async pagesForOrganizations(
    orgIds: string[],
    limit: number,
    after: string | null,
  ): Promise<Map<string, Page<CampaignEntity>>> {
    return hydratePages(
      await lateralIdPages(this.db, 'campaigns', 'organization_id', orgIds, limit, after),
      (ids) => this.byIds(ids),
    );
  }

  /** For each cause, its campaigns newest first. */
  async pagesForCauses(
    causeIds: string[],
    limit: number,
    after: string | null,
  ): Promise<Map<string, Page<CampaignEntity>>> {
    return hydratePages(
      await lateralIdPages(this.db, 'campaigns', 'cause_id', causeIds, limit, after),
      (ids) => this.byIds(ids),
    );
  }
}
