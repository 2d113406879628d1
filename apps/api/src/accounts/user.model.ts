import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { PlatformRole } from '@causeway/accounts';
import { Connection } from '../graphql/connection';

registerEnumType(PlatformRole, {
  name: 'PlatformRole',
  description: 'What a person may do across the whole platform.',
  valuesMap: {
    MEMBER: { description: 'Everyone who signs up.' },
    ADMIN: {
      description:
        'A platform administrator (granted from the command line): creates causes, verifies organizations, resolves reports.',
    },
  },
});

/** A person as anyone may see them: never their email, hash or tokens. */
@ObjectType('User', {
  description: 'A person as anyone may see them: never their email or anything private.',
})
export class User {
  @Field(() => ID, { description: 'Stable id (a UUID).' }) id!: string;
  @Field(() => String, {
    description: 'Unique name: 3 to 30 characters of a-z, 0-9 and _, compared case-insensitively.',
  })
  handle!: string;
  @Field(() => String, { description: 'The name shown to others: 1 to 100 characters.' })
  displayName!: string;
  @Field(() => String, {
    nullable: true,
    description: 'Free text about the person, at most 2,000 characters; null when not set.',
  })
  bio!: string | null;
  @Field(() => Date, { description: 'When the account was created.' }) createdAt!: Date;
  @Field(() => Int, { description: 'How many people follow this person (exact).' })
  followerCount!: number;
  @Field(() => Int, { description: 'How many people this person follows (exact).' })
  followingCount!: number;
}

export const UserConnection = Connection(User, 'User');

/** The signed-in user: a User plus what only they may see. */
@ObjectType('Viewer', { description: 'The signed-in user: a User plus what only they may see.' })
export class Viewer {
  @Field(() => String, { description: "The viewer's sign-in address (as registered)." })
  email!: string;
  @Field(() => PlatformRole, { description: 'ADMIN for platform administrators, else MEMBER.' })
  platformRole!: PlatformRole;
  /** Resolved by ViewerResolver.user. */
  id!: string;
}

@ObjectType('AuthPayload', { description: 'A new session: the tokens and who they sign in.' })
export class AuthPayload {
  @Field(() => String, {
    description:
      'A JWT good for 15 minutes: send it as `Authorization: Bearer <token>` (or in the graphql-ws connection payload).',
  })
  accessToken!: string;
  @Field(() => String, {
    description:
      'Opaque, good for 30 days and single use: trade it for a new pair with refreshSession; keep it secret.',
  })
  refreshToken!: string;
  /** Resolved by AuthPayloadResolver.user. */
  userId!: string;
}

export { PlatformRole };
