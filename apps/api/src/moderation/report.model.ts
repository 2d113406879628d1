import { ArgsType, Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';
import { ReportAction, ReportStatus, ReportSubject } from '@causeway/moderation';
import { Connection, PageArgs } from '../graphql/connection';
import { Rules } from '../graphql/validators';

registerEnumType(ReportSubject, { name: 'ReportSubject' });
registerEnumType(ReportStatus, { name: 'ReportStatus' });
registerEnumType(ReportAction, {
  name: 'ReportAction',
  description:
    'HIDE hides the reported update or comment everywhere; DISMISS only closes the report.',
});

@InputType()
export class ReportInput {
  @Field(() => ReportSubject) @IsEnum(ReportSubject) subject!: ReportSubject;
  @Field(() => ID) @IsString() @MaxLength(100, { message: 'must be an id' }) id!: string;
  @Field(() => String, { description: '1 to 2,000 characters.' }) @Rules.body(2000) reason!: string;
}

/** A report, as platform admins see it. */
@ObjectType('Report')
export class Report {
  @Field(() => ID) id!: string;
  @Field(() => ReportSubject, { name: 'subject' }) subjectKind!: ReportSubject;
  @Field(() => ID, { description: 'The id of the reported update, comment, user or organization.' })
  subjectId!: string;
  @Field(() => String) reason!: string;
  @Field(() => ReportStatus) status!: ReportStatus;
  @Field(() => ReportAction, { nullable: true }) action!: ReportAction | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date, { nullable: true }) resolvedAt!: Date | null;
}

export const ReportConnection = Connection(Report, 'Report');

@ArgsType()
export class ReportsArgs extends PageArgs {
  @Field(() => ReportStatus, { nullable: true, defaultValue: ReportStatus.OPEN })
  @IsOptional()
  @IsEnum(ReportStatus)
  status!: ReportStatus;
}
