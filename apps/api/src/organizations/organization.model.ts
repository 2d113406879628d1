import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ArrayMaxSize, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { OrganizationRole } from '@causeway/organizations';
import { Connection, SearchablePageArgs } from '../graphql/connection';
import { Rules } from '../graphql/validators';

registerEnumType(OrganizationRole, { name: 'OrganizationRole' });

@ObjectType('Organization')
export class Organization {
  @Field(() => ID) id!: string;
  @Field(() => String) slug!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) mission!: string | null;
  @Field(() => String, { nullable: true }) websiteUrl!: string | null;
  @Field(() => Boolean) verified!: boolean;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Int) followerCount!: number;
}

export const OrganizationConnection = Connection(Organization, 'Organization');

@ObjectType('OrganizationMembership')
export class OrganizationMembership {
  @Field(() => OrganizationRole) role!: OrganizationRole;
  /** Resolved by MembershipsResolver. */
  organizationId!: string;
  userId!: string;
}

@InputType()
export class CreateOrganizationInput {
  @Field(() => String) @Rules.name() name!: string;
  @Field(() => String) @Rules.slug() slug!: string;
  @Field(() => String, { nullable: true }) @Rules.optional() @Rules.longText() mission?:
    string | null;
  @Field(() => String, { nullable: true }) @Rules.optional() @Rules.url() websiteUrl?:
    string | null;
  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20, { message: 'must name at most 20 causes' })
  @Rules.slug({ each: true })
  causeSlugs?: string[] | null;
}

@InputType()
export class UpdateOrganizationInput {
  @Field(() => String, { nullable: true })
  @ValidateIf((o: UpdateOrganizationInput) => o.name !== undefined)
  @Rules.name()
  name?: string;
  @Field(() => String, { nullable: true }) @Rules.optional() @Rules.longText() mission?:
    string | null;
  @Field(() => String, { nullable: true })
  @ValidateIf(
    (o: UpdateOrganizationInput) =>
      o.websiteUrl !== undefined && o.websiteUrl !== null && o.websiteUrl !== '',
  )
  @Rules.url()
  websiteUrl?: string | null;
  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20, { message: 'must name at most 20 causes' })
  @Rules.slug({ each: true })
  causeSlugs?: string[] | null;
}

@ArgsType()
export class OrganizationsArgs extends SearchablePageArgs {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(60, { message: 'names no cause' })
  causeSlug?: string | null;
}
