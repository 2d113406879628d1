import { ArgsType, Field, ID, ObjectType } from '@nestjs/graphql';
import { IsString, MaxLength } from 'class-validator';
import { Connection } from '../graphql/connection';
import { Rules } from '../graphql/validators';

@ObjectType('Comment')
export class Comment {
  @Field(() => ID) id!: string;
  @Field(() => String) body!: string;
  @Field(() => Date) createdAt!: Date;
}

export const CommentConnection = Connection(Comment, 'Comment');

@ArgsType()
export class AddCommentArgs {
  @Field(() => ID)
  @IsString()
  @MaxLength(100, { message: 'must be an update id' })
  updateId!: string;
  @Field(() => String, { description: '1 to 2,000 characters.' }) @Rules.body(2000) body!: string;
}
