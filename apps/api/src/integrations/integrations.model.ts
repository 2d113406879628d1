import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEnum,
  IsString,
  Length,
  MaxLength,
} from 'class-validator';
import { DataExportStatus } from '@causeway/ownership';
import { WebhookDeliveryStatus, WebhookEvent } from '@causeway/webhooks';
import { Connection } from '../graphql/connection';
import { IsSafeText } from '../graphql/validators';

registerEnumType(WebhookEvent, {
  name: 'WebhookEvent',
  description: "Events an organization's webhook can receive.",
  valuesMap: {
    UPDATE_POSTED: {
      description: 'An update was posted on behalf of the organization (update.posted).',
    },
    NEW_FOLLOWER: { description: 'Someone followed the organization (follower.new).' },
    PLEDGE_RECEIVED: {
      description: 'A pledge was made to one of its campaigns (pledge.received).',
    },
    PLEDGE_CANCELLED: { description: 'A pledger cancelled a pledge (pledge.cancelled).' },
    PLEDGE_FULFILLED: { description: 'A pledge was marked fulfilled (pledge.fulfilled).' },
    CAMPAIGN_GOAL_REACHED: {
      description: "A campaign's pledged total first reached its goal (campaign.goal_reached).",
    },
    PING: { description: 'Only from pingWebhook (webhook.ping).' },
  },
});
registerEnumType(WebhookDeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  description: 'Where a delivery stands.',
  valuesMap: {
    PENDING: { description: 'Not delivered yet: waiting for its first attempt or a retry.' },
    SUCCEEDED: { description: 'The receiver answered 2xx within 10 seconds.' },
    FAILED: {
      description:
        'Given up: every retry failed (the last about a day after the first attempt), or the webhook was disabled.',
    },
  },
});
registerEnumType(DataExportStatus, {
  name: 'DataExportStatus',
  description: 'Where a data export stands.',
  valuesMap: {
    PENDING: { description: 'The worker is building the archive.' },
    READY: { description: 'downloadUrl works (for 24 hours from when it became ready).' },
    EXPIRED: { description: 'The archive was deleted after 24 hours; request a new export.' },
  },
});

@ObjectType('WebhookDelivery', {
  description: 'One event sent (or being sent) to one webhook, with its attempts.',
})
export class WebhookDelivery {
  @Field(() => ID, { description: 'Stable id (a UUID).' }) id!: string;
  @Field(() => String, {
    description: 'The webhook-id header: the same on every attempt of this delivery.',
  })
  messageId!: string;
  @Field(() => WebhookEvent, { description: 'The event it carries.' }) event!: WebhookEvent;
  @Field(() => WebhookDeliveryStatus, { description: 'Where it stands.' })
  status!: WebhookDeliveryStatus;
  @Field(() => Int, { description: 'How many times it was sent so far (0 before the first).' })
  attempts!: number;
  @Field(() => Int, {
    nullable: true,
    description:
      "The receiver's HTTP status on the last attempt; null when it could not be reached.",
  })
  responseStatus!: number | null;
  @Field(() => Date, { description: 'When the event was queued for this webhook.' })
  createdAt!: Date;
  @Field(() => Date, {
    nullable: true,
    description: 'When the next attempt is due while PENDING; null once SUCCEEDED or FAILED.',
  })
  nextAttemptAt!: Date | null;
}

export const WebhookDeliveryConnection = Connection(WebhookDelivery, 'WebhookDelivery');

@ObjectType('Webhook', {
  description: "An endpoint of an organization's own tools that receives its events, signed.",
})
export class Webhook {
  @Field(() => ID, { description: 'Stable id (a UUID).' }) id!: string;
  @Field(() => String, {
    description: 'Where events are POSTed: an https URL on a public address.',
  })
  url!: string;
  @Field(() => [WebhookEvent], { description: 'The events it receives.' })
  events!: WebhookEvent[];
  @Field(() => Boolean, {
    description:
      'False after it was disabled for failing too long; creating a new one or rotating re-enables.',
  })
  active!: boolean;
  @Field(() => Date, { description: 'When it was created.' }) createdAt!: Date;
}

@ObjectType('WebhookWithSecret', { description: 'The signing secret is shown here only, once.' })
export class WebhookWithSecret {
  @Field(() => Webhook, { description: 'The webhook created or rotated.' }) webhook!: Webhook;
  @Field(() => String, { description: 'whsec_ followed by base64 of at least 24 random bytes.' })
  secret!: string;
}

@InputType({ description: "A new webhook for an organization's own tools." })
export class CreateWebhookInput {
  @Field(() => ID, {
    description: 'The organization whose events it receives (OWNER or ADMIN, else FORBIDDEN).',
  })
  @IsString()
  @Length(1, 100)
  organizationId!: string;
  @Field(() => String, {
    description:
      'An https URL on a public address, at most 2,000 characters (else BAD_USER_INPUT); redirects are not followed.',
  })
  @IsString()
  @IsSafeText()
  @MaxLength(2000, { message: 'must be at most 2,000 characters' })
  url!: string;
  @Field(() => [WebhookEvent], { description: '1 to 20 events to receive.' })
  @IsArray()
  @ArrayMinSize(1, { message: 'must name at least one event' })
  @ArrayMaxSize(20)
  @IsEnum(WebhookEvent, { each: true })
  events!: WebhookEvent[];
}

@ObjectType('DataExport', {
  description: 'A JSON archive of what the viewer made, follows and pledged.',
})
export class DataExport {
  @Field(() => ID, { description: 'Stable id (a UUID).' }) id!: string;
  @Field(() => DataExportStatus, { description: 'Where the export stands.' })
  status!: DataExportStatus;
  @Field(() => Date, { description: 'When it was requested.' }) createdAt!: Date;
  @Field(() => String, {
    nullable: true,
    description: 'A path on the API, usable without a bearer token while READY (24 hours).',
  })
  downloadUrl!: string | null;
}
