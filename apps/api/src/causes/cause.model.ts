import { ArgsType, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Connection, SearchablePageArgs } from '../graphql/connection';
import { Rules } from '../graphql/validators';

@ObjectType('Cause')
export class Cause {
  @Field(() => ID) id!: string;
  @Field(() => String) slug!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => Int) followerCount!: number;
  @Field(() => Date) createdAt!: Date;
  /** Resolved by CausesResolver.parent. */
  parentId!: string | null;
}

export const CauseConnection = Connection(Cause, 'Cause');

@InputType()
export class CreateCauseInput {
  @Field(() => String) @Rules.slug() slug!: string;
  @Field(() => String) @Rules.name() name!: string;
  @Field(() => String, { nullable: true }) @Rules.optional() @Rules.longText() description?:
    string | null;
  @Field(() => String, { nullable: true }) @Rules.optional() @Rules.slug() parentSlug?:
    string | null;
}

@ArgsType()
export class CausesArgs extends SearchablePageArgs {}
