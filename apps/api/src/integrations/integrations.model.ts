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
  valuesMap: { PING: { description: 'Only from pingWebhook.' } },
});
registerEnumType(WebhookDeliveryStatus, { name: 'WebhookDeliveryStatus' });
registerEnumType(DataExportStatus, { name: 'DataExportStatus' });

@ObjectType('WebhookDelivery', {
  description: 'One event sent (or being sent) to one webhook, with its attempts.',
})
export class WebhookDelivery {
  @Field(() => ID) id!: string;
  @Field(() => String, {
    description: 'The webhook-id header: the same on every attempt of this delivery.',
  })
  messageId!: string;
  @Field(() => WebhookEvent) event!: WebhookEvent;
  @Field(() => WebhookDeliveryStatus) status!: WebhookDeliveryStatus;
  @Field(() => Int) attempts!: number;
  @Field(() => Int, {
    nullable: true,
    description:
      "The receiver's HTTP status on the last attempt; null when it could not be reached.",
  })
  responseStatus!: number | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date, { nullable: true }) nextAttemptAt!: Date | null;
}

export const WebhookDeliveryConnection = Connection(WebhookDelivery, 'WebhookDelivery');

@ObjectType('Webhook', {
  description: "An endpoint of an organization's own tools that receives its events, signed.",
})
export class Webhook {
  @Field(() => ID) id!: string;
  @Field(() => String) url!: string;
  @Field(() => [WebhookEvent]) events!: WebhookEvent[];
  @Field(() => Boolean, {
    description:
      'False after it was disabled for failing too long; creating a new one or rotating re-enables.',
  })
  active!: boolean;
  @Field(() => Date) createdAt!: Date;
}

@ObjectType('WebhookWithSecret', { description: 'The signing secret is shown here only, once.' })
export class WebhookWithSecret {
  @Field(() => Webhook) webhook!: Webhook;
  @Field(() => String, { description: 'whsec_ followed by base64 of at least 24 random bytes.' })
  secret!: string;
}

@InputType()
export class CreateWebhookInput {
  @Field(() => ID) @IsString() @Length(1, 100) organizationId!: string;
  @Field(() => String)
  @IsString()
  @IsSafeText()
  @MaxLength(2000, { message: 'must be at most 2,000 characters' })
  url!: string;
  @Field(() => [WebhookEvent])
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
  @Field(() => ID) id!: string;
  @Field(() => DataExportStatus) status!: DataExportStatus;
  @Field(() => Date) createdAt!: Date;
  @Field(() => String, {
    nullable: true,
    description: 'A path on the API, usable without a bearer token while READY (24 hours).',
  })
  downloadUrl!: string | null;
}
