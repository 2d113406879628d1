import { ArgsType, Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ArrayMaxSize, IsOptional, IsUUID } from 'class-validator';
import { NotificationType } from '@causeway/notifications';
import { Connection } from '../graphql/connection';

registerEnumType(NotificationType, { name: 'NotificationType' });

@ObjectType('Notification')
export class Notification {
  @Field(() => ID) id!: string;
  @Field(() => NotificationType) type!: NotificationType;
  @Field(() => Date, { description: 'When the latest event it stands for happened.' })
  createdAt!: Date;
  @Field(() => Int, {
    description:
      'How many events it stands for: unread NEW_FOLLOWER, UPDATE_COMMENTED, UPDATE_REACTED and PLEDGE_RECEIVED notifications about the same subject fold into one (actor is the latest).',
  })
  eventCount!: number;
}

export const NotificationConnection = Connection(Notification, 'Notification');

@ArgsType()
export class MarkNotificationsReadArgs {
  @Field(() => [ID], { nullable: true, description: 'Omit to mark all read.' })
  @IsOptional()
  @ArrayMaxSize(100, { message: 'must name at most 100 notifications' })
  @IsUUID('all', { each: true, message: 'must be notification ids' })
  ids?: string[] | null;
}
