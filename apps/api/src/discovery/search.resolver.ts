import { Args, Context, createUnionType, Int, Query, Resolver } from '@nestjs/graphql';
import { ArgsType, Field } from '@nestjs/graphql';
import { IsString, MaxLength } from 'class-validator';
import { UserEntity } from '@causeway/accounts';
import { CauseEntity } from '@causeway/causes';
import { SearchKind, SearchService } from '@causeway/discovery';
import { UpdateEntity } from '@causeway/updates';
import { Update } from '../updates/update.model';
import { OrganizationEntity } from '@causeway/organizations';
import { User } from '../accounts/user.model';
import { Cause } from '../causes/cause.model';
import { FirstArgs, IsPageSize } from '../graphql/connection';
import type { GqlContext } from '../graphql/context';
import { IsSafeText } from '../graphql/validators';
import { Organization } from '../organizations/organization.model';

type Hit = (CauseEntity | OrganizationEntity | UserEntity | UpdateEntity) & { __kind: SearchKind };

export const SearchResult = createUnionType({
  name: 'SearchResult',
  description: 'One hit of search: a cause, an organization, an update or a person.',
  types: () => [Cause, Organization, Update, User] as const,
  resolveType: (hit: Hit) =>
    ({ CAUSE: Cause, ORGANIZATION: Organization, USER: User, UPDATE: Update })[hit.__kind],
});

@ArgsType()
class SearchArgs {
  @Field(() => String, {
    description: 'Free text, at most 200 characters; its words match as prefixes.',
  })
  @IsString()
  @IsSafeText()
  @MaxLength(200, { message: 'must be at most 200 characters' })
  query!: string;
  @Field(() => Int, {
    nullable: true,
    defaultValue: 20,
    description: 'How many hits at most: 1 to 100 (else BAD_USER_INPUT).',
  })
  @IsPageSize()
  first!: number;
}

@Resolver()
export class SearchResolver {
  constructor(private readonly search: SearchService) {}

  @Query(() => [SearchResult], {
    name: 'search',
    description:
      'Causes, organizations, people and updates whose words start with the words of the query, best match first.',
  })
  async searchAll(
    @Args() { query, first }: SearchArgs,
    @Context() { viewer, loaders }: GqlContext,
  ): Promise<Hit[]> {
    const hits = await this.search.search(query, first, viewer?.id ?? null);
    const found = await Promise.all(
      hits.map(async (h) => {
        const load = {
          CAUSE: loaders.causes,
          ORGANIZATION: loaders.organizations,
          USER: loaders.users,
          UPDATE: loaders.visibleUpdates,
        }[h.kind];
        const row = await (load as { load(id: string): Promise<Hit | null> }).load(h.id);
        return row ? Object.assign(row, { __kind: h.kind }) : null;
      }),
    );
    return found.filter((x): x is Hit => x !== null);
  }

  @Query(() => [Cause], {
    description:
      'Causes followed by people who follow what the viewer follows; the most followed for new or anonymous viewers. Never what the viewer follows.',
  })
  async suggestedCauses(
    @Args() { first }: FirstArgs,
    @Context() { viewer, loaders }: GqlContext,
  ): Promise<CauseEntity[]> {
    const ids = await this.search.suggest('CAUSE', viewer?.id ?? null, first);
    return (await loaders.causes.loadMany(ids)).filter(
      (c): c is CauseEntity => c instanceof CauseEntity,
    );
  }

  @Query(() => [Organization], {
    description:
      'Organizations followed by people who follow what the viewer follows; the most followed for new or anonymous viewers. Never what the viewer follows.',
  })
  async suggestedOrganizations(
    @Args() { first }: FirstArgs,
    @Context() { viewer, loaders }: GqlContext,
  ): Promise<OrganizationEntity[]> {
    const ids = await this.search.suggest('ORGANIZATION', viewer?.id ?? null, first);
    return (await loaders.organizations.loadMany(ids)).filter(
      (o): o is OrganizationEntity => o instanceof OrganizationEntity,
    );
  }
}
