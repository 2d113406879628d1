import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import {
  decodeCursor,
  DomainError,
  ErrorCode,
  Page,
  prefixTsQuery,
  toPage,
} from '@causeway/common';
import { uniqueViolation } from '@causeway/database';
import { CauseEntity } from './cause.entity';
import { CausesRepository } from './causes.repository';

export interface NewCause {
  slug: string;
  name: string;
  description?: string | null;
  parentSlug?: string | null;
}

export interface CauseListArgs {
  limit: number;
  after?: string | null;
  query?: string | null;
}

/** SQL for a weighted full-text rank, rounded so that it survives a cursor exactly. */
export const rankSql = (alias: string, config: 'english' | 'simple' = 'english') =>
  `round(ts_rank(${alias}.search, to_tsquery('${config}', :tsq))::numeric, 6)`;

/** The cause taxonomy: lookups, listing and search, and admin creation. */
@Injectable()
export class CausesService {
  constructor(
    @InjectRepository(CauseEntity) private readonly causes: Repository<CauseEntity>,
    private readonly tree: CausesRepository,
  ) {}

  bySlug(slug: string): Promise<CauseEntity | null> {
    return this.causes.findOneBy({ slug: slug.toLowerCase() });
  }

  async byIdOrFail(id: string): Promise<CauseEntity> {
    const cause = await this.causes.findOneBy({ id });
    if (!cause) throw DomainError.notFound('The cause');
    return cause;
  }

  byIds(ids: readonly string[]): Promise<CauseEntity[]> {
    return this.causes.findBy({ id: In([...ids]) });
  }

  /** Children of each parent, by name. */
  childrenOf(parentIds: readonly string[]): Promise<CauseEntity[]> {
    return this.causes.find({
      where: { parentId: In([...parentIds]) },
      order: { name: 'ASC', id: 'ASC' },
    });
  }

  /**
   * The ids of the causes named by `slugs` (unknown slugs are BAD_USER_INPUT on `field`), in the
   * order given, without repeats.
   */
  async idsForSlugs(
    slugs: readonly string[] | null | undefined,
    field: string,
    em?: EntityManager,
  ): Promise<string[]> {
    const wanted = [...new Set((slugs ?? []).map((s) => s.toLowerCase()))];
    if (wanted.length === 0) return [];
    const repo = em ? em.getRepository(CauseEntity) : this.causes;
    const found = await repo.find({
      where: { slug: In(wanted) },
      select: { id: true, slug: true },
    });
    const bySlug = new Map(found.map((c) => [c.slug, c.id]));
    const unknown = wanted.filter((s) => !bySlug.has(s));
    if (unknown.length > 0)
      throw DomainError.badInput({ [field]: `names no cause: ${unknown.join(', ')}` });
    return wanted.map((s) => bySlug.get(s)!);
  }

  /** Causes by slug (A..Z), or by full-text rank when `query` has words. */
  async list({ limit, after, query }: CauseListArgs): Promise<Page<CauseEntity>> {
    const tsq = prefixTsQuery(query);
    const qb = this.causes.createQueryBuilder('c');
    if (!tsq) {
      if (after)
        qb.where('c.slug > :slug', {
          slug: String(decodeCursor(after, { list: 'causes', parts: ['text'] })[0]),
        });
      const rows = await qb
        .orderBy('c.slug', 'ASC')
        .limit(limit + 1)
        .getMany();
      return toPage(rows, limit, (c) => [c.slug], 'causes');
    }
    qb.addSelect(rankSql('c'), 'rank').where(`c.search @@ to_tsquery('english', :tsq)`, { tsq });
    if (after) {
      const [rank, id] = decodeCursor(after, { list: 'cause-search', parts: ['number', 'uuid'] });
      qb.andWhere(`(${rankSql('c')}, c.id) < (:rank::numeric, :id::uuid)`, {
        rank: String(rank),
        id: String(id),
      });
    }
    const { entities, raw } = await qb
      .orderBy('rank', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .limit(limit + 1)
      .getRawAndEntities();
    const rankOf = new Map(raw.map((r: { c_id: string; rank: string }) => [r.c_id, r.rank]));
    return toPage(entities, limit, (c) => [rankOf.get(c.id)!, c.id], 'cause-search');
  }

  /** Platform admins only (checked by the caller). A taken slug is CONFLICT. */
  async create(input: NewCause): Promise<CauseEntity> {
    let parentId: string | null = null;
    if (input.parentSlug) {
      const parent = await this.bySlug(input.parentSlug);
      if (!parent) throw DomainError.badInput({ parentSlug: 'names no cause' });
      parentId = parent.id;
    }
    const cause = this.causes.create({
      slug: input.slug.toLowerCase(),
      name: input.name,
      description: input.description || null,
      parentId,
    });
    try {
      await this.causes.insert(cause);
    } catch (err) {
      if (uniqueViolation(err) === 'causes_slug_key') {
        throw new DomainError(ErrorCode.Conflict, 'That slug is taken.', {
          fields: { slug: 'is taken' },
        });
      }
      throw err;
    }
    return (await this.causes.findOneBy({ id: cause.id }))!;
  }

  /** Each cause id with every ancestor of it (itself included). */
  withAncestors(ids: readonly string[], em?: EntityManager): Promise<string[]> {
    return this.tree.withAncestors(ids, em);
  }
}
