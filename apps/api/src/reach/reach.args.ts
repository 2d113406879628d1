import { ArgsType, Field } from '@nestjs/graphql';
import { IsString, Length } from 'class-validator';
import { Rules } from '../graphql/validators';

/** A token from an email link (unknown ones are BAD_USER_INPUT from the service, whatever their shape). */
const tokenRule = () => Length(1, 200, { message: 'is not a valid link token' });

@ArgsType()
export class TokenArgs {
  @Field(() => String, { description: 'The token from the verification link.' })
  @IsString()
  @tokenRule()
  token!: string;
}

@ArgsType()
export class RequestPasswordResetArgs {
  @Field(() => String, { description: 'The address of the account (need not be registered).' })
  @Rules.email()
  email!: string;
}

@ArgsType()
export class PasswordResetArgs {
  @Field(() => String, { description: 'The token from the reset link.' })
  @IsString()
  @tokenRule()
  token!: string;
  @Field(() => String, { description: 'The new password, 10 to 128 characters.' })
  @Rules.password()
  password!: string;
}
