import { applyDecorators, Type } from '@nestjs/common';
import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import type { Page } from '@causeway/common';
import { IsSafeText } from './validators';

@ObjectType('PageInfo')
export class PageInfo {
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
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
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field(() => String) cursor!: string;
    @Field(() => node as Type<T>) node!: T;
  }
  @ObjectType(`${name}Connection`)
  class ConnectionType {
    @Field(() => [Edge]) edges!: Edge[];
    @Field(() => [node as Type<T>]) nodes!: T[];
    @Field(() => PageInfo) pageInfo!: PageInfo;
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
  @Field(() => Int, { nullable: true, defaultValue: 20 })
  @IsPageSize()
  first!: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500, { message: 'is not a cursor this server made' })
  after?: string | null;
}

/** A connection that may be narrowed by free text (at most 200 characters; words match as prefixes). */
@ArgsType()
export class SearchablePageArgs extends PageArgs {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @IsSafeText()
  @MaxLength(200, { message: 'must be at most 200 characters' })
  query?: string | null;
}

/** Argument shape of list fields that are not connections (`first` only, default 10). */
@ArgsType()
export class FirstArgs {
  @Field(() => Int, { nullable: true, defaultValue: 10 })
  @IsPageSize()
  first!: number;
}
