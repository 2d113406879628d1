import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsDate, IsEnum, IsOptional, IsString, Length, Matches, ValidateBy } from 'class-validator';
import {
  isIso4217,
  GOAL_AMOUNT_MAX,
  PLEDGE_AMOUNT_MAX,
  PledgeKind,
  PledgeStatus,
} from '@causeway/pledges';
import { Connection } from '../graphql/connection';
import { BigIntValue } from '../graphql/scalars/big-int.scalar';
import { IsSafeText, Rules } from '../graphql/validators';

registerEnumType(PledgeKind, { name: 'PledgeKind' });
registerEnumType(PledgeStatus, { name: 'PledgeStatus' });

@ObjectType('Campaign')
export class Campaign {
  @Field(() => ID) id!: string;
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => PledgeKind) goalKind!: PledgeKind;
  @Field(() => BigIntValue) goalAmount!: bigint;
  @Field(() => String, {
    nullable: true,
    description: 'ISO-4217 code; set for MONEY campaigns only.',
  })
  currency!: string | null;
  @Field(() => BigIntValue, { description: 'Sum of PLEDGED and FULFILLED pledges.' })
  pledgedTotal!: bigint;
  @Field(() => BigIntValue, { description: 'Sum of FULFILLED pledges.' }) fulfilledTotal!: bigint;
  @Field(() => Int, { description: 'Number of PLEDGED and FULFILLED pledges.' })
  pledgeCount!: number;
  @Field(() => Date, { nullable: true }) endsAt!: Date | null;
  @Field(() => Date, {
    nullable: true,
    description: 'When pledgedTotal first reached goalAmount; null until then.',
  })
  goalReachedAt!: Date | null;
  @Field(() => Date) createdAt!: Date;
  /** Resolved by CampaignsResolver. */
  organizationId!: string;
  causeId!: string | null;
}

@ObjectType('Pledge')
export class Pledge {
  @Field(() => ID) id!: string;
  @Field(() => PledgeKind) kind!: PledgeKind;
  @Field(() => BigIntValue) amount!: bigint;
  @Field(() => String, { nullable: true }) currency!: string | null;
  @Field(() => PledgeStatus) status!: PledgeStatus;
  @Field(() => String, { nullable: true }) message!: string | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date, { nullable: true }) fulfilledAt!: Date | null;
  /** Resolved by PledgesResolver. */
  campaignId!: string;
  userId!: string;
}

export const CampaignConnection = Connection(Campaign, 'Campaign');
export const PledgeConnection = Connection(Pledge, 'Pledge');

/** A whole number from 1 to `max` (BigInt inputs arrive as bigint). */
const IsAmount = (max: bigint) =>
  ValidateBy({
    name: 'isAmount',
    validator: {
      validate: (v: unknown) => typeof v === 'bigint' && v >= 1n && v <= max,
      defaultMessage: () => `must be a whole number from 1 to ${max.toLocaleString('en')}`,
    },
  });

const IsCurrency = () =>
  ValidateBy({
    name: 'isIso4217',
    validator: {
      validate: isIso4217,
      defaultMessage: () => 'must be an ISO-4217 currency code in upper case, e.g. USD',
    },
  });

@InputType()
export class CreateCampaignInput {
  @Field(() => ID) @IsString() @Length(1, 100) organizationId!: string;
  @Field(() => String) @Rules.name() title!: string;
  @Field(() => String, { nullable: true }) @Rules.optional() @Rules.longText() description?:
    string | null;
  @Field(() => String, { nullable: true }) @Rules.optional() @Rules.slug() causeSlug?:
    string | null;
  @Field(() => PledgeKind) @IsEnum(PledgeKind) goalKind!: PledgeKind;
  @Field(() => BigIntValue) @IsAmount(GOAL_AMOUNT_MAX) goalAmount!: bigint;
  @Field(() => String, { nullable: true }) @IsOptional() @IsCurrency() currency?: string | null;
  @Field(() => Date, { nullable: true }) @IsOptional() @IsDate() endsAt?: Date | null;
}

@InputType()
export class PledgeInput {
  @Field(() => ID) @IsString() @Length(1, 100) campaignId!: string;
  @Field(() => BigIntValue) @IsAmount(PLEDGE_AMOUNT_MAX) amount!: bigint;
  @Field(() => String, {
    nullable: true,
    description: "MONEY campaigns: must equal the campaign's currency.",
  })
  @IsOptional()
  @IsCurrency()
  currency?: string | null;
  @Field(() => String, {
    description:
      'Client-chosen key: repeating a pledge with the same key returns the first pledge and counts once.',
  })
  @IsString()
  @IsSafeText()
  @Length(1, 200, { message: 'must be 1 to 200 characters' })
  idempotencyKey!: string;
  @Field(() => String, { nullable: true }) @Rules.optional() @Rules.longText() message?:
    string | null;
}
