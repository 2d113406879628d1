import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ArrayMaxSize, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { OrganizationRole } from '@causeway/organizations';
import { Connection, SearchablePageArgs } from '../graphql/connection';
import { Rules } from '../graphql/validators';

registerEnumType(OrganizationRole, {
  name: 'OrganizationRole',
  description: "A member's role in an organization, from most to least powerful.",
  valuesMap: {
    OWNER: {
      description:
        'Everything an ADMIN may do, plus granting or removing OWNER; an organization always keeps one.',
    },
    ADMIN: {
      description:
        'Edits the organization, manages members (not OWNERs), webhooks and pledges; posts and runs campaigns.',
    },
    EDITOR: { description: 'Posts updates and creates campaigns on behalf of the organization.' },
  },
});

@ObjectType('Organization', {
  description: 'A nonprofit or group that posts updates and runs campaigns for its causes.',
})
export class Organization {
  @Field(() => ID, { description: 'Stable id (a UUID).' }) id!: string;
  @Field(() => String, {
    description: 'Unique name in URLs: 3 to 60 characters of a-z, 0-9 and -.',
  })
  slug!: string;
  @Field(() => String, { description: 'Display name, 1 to 100 characters.' }) name!: string;
  @Field(() => String, {
    nullable: true,
    description: 'What the organization is for, at most 2,000 characters; null when not set.',
  })
  mission!: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Its own website (http or https); null when not set.',
  })
  websiteUrl!: string | null;
  @Field(() => Boolean, { description: 'True once a platform admin verified the organization.' })
  verified!: boolean;
  @Field(() => Date, { description: 'When it was created.' }) createdAt!: Date;
  @Field(() => Int, {
    description: 'How many people follow it (exact once a follow returns).',
  })
  followerCount!: number;
}

export const OrganizationConnection = Connection(Organization, 'Organization');

@ObjectType('OrganizationMembership', {
  description: 'A person belonging to an organization, with their role.',
})
export class OrganizationMembership {
  @Field(() => OrganizationRole, { description: 'What the member may do.' })
  role!: OrganizationRole;
  /** Resolved by MembershipsResolver. */
  organizationId!: string;
  userId!: string;
}

const MISSION_HELP = 'At most 2,000 characters.';
const WEBSITE_HELP = 'An http or https URL, at most 2,000 characters.';
const CAUSE_SLUGS_HELP =
  'Slugs of at most 20 causes it works on (one naming no cause is BAD_USER_INPUT).';

@InputType({ description: 'A new organization. A taken slug is CONFLICT.' })
export class CreateOrganizationInput {
  @Field(() => String, { description: '1 to 100 characters after trimming.' })
  @Rules.name()
  name!: string;
  @Field(() => String, { description: '3 to 60 characters of a-z, 0-9 and -; unique.' })
  @Rules.slug()
  slug!: string;
  @Field(() => String, { nullable: true, description: MISSION_HELP })
  @Rules.optional()
  @Rules.longText()
  mission?: string | null;
  @Field(() => String, { nullable: true, description: WEBSITE_HELP })
  @Rules.optional()
  @Rules.url()
  websiteUrl?: string | null;
  @Field(() => [String], { nullable: true, description: CAUSE_SLUGS_HELP })
  @IsOptional()
  @ArrayMaxSize(20, { message: 'must name at most 20 causes' })
  @Rules.slug({ each: true })
  causeSlugs?: string[] | null;
}

@InputType({ description: 'Changes to an organization: omitted fields stay as they are.' })
export class UpdateOrganizationInput {
  @Field(() => String, {
    nullable: true,
    description: '1 to 100 characters after trimming; omit to keep (null is BAD_USER_INPUT).',
  })
  @ValidateIf((o: UpdateOrganizationInput) => o.name !== undefined)
  @Rules.name()
  name?: string;
  @Field(() => String, {
    nullable: true,
    description: `${MISSION_HELP} Null or empty clears it.`,
  })
  @Rules.optional()
  @Rules.longText()
  mission?: string | null;
  @Field(() => String, { nullable: true, description: `${WEBSITE_HELP} Null or empty clears it.` })
  @ValidateIf(
    (o: UpdateOrganizationInput) =>
      o.websiteUrl !== undefined && o.websiteUrl !== null && o.websiteUrl !== '',
  )
  @Rules.url()
  websiteUrl?: string | null;
  @Field(() => [String], {
    nullable: true,
    description: `${CAUSE_SLUGS_HELP} Replaces the list; omit (or null) to keep it.`,
  })
  @IsOptional()
  @ArrayMaxSize(20, { message: 'must name at most 20 causes' })
  @Rules.slug({ each: true })
  causeSlugs?: string[] | null;
}

@ArgsType()
export class OrganizationsArgs extends SearchablePageArgs {
  @Field(() => String, {
    nullable: true,
    description: 'Only organizations working on the cause with this slug; omit for all.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(60, { message: 'names no cause' })
  causeSlug?: string | null;
}
