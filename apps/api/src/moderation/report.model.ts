import { ArgsType, Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';
import { ReportAction, ReportStatus, ReportSubject } from '@causeway/moderation';
import { Connection, PageArgs } from '../graphql/connection';
import { Rules } from '../graphql/validators';

registerEnumType(ReportSubject, {
  name: 'ReportSubject',
  description: 'What kind of thing a report is about.',
  valuesMap: {
    UPDATE: { description: 'An update.' },
    COMMENT: { description: 'A comment.' },
    USER: { description: 'A person.' },
    ORGANIZATION: { description: 'An organization.' },
  },
});
registerEnumType(ReportStatus, {
  name: 'ReportStatus',
  description: 'Whether a report still awaits a platform admin.',
  valuesMap: {
    OPEN: { description: 'Not resolved yet.' },
    RESOLVED: { description: 'Resolved by a platform admin (see action).' },
  },
});
registerEnumType(ReportAction, {
  name: 'ReportAction',
  description: 'What a platform admin did about a report.',
  valuesMap: {
    HIDE: { description: 'Hides the reported update or comment everywhere.' },
    DISMISS: { description: 'Closes the report, changing nothing else.' },
  },
});

@InputType({ description: 'Abuse to report to the platform admins.' })
export class ReportInput {
  @Field(() => ReportSubject, { description: 'What kind of thing is reported.' })
  @IsEnum(ReportSubject)
  subject!: ReportSubject;
  @Field(() => ID, {
    description: 'The id of the update, comment, user or organization; NOT_FOUND when unknown.',
  })
  @IsString()
  @MaxLength(100, { message: 'must be an id' })
  id!: string;
  @Field(() => String, { description: '1 to 2,000 characters.' }) @Rules.body(2000) reason!: string;
}

/** A report, as platform admins see it. */
@ObjectType('Report', { description: 'A report of abuse, as platform admins see it.' })
export class Report {
  @Field(() => ID, { description: 'Stable id (a UUID).' }) id!: string;
  @Field(() => ReportSubject, { name: 'subject', description: 'What kind of thing is reported.' })
  subjectKind!: ReportSubject;
  @Field(() => ID, { description: 'The id of the reported update, comment, user or organization.' })
  subjectId!: string;
  @Field(() => String, { description: "The reporter's words, 1 to 2,000 characters." })
  reason!: string;
  @Field(() => ReportStatus, { description: 'OPEN until a platform admin resolves it.' })
  status!: ReportStatus;
  @Field(() => ReportAction, {
    nullable: true,
    description: 'What the resolving admin did; null while OPEN.',
  })
  action!: ReportAction | null;
  @Field(() => Date, { description: 'When it was reported.' }) createdAt!: Date;
  @Field(() => Date, { nullable: true, description: 'When it was resolved; null while OPEN.' })
  resolvedAt!: Date | null;
}

export const ReportConnection = Connection(Report, 'Report');

@ArgsType()
export class ReportsArgs extends PageArgs {
  @Field(() => ReportStatus, {
    nullable: true,
    defaultValue: ReportStatus.OPEN,
    description: 'Only reports with this status (OPEN by default).',
  })
  @IsOptional()
  @IsEnum(ReportStatus)
  status!: ReportStatus;
}
