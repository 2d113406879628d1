import { spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import { buildSchema, GraphQLObjectType } from 'graphql';
import { readFileSync } from 'node:fs';
import { ParsedJson, startTestStack, TestStack, wsSubscribe } from '@causeway/testing';

const SIGNUP = `mutation($i: SignUpInput!) { signUp(input: $i) { accessToken refreshToken user { id handle displayName } } }`;
const LOGIN = `mutation($i: LogInInput!) { logIn(input: $i) { accessToken refreshToken user { id } } }`;
const REFRESH = `mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken user { id } } }`;
const VIEWER = `{ viewer { email platformRole user { id handle } } }`;
const PASSWORD = 'correct horse battery';
let seq = 0;
const fresh = (prefix = 'u') => `${prefix}${Date.now().toString(36)}${seq++}`;

describe('accounts and auth (end to end through GraphQL)', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
  });
  afterAll(() => stack?.close());

  const signUp = async (handle = fresh(), email = `${handle}@example.org`) => {
    const r = await stack.gql(SIGNUP, {
      i: { email, password: PASSWORD, handle, displayName: `Name ${handle}` },
    });
    expect(r.errors).toBeNull();
    return { ...r.data.signUp, email, handle };
  };

  it('signs up, logs in with the email in any case, and shows the viewer', async () => {
    const handle = fresh('ann');
    const a = await signUp(handle, `${handle}@Example.ORG`);
    expect(a.user).toEqual({ id: expect.any(String), handle, displayName: `Name ${handle}` });
    const v = await stack.gql(VIEWER, {}, a.accessToken);
    expect(v.data.viewer).toEqual({
      email: `${handle}@example.org`,
      platformRole: 'MEMBER',
      user: { id: a.user.id, handle },
    });
    const li = await stack.gql(LOGIN, {
      i: { email: `${handle.toUpperCase()}@EXAMPLE.org`, password: PASSWORD },
    });
    expect(li.data.logIn.user.id).toBe(a.user.id);
    expect((await stack.gql(VIEWER)).data).toEqual({ viewer: null });
  });

  it('finds users by handle in any case, updates profiles, and needs sign-in for that', async () => {
    const a = await signUp(fresh('bob'));
    const up = await stack.gql(
      `mutation { updateProfile(input: { displayName: "  Bob B.  ", bio: "teacher" }) { displayName bio } }`,
      {},
      a.accessToken,
    );
    expect(up.data.updateProfile).toEqual({ displayName: 'Bob B.', bio: 'teacher' });
    const pub = await stack.gql(
      `query($h: String!) { user(handle: $h) { id handle displayName bio followerCount followingCount } }`,
      { h: a.handle.toUpperCase() },
    );
    expect(pub.data.user).toEqual({
      id: a.user.id,
      handle: a.handle,
      displayName: 'Bob B.',
      bio: 'teacher',
      followerCount: 0,
      followingCount: 0,
    });
    expect((await stack.gql(`{ user(handle: "nobody_here") { id } }`)).data.user).toBeNull();
    const anon = await stack.gql(
      `mutation { updateProfile(input: { displayName: "X" }) { displayName } }`,
    );
    expect(anon.codes).toEqual(['UNAUTHENTICATED']);
  });

  it('answers a wrong password and an unknown email with the same code and message', async () => {
    const a = await signUp();
    const wrong = await stack.gql(LOGIN, { i: { email: a.email, password: 'wrong password!!' } });
    const unknown = await stack.gql(LOGIN, {
      i: { email: `nobody${fresh()}@example.org`, password: 'wrong password!!' },
    });
    expect(wrong.codes).toEqual(['UNAUTHENTICATED']);
    expect(unknown.codes).toEqual(['UNAUTHENTICATED']);
    expect(wrong.errors![0].message).toBe(unknown.errors![0].message);
  });

  it('rotates refresh tokens; reusing a retired one revokes its family only; logOut revokes', async () => {
    const a = await signUp();
    const other = await stack.gql(LOGIN, { i: { email: a.email, password: PASSWORD } });
    const r1 = await stack.gql(REFRESH, { t: a.refreshToken });
    expect(r1.data.refreshSession.user.id).toBe(a.user.id);
    expect(r1.data.refreshSession.refreshToken).not.toBe(a.refreshToken);
    // Over GraphQL there is no grace window (docs/api-guide.md): a retired token at once revokes the family.
    expect((await stack.gql(REFRESH, { t: a.refreshToken })).codes).toEqual(['UNAUTHENTICATED']);
    expect((await stack.gql(REFRESH, { t: r1.data.refreshSession.refreshToken })).codes).toEqual([
      'UNAUTHENTICATED',
    ]);
    const o2 = await stack.gql(REFRESH, { t: other.data.logIn.refreshToken });
    expect(o2.data.refreshSession.refreshToken).toBeTruthy();
    expect(
      (
        await stack.gql(`mutation($t: String!) { logOut(refreshToken: $t) }`, {
          t: o2.data.refreshSession.refreshToken,
        })
      ).data.logOut,
    ).toBe(true);
    expect((await stack.gql(REFRESH, { t: o2.data.refreshSession.refreshToken })).codes).toEqual([
      'UNAUTHENTICATED',
    ]);
    expect((await stack.gql(REFRESH, { t: 'made-up' })).codes).toEqual(['UNAUTHENTICATED']);
  });

  it("gives refreshSession no grace window: the same token twice at once leaves one answer and revokes the family (only the web app's /auth/refresh has a grace window)", async () => {
    const a = await signUp();
    const [r1, r2] = await Promise.all([
      stack.gql(REFRESH, { t: a.refreshToken }),
      stack.gql(REFRESH, { t: a.refreshToken }),
    ]);
    const answers = [r1, r2].filter((r) => !r.errors);
    expect(answers.length).toBeLessThanOrEqual(1);
    expect([r1, r2].filter((r) => r.errors).flatMap((r) => r.codes)).toContain('UNAUTHENTICATED');
    for (const r of answers)
      expect((await stack.gql(REFRESH, { t: r.data.refreshSession.refreshToken })).codes).toEqual([
        'UNAUTHENTICATED',
      ]);
  });

  it('refuses expired, edited and alg:none access tokens', async () => {
    const a = await signUp();
    const [h, p] = a.accessToken.split('.');
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const edited = `${h}.${b64({ ...payload, role: 'ADMIN' })}.${a.accessToken.split('.')[2]}`;
    const none = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...payload, role: 'ADMIN' })}.`;
    const sign = (claims: object) => {
      const head = b64({ alg: 'HS256', typ: 'JWT' });
      const body = b64(claims);
      return `${head}.${body}.${createHmac('sha256', process.env.JWT_SECRET!).update(`${head}.${body}`).digest('base64url')}`;
    };
    const expired = sign({ ...payload, iat: 1, exp: Math.floor(Date.now() / 1000) - 10 });
    for (const token of [edited, none, expired, 'not.a.jwt']) {
      const r = await stack.gql(
        `mutation { updateProfile(input: { bio: "x" }) { bio } }`,
        {},
        token,
      );
      expect(r.codes).toEqual(['UNAUTHENTICATED']);
      expect((await stack.gql(VIEWER, {}, token)).data.viewer).toBeNull();
    }
    expect((await stack.gql(VIEWER, {}, sign(payload))).data.viewer.user.id).toBe(a.user.id);
  });

  it.each([
    ['email', { email: 'not-an-email' }],
    ['password', { password: 'short' }],
    ['handle', { handle: 'no spaces!' }],
    ['handle', { handle: 'ab' }],
    ['displayName', { displayName: 'a\u0000b' }],
    ['displayName', { displayName: '   ' }],
    ['displayName', { displayName: 'lone \ud800 surrogate' }],
    ['displayName', { displayName: 'x'.repeat(101) }],
  ])(
    'refuses a bad %s with BAD_USER_INPUT naming the field, leaking nothing',
    async (field, bad) => {
      const handle = fresh();
      const r = await stack.gql(SIGNUP, {
        i: { email: `${handle}@example.org`, password: PASSWORD, handle, displayName: 'X', ...bad },
      });
      expect(r.codes).toEqual(['BAD_USER_INPUT']);
      expect(Object.keys(r.errors![0].extensions!.fields)).toEqual([field]);
      expect(r.text).not.toMatch(/QueryFailedError|stack|\.ts:\d+/);
      expect(
        (await stack.gql(`query($h: String!) { user(handle: $h) { id } }`, { h: handle })).data
          .user,
      ).toBeNull();
    },
  );

  it('takes emails and handles once, case-insensitively (CONFLICT)', async () => {
    const a = await signUp();
    const dupEmail = await stack.gql(SIGNUP, {
      i: { email: a.email.toUpperCase(), password: PASSWORD, handle: fresh(), displayName: 'D' },
    });
    expect(dupEmail.codes).toEqual(['CONFLICT']);
    const dupHandle = await stack.gql(SIGNUP, {
      i: {
        email: `${fresh()}@example.org`,
        password: PASSWORD,
        handle: a.handle.toUpperCase(),
        displayName: 'D',
      },
    });
    expect(dupHandle.codes).toEqual(['CONFLICT']);
  });

  it('eight concurrent sign-ups of one handle: exactly one wins, seven CONFLICT', async () => {
    const handle = fresh('race');
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, k) =>
        stack.gql(SIGNUP, {
          i: {
            email: `race${k}${handle}@example.org`,
            password: PASSWORD,
            handle,
            displayName: 'R',
          },
        }),
      ),
    );
    expect(results.filter((r) => r.data?.signUp).length).toBe(1);
    expect(results.filter((r) => r.codes.includes('CONFLICT')).length).toBe(7);
  });

  it('grants and revokes admin from the command line', async () => {
    const a = await signUp();
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, [join(__dirname, '../dist/apps/cli/src/main.js'), ...args], {
        encoding: 'utf8',
        env: process.env,
      });
    const granted = cli('grant-admin', a.email.toUpperCase());
    expect(granted.stderr).toBe('');
    expect(granted.status).toBe(0);
    const li = await stack.gql(LOGIN, { i: { email: a.email, password: PASSWORD } });
    expect((await stack.gql(VIEWER, {}, li.data.logIn.accessToken)).data.viewer.platformRole).toBe(
      'ADMIN',
    );
    expect(cli('revoke-admin', a.email).status).toBe(0);
    expect((await stack.gql(VIEWER, {}, li.data.logIn.accessToken)).data.viewer.platformRole).toBe(
      'MEMBER',
    );
    const missing = cli('grant-admin', 'nobody@example.org');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('no user with the email');
  });

  it('accepts a valid token on graphql-ws and refuses a forged one', async () => {
    const a = await signUp();
    const ok = wsSubscribe(stack.url, 'subscription { __typename }', {}, a.accessToken);
    const bad = wsSubscribe(stack.url, 'subscription { __typename }', {}, 'forged.token.here');
    await expect(bad.next(() => true, 3000)).rejects.toThrow(/4403|Forbidden|no matching event/);
    await Promise.all([ok.dispose(), bad.dispose()]);
  });

  it('exposes no email except Viewer.email, and no hash or token except AuthPayload', () => {
    const schema = buildSchema(readFileSync(join(__dirname, '../apps/api/schema.graphql'), 'utf8'));
    const leaks: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      // Operation names (verifyEmail, resetPassword) are not data.
      if (
        type.name.startsWith('__') ||
        type.name === 'Mutation' ||
        !('getFields' in type) ||
        type.constructor.name !== 'GraphQLObjectType'
      )
        continue;
      for (const name of Object.keys((type as GraphQLObjectType).getFields())) {
        const where = `${type.name}.${name}`;
        if (/email/i.test(name) && where !== 'Viewer.email' && where !== 'Viewer.emailVerified')
          leaks.push(where);
        // The one exception the contract makes (integrations.graphql): a webhook's signing secret, shown once to its OWNERs/ADMINs.
        const webhookSecret =
          where === 'WebhookWithSecret.secret' || where === 'Mutation.rotateWebhookSecret';
        if (/hash|password|secret/i.test(name) && !webhookSecret) leaks.push(where);
        if (/token/i.test(name) && type.name !== 'AuthPayload') leaks.push(where);
      }
    }
    expect(leaks).toEqual([]);
  });
});

describe('auth rate limits', () => {
  let stack: TestStack;
  beforeAll(async () => {
    process.env.AUTH_RATE_LIMIT_PER_MINUTE = '3';
    stack = await startTestStack({ worker: false });
  });
  afterAll(async () => {
    await stack?.close();
    process.env.AUTH_RATE_LIMIT_PER_MINUTE = '100000';
  });

  it('trips after AUTH_RATE_LIMIT_PER_MINUTE log-ins from one IP and says when to retry', async () => {
    const attempts = [];
    for (let i = 0; i < 5; i++)
      attempts.push(
        await stack.gql(LOGIN, {
          i: { email: 'someone@example.org', password: 'wrong password!!' },
        }),
      );
    expect(attempts.map((r) => r.codes[0])).toEqual([
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
      'RATE_LIMITED',
      'RATE_LIMITED',
    ]);
    const retry = attempts[3].errors![0].extensions!.retryAfterSeconds;
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(60);
  });
});

describe('graphql-ws gate', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
  });
  afterAll(() => stack?.close());

  it('serves only subscriptions over WebSocket, within the query limits, with contract error codes', async () => {
    const query = wsSubscribe(stack.url, '{ apiVersion }');
    await expect(query.next(() => true, 3000)).rejects.toThrow(
      /Only subscriptions are served over WebSocket/,
    );
    const tooMany = wsSubscribe(stack.url, `subscription { ${'__typename '.repeat(2100)} }`);
    await expect(tooMany.next(() => true, 3000)).rejects.toThrow(
      /QUERY_TOO_COMPLEX|too many tokens/,
    );
    await Promise.all([query.dispose(), tooMany.dispose()]);
  });

  it('takes "bearer" in any case on HTTP, and an unknown scheme as no token', async () => {
    const r = await stack.gql(SIGNUP, {
      i: { email: `${fresh()}@example.org`, password: PASSWORD, handle: fresh(), displayName: 'C' },
    });
    const token = r.data.signUp.accessToken;
    const call = (authorization: string) =>
      fetch(`${stack.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body: JSON.stringify({
          query: 'mutation { updateProfile(input: { bio: "case" }) { bio } }',
        }),
      }).then((res) => res.json() as Promise<ParsedJson>);
    expect((await call(`bearer   ${token}`)).data.updateProfile.bio).toBe('case');
    expect((await call(`Basic ${token}`)).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a null displayName as BAD_USER_INPUT, and clears the bio with null', async () => {
    const r = await stack.gql(SIGNUP, {
      i: { email: `${fresh()}@example.org`, password: PASSWORD, handle: fresh(), displayName: 'C' },
    });
    const token = r.data.signUp.accessToken;
    const bad = await stack.gql(
      `mutation { updateProfile(input: { displayName: null }) { displayName } }`,
      {},
      token,
    );
    expect(bad.codes).toEqual(['BAD_USER_INPUT']);
    await stack.gql(`mutation { updateProfile(input: { bio: "x" }) { bio } }`, {}, token);
    expect(
      (await stack.gql(`mutation { updateProfile(input: { bio: null }) { bio } }`, {}, token)).data
        .updateProfile.bio,
    ).toBeNull();
  });
});
