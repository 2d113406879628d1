import { Field, InputType } from '@nestjs/graphql';
import { ValidateIf } from 'class-validator';
import { Rules } from '../../graphql/validators';

@InputType()
export class SignUpInput {
  @Field(() => String) @Rules.email() email!: string;
  @Field(() => String) @Rules.password() password!: string;
  @Field(() => String) @Rules.handle() handle!: string;
  @Field(() => String) @Rules.name() displayName!: string;
}

/** Credentials are checked by passport-local; only their shape is validated here. */
@InputType()
export class LogInInput {
  @Field(() => String) @Rules.email() email!: string;
  @Field(() => String) @Rules.password() password!: string;
}

@InputType()
export class UpdateProfileInput {
  @Field(() => String, { nullable: true }) @ValidateIf((o: UpdateProfileInput) => o.displayName !== undefined) @Rules.name() displayName?: string;
  @Field(() => String, { nullable: true }) @Rules.optional() @Rules.longText() bio?: string;
}
