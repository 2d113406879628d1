import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ArrayMaxSize, IsOptional, IsUUID } from 'class-validator';
import { Connection } from '../graphql/connection';
import { Rules } from '../graphql/validators';

@ObjectType('Update')
export class Update {
  @Field(() => ID) id!: string;
  @Field(() => String) body!: string;
  @Field(() => String, { nullable: true }) linkUrl!: string | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Int) commentCount!: number;
  @Field(() => Int) reactionCount!: number;
}

export const UpdateConnection = Connection(Update, 'Update');

@InputType()
export class PostUpdateInput {
  @Field(() => String) @Rules.body(5000) body!: string;
  @Field(() => ID, {
    nullable: true,
    description:
      'Post on behalf of this organization (EDITOR or above); omit for a personal update.',
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be an organization id' })
  organizationId?: string | null;
  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(10, { message: 'must name at most 10 causes' })
  @Rules.slug({ each: true })
  causeSlugs?: string[] | null;
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'must be a campaign id' })
  campaignId?: string | null;
  @Field(() => String, { nullable: true }) @Rules.optional() @Rules.url() linkUrl?: string | null;
}
