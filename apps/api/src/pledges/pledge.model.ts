import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsDate, IsEnum, IsOptional, IsString, Length, ValidateBy } from 'class-validator';
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

registerEnumType(PledgeKind, {
  name: 'PledgeKind',
  description: 'What a campaign asks for, and so the unit of its amounts.',
  valuesMap: {
    MONEY: { description: "Money, in the currency's minor unit (cents for USD)." },
    TIME: { description: 'Volunteered time, in minutes.' },
    ACTION: { description: 'Actions taken (signatures, calls, ...), as a count.' },
  },
});
registerEnumType(PledgeStatus, {
  name: 'PledgeStatus',
  description: 'Where a pledge stands: PLEDGED, then FULFILLED or CANCELLED (nothing else).',
  valuesMap: {
    PLEDGED: { description: 'Promised; counts toward pledgedTotal.' },
    FULFILLED: {
      description:
        "Marked done by an OWNER or ADMIN of the campaign's organization; counts toward both totals.",
    },
    CANCELLED: { description: 'Withdrawn by the pledger; counts toward no total.' },
  },
});

const AMOUNT_UNIT = 'in the unit of the kind (minor currency unit, minutes or actions)';

@ObjectType('Campaign', {
  description: 'An organization asking for money, time or actions toward a goal, with live totals.',
})
export class Campaign {
  @Field(() => ID, { description: 'Stable id (a UUID).' }) id!: string;
  @Field(() => String, { description: '1 to 100 characters.' }) title!: string;
  @Field(() => String, {
    nullable: true,
    description: 'At most 2,000 characters; null when not set.',
  })
  description!: string | null;
  @Field(() => PledgeKind, { description: 'What it asks for; every pledge to it is of this kind.' })
  goalKind!: PledgeKind;
  @Field(() => BigIntValue, { description: `The goal, ${AMOUNT_UNIT}.` }) goalAmount!: bigint;
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
  @Field(() => Date, {
    nullable: true,
    description: 'After this, pledging is CONFLICT; null when it runs without an end.',
  })
  endsAt!: Date | null;
  @Field(() => Date, {
    nullable: true,
    description: 'When pledgedTotal first reached goalAmount; null until then.',
  })
  goalReachedAt!: Date | null;
  @Field(() => Date, { description: 'When it was created.' }) createdAt!: Date;
  /** Resolved by CampaignsResolver. */
  organizationId!: string;
  causeId!: string | null;
}

@ObjectType('Pledge', {
  description: "A person's promise of money, time or actions to a campaign.",
})
export class Pledge {
  @Field(() => ID, { description: 'Stable id (a UUID).' }) id!: string;
  @Field(() => PledgeKind, { description: "Its campaign's goalKind." }) kind!: PledgeKind;
  @Field(() => BigIntValue, { description: `How much, ${AMOUNT_UNIT}: 1 to 10^12.` })
  amount!: bigint;
  @Field(() => String, {
    nullable: true,
    description: 'ISO-4217 code for MONEY pledges; null for TIME and ACTION.',
  })
  currency!: string | null;
  @Field(() => PledgeStatus, { description: 'Where it stands.' }) status!: PledgeStatus;
  @Field(() => String, {
    nullable: true,
    description: "The pledger's note, at most 2,000 characters; null when none.",
  })
  message!: string | null;
  @Field(() => Date, { description: 'When it was made.' }) createdAt!: Date;
  @Field(() => Date, {
    nullable: true,
    description: 'When it was marked FULFILLED; null until then.',
  })
  fulfilledAt!: Date | null;
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

@InputType({ description: 'A new campaign of an organization.' })
export class CreateCampaignInput {
  @Field(() => ID, {
    description: 'The organization running it (OWNER, ADMIN or EDITOR, else FORBIDDEN).',
  })
  @IsString()
  @Length(1, 100)
  organizationId!: string;
  @Field(() => String, { description: '1 to 100 characters after trimming.' })
  @Rules.name()
  title!: string;
  @Field(() => String, { nullable: true, description: 'At most 2,000 characters.' })
  @Rules.optional()
  @Rules.longText()
  description?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Slug of the cause it serves (BAD_USER_INPUT when it names none); omit for none.',
  })
  @Rules.optional()
  @Rules.slug()
  causeSlug?: string | null;
  @Field(() => PledgeKind, { description: 'What it asks for.' })
  @IsEnum(PledgeKind)
  goalKind!: PledgeKind;
  @Field(() => BigIntValue, { description: `The goal, ${AMOUNT_UNIT}: 1 to 10^15.` })
  @IsAmount(GOAL_AMOUNT_MAX)
  goalAmount!: bigint;
  @Field(() => String, {
    nullable: true,
    description:
      'An ISO-4217 code in upper case (e.g. USD): required for MONEY, must be omitted for TIME and ACTION (else BAD_USER_INPUT).',
  })
  @IsOptional()
  @IsCurrency()
  currency?: string | null;
  @Field(() => Date, {
    nullable: true,
    description: 'When pledging closes: in the future (else BAD_USER_INPUT); omit for no end.',
  })
  @IsOptional()
  @IsDate()
  endsAt?: Date | null;
}

@InputType({
  description:
    'A pledge to a campaign: NOT_FOUND for an unknown campaign, CONFLICT after its endsAt or when idempotencyKey was used with different values.',
})
export class PledgeInput {
  @Field(() => ID, { description: 'The campaign to pledge to.' })
  @IsString()
  @Length(1, 100)
  campaignId!: string;
  @Field(() => BigIntValue, { description: `How much, ${AMOUNT_UNIT}: 1 to 10^12.` })
  @IsAmount(PLEDGE_AMOUNT_MAX)
  amount!: bigint;
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
  @Field(() => String, {
    nullable: true,
    description: 'A note to the organization, at most 2,000 characters.',
  })
  @Rules.optional()
  @Rules.longText()
  message?: string | null;
}
