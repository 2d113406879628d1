import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { PlatformRole } from '@causeway/accounts';
import { Connection } from '../graphql/connection';

registerEnumType(PlatformRole, { name: 'PlatformRole' });

/** A person as anyone may see them: never their email, hash or tokens. */
@ObjectType('User')
export class User {
  @Field(() => ID) id!: string;
  @Field(() => String) handle!: string;
  @Field(() => String) displayName!: string;
  @Field(() => String, { nullable: true }) bio!: string | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Int) followerCount!: number;
  @Field(() => Int) followingCount!: number;
}

export const UserConnection = Connection(User, 'User');

/** The signed-in user: a User plus what only they may see. */
@ObjectType('Viewer', { description: 'The signed-in user: a User plus what only they may see.' })
export class Viewer {
  @Field(() => String) email!: string;
  @Field(() => PlatformRole) platformRole!: PlatformRole;
  /** Resolved by ViewerResolver.user. */
  id!: string;
}

@ObjectType('AuthPayload')
export class AuthPayload {
  @Field(() => String) accessToken!: string;
  @Field(() => String) refreshToken!: string;
  /** Resolved by AuthPayloadResolver.user. */
  userId!: string;
}

export { PlatformRole };
