import { ArgsType, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Connection, SearchablePageArgs } from '../graphql/connection';
import { Rules } from '../graphql/validators';

@ObjectType('Cause', {
  description:
    'A topic people and organizations work on (education, climate, ...), in a tree: a cause may sit under a parent cause.',
})
export class Cause {
  @Field(() => ID, { description: 'Stable id (a UUID).' }) id!: string;
  @Field(() => String, {
    description: 'Unique name in URLs: 3 to 60 characters of a-z, 0-9 and -.',
  })
  slug!: string;
  @Field(() => String, { description: 'Display name, 1 to 100 characters.' }) name!: string;
  @Field(() => String, {
    nullable: true,
    description: 'At most 2,000 characters; null when not set.',
  })
  description!: string | null;
  @Field(() => Int, {
    description: 'How many people follow this cause (exact once a follow returns).',
  })
  followerCount!: number;
  @Field(() => Date, { description: 'When the cause was created.' }) createdAt!: Date;
  /** Resolved by CausesResolver.parent. */
  parentId!: string | null;
}

export const CauseConnection = Connection(Cause, 'Cause');

@InputType({ description: 'A new cause. A taken slug is CONFLICT.' })
export class CreateCauseInput {
  @Field(() => String, { description: '3 to 60 characters of a-z, 0-9 and -; unique.' })
  @Rules.slug()
  slug!: string;
  @Field(() => String, { description: '1 to 100 characters after trimming.' })
  @Rules.name()
  name!: string;
  @Field(() => String, { nullable: true, description: 'At most 2,000 characters.' })
  @Rules.optional()
  @Rules.longText()
  description?: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      'Slug of the cause to place it under (BAD_USER_INPUT when it names none); omit for a top-level cause.',
  })
  @Rules.optional()
  @Rules.slug()
  parentSlug?: string | null;
}

@ArgsType()
export class CausesArgs extends SearchablePageArgs {}
