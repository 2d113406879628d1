import { ArgsType, Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ArrayMaxSize, IsOptional, IsUUID } from 'class-validator';
import { NotificationType } from '@causeway/notifications';
import { Connection } from '../graphql/connection';

registerEnumType(NotificationType, {
  name: 'NotificationType',
  description: 'What a notification tells; its other fields name who and what.',
  valuesMap: {
    NEW_FOLLOWER: {
      description:
        'Someone (actor) followed the viewer, or an organization (organization) the viewer is OWNER or ADMIN of.',
    },
    UPDATE_COMMENTED: { description: "Someone (actor) commented on the viewer's update (update)." },
    UPDATE_REACTED: { description: "Someone (actor) reacted to the viewer's update (update)." },
    PLEDGE_RECEIVED: {
      description:
        'Someone (actor) pledged to a campaign (campaign) of an organization the viewer is OWNER or ADMIN of.',
    },
    PLEDGE_FULFILLED: { description: "The viewer's pledge to campaign was marked fulfilled." },
    CAMPAIGN_GOAL_REACHED: {
      description:
        "A campaign (campaign) the viewer pledged to, or of the viewer's organization, reached its goal.",
    },
    MEMBERSHIP_GRANTED: {
      description: 'The viewer was made a member of an organization (organization).',
    },
    ORGANIZATION_VERIFIED: {
      description: 'An organization (organization) the viewer owns was verified.',
    },
    WEBHOOK_DISABLED: {
      description:
        "One of the organization's (organization) webhooks failed for too long and was disabled (to its OWNERs).",
    },
  },
});

@ObjectType('Notification', { description: 'Something that happened that concerns the viewer.' })
export class Notification {
  @Field(() => ID, { description: 'Stable id (a UUID).' }) id!: string;
  @Field(() => NotificationType, { description: 'What happened.' }) type!: NotificationType;
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
