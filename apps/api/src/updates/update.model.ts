import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ArrayMaxSize, IsOptional, IsUUID } from 'class-validator';
import { Connection } from '../graphql/connection';
import { Rules } from '../graphql/validators';

@ObjectType('Update', {
  description:
    "A post by a person, personal or on behalf of an organization, tagged with causes; it reaches their followers' feeds.",
})
export class Update {
  @Field(() => ID, { description: 'Stable id (a UUIDv7: sorts by creation time).' }) id!: string;
  @Field(() => String, { description: 'Plain text, 1 to 5,000 characters.' }) body!: string;
  @Field(() => String, {
    nullable: true,
    description: 'A link (http or https) shared with it; null when none.',
  })
  linkUrl!: string | null;
  @Field(() => Date, { description: 'When it was posted.' }) createdAt!: Date;
  @Field(() => Int, { description: 'How many comments it has.' })
  commentCount!: number;
  @Field(() => Int, { description: 'How many people reacted to it.' }) reactionCount!: number;
}

export const UpdateConnection = Connection(Update, 'Update');

@InputType({ description: 'A new update.' })
export class PostUpdateInput {
  @Field(() => String, { description: '1 to 5,000 characters.' })
  @Rules.body(5000)
  body!: string;
  @Field(() => ID, {
    nullable: true,
    description:
      'Post on behalf of this organization (EDITOR or above); omit for a personal update.',
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be an organization id' })
  organizationId?: string | null;
  @Field(() => [String], {
    nullable: true,
    description:
      'Slugs of at most 10 causes to tag it with (one naming no cause is BAD_USER_INPUT); followers of each (and its ancestors) receive it.',
  })
  @IsOptional()
  @ArrayMaxSize(10, { message: 'must name at most 10 causes' })
  @Rules.slug({ each: true })
  causeSlugs?: string[] | null;
  @Field(() => ID, {
    nullable: true,
    description:
      "A campaign of the update's organization to attach (else BAD_USER_INPUT); omit for none.",
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be a campaign id' })
  campaignId?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'An http or https URL, at most 2,000 characters.',
  })
  @Rules.optional()
  @Rules.url()
  linkUrl?: string | null;
}
