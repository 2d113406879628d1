import { applyDecorators, Type } from '@nestjs/common';
import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import type { Page } from '@causeway/common';
import type DataLoader from 'dataloader';
import type { PageKey } from './paged-loader';
import { IsSafeText } from './validators';

@ObjectType('PageInfo', {
  description: 'Where a page of a connection ends and whether more follow.',
})
export class PageInfo {
  @Field(() => Boolean, { description: 'True when another page follows this one.' })
  hasNextPage!: boolean;
  @Field(() => String, {
    nullable: true,
    description:
      "The last item's cursor: pass it as `after` for the next page; null on an empty page.",
  })
  endCursor!: string | null;
}

export interface ConnectionShape<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: PageInfo;
}

/** A Relay connection type (`<Name>Connection` with `<Name>Edge`) over `node`. */
export function Connection<T>(
  node: Type<T> | (() => unknown),
  name: string,
): Type<ConnectionShape<T>> {
  @ObjectType(`${name}Edge`, { description: `One ${name} of a page, with its cursor.` })
  class Edge {
    @Field(() => String, {
      description: 'Opaque position of this item: pass it as `after` to continue after it.',
    })
    cursor!: string;
    @Field(() => node as Type<T>, { description: `The ${name}.` }) node!: T;
  }
  @ObjectType(`${name}Connection`, {
    description: `A page of ${name} items (keyset pagination: stable while new items arrive).`,
  })
  class ConnectionType {
    @Field(() => [Edge], { description: 'The items of this page with their cursors.' })
    edges!: Edge[];
    @Field(() => [node as Type<T>], { description: 'The items of this page, without cursors.' })
    nodes!: T[];
    @Field(() => PageInfo, { description: 'Whether more items follow, and from where.' })
    pageInfo!: PageInfo;
  }
  return ConnectionType;
}

/** A service page as a connection, with each item turned into its GraphQL node by `map`. */
export function toConnection<R, T = R>(
  page: Page<R>,
  map: (row: R) => T = (r) => r as unknown as T,
): ConnectionShape<T> {
  const nodes = page.items.map(map);
  return {
    edges: nodes.map((node, i) => ({ cursor: page.cursors[i], node })),
    nodes,
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
  };
}

const FIRST_MESSAGE = { message: 'must be a whole number from 1 to 100' };
/** `first`: a whole number from 1 to 100 (BAD_USER_INPUT otherwise). */
export const IsPageSize = () =>
  // Omitted takes the default; an explicit null is refused like any other value out of range.
  applyDecorators(
    ValidateIf((_: unknown, v: unknown) => v !== undefined),
    IsInt(FIRST_MESSAGE),
    Min(1, FIRST_MESSAGE),
    Max(100, FIRST_MESSAGE),
  );

/** `first` (1..100, default 20) and `after` of every connection; out of range is BAD_USER_INPUT. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    nullable: true,
    defaultValue: 20,
    description: 'Page size: 1 to 100 (else BAD_USER_INPUT).',
  })
  @IsPageSize()
  first!: number;

  @Field(() => String, {
    nullable: true,
    description:
      'Start after this cursor (an endCursor or edge cursor from this connection); omit for the first page. A cursor this server did not make is BAD_USER_INPUT.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(500, { message: 'is not a cursor this server made' })
  after?: string | null;
}

/** A connection that may be narrowed by free text (at most 200 characters; words match as prefixes). */
@ArgsType()
export class SearchablePageArgs extends PageArgs {
  @Field(() => String, {
    nullable: true,
    description:
      'Free text, at most 200 characters: keeps items whose words start with its words; omit for all.',
  })
  @IsOptional()
  @IsString()
  @IsSafeText()
  @MaxLength(200, { message: 'must be at most 200 characters' })
  query?: string | null;
}

/** Argument shape of list fields that are not connections (`first` only, default 10). */
@ArgsType()
export class FirstArgs {
  @Field(() => Int, {
    nullable: true,
    defaultValue: 10,
    description: 'How many to return: 1 to 100 (else BAD_USER_INPUT).',
  })
  @IsPageSize()
  first!: number;
}

/**
 * One parent's page through a paged loader, as a connection: what every paged field resolver
 * (`cause { organizations(first, after) }`) returns.
 */
export async function connectionOf<T>(
  loader: DataLoader<PageKey, Page<T>, string>,
  parentId: string,
  { first, after }: Pick<PageArgs, 'first' | 'after'>,
): Promise<ConnectionShape<T>> {
  return toConnection(await loader.load({ parentId, limit: first, after: after ?? null }));
}
