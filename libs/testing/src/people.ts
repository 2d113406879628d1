import type { TestStack } from './test-stack';

export interface TestPerson {
  id: string;
  handle: string;
  email: string;
  token: string;
}

let seq = 0;
/** A unique lower-case handle (3..30 chars of a-z, 0-9, _). */
export const freshHandle = (prefix = 'u') =>
  `${prefix}${Date.now().toString(36)}${(seq++).toString(36)}${Math.floor(Math.random() * 1e4)}`.slice(
    0,
    30,
  );

/** Signs a new person up through GraphQL and returns their id, handle and access token. */
export async function signUpPerson(stack: TestStack, prefix = 'u'): Promise<TestPerson> {
  const handle = freshHandle(prefix);
  const email = `${handle}@example.org`;
  const r = await stack.gql(
    `mutation($i: SignUpInput!) { signUp(input: $i) { accessToken user { id } } }`,
    { i: { email, password: 'correct horse battery', handle, displayName: `Person ${handle}` } },
  );
  if (r.errors) throw new Error(`signUp failed: ${JSON.stringify(r.errors)}`);
  return { id: r.data.signUp.user.id, handle, email, token: r.data.signUp.accessToken };
}

/** Makes a person a platform admin, as `npm run cli -- grant-admin` does. */
export async function grantPlatformAdmin(stack: TestStack, userId: string): Promise<void> {
  await stack.dataSource.query(`UPDATE users SET platform_role = 'ADMIN' WHERE id = $1`, [userId]);
}
