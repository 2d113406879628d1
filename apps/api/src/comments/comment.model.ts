import { ArgsType, Field, ID, ObjectType } from '@nestjs/graphql';
import { IsString, MaxLength } from 'class-validator';
import { Connection } from '../graphql/connection';
import { Rules } from '../graphql/validators';

@ObjectType('Comment', { description: "A person's reply to an update." })
export class Comment {
  @Field(() => ID, { description: 'Stable id (a UUID).' }) id!: string;
  @Field(() => String, { description: 'Plain text, 1 to 2,000 characters.' }) body!: string;
  @Field(() => Date, { description: 'When it was posted.' }) createdAt!: Date;
}

export const CommentConnection = Connection(Comment, 'Comment');

@ArgsType()
export class AddCommentArgs {
  @Field(() => ID, {
    description:
      'The update to comment on; NOT_FOUND when it is deleted, hidden or not visible to the viewer.',
  })
  @IsString()
  @MaxLength(100, { message: 'must be an update id' })
  updateId!: string;
  @Field(() => String, { description: '1 to 2,000 characters.' }) @Rules.body(2000) body!: string;
}
