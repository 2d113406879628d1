import { gqlRequest, ParsedJson, startTestStack, TestStack } from '@causeway/testing';

// POST /auth/signup|login|refresh|logout: the web app's sessions (refresh token in an HttpOnly cookie).
const PASSWORD = 'correct horse battery';
let seq = 0;
const fresh = (prefix = 'w') => `${prefix}${Date.now().toString(36)}${seq++}`;

interface Answer {
  status: number;
  body: ParsedJson;
  setCookie: string | null;
  /** The refresh token the cookie carries ('' when it is cleared). */
  cookie: string | null;
  headers: Headers;
}

async function post(
  stack: TestStack,
  path: string,
  body: unknown,
  init: { cookie?: string; headers?: Record<string, string>; raw?: string } = {},
): Promise<Answer> {
  const res = await fetch(`${stack.url}/auth/${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(init.cookie !== undefined ? { cookie: `causeway_refresh=${init.cookie}` } : {}),
      ...init.headers,
    },
    body: init.raw ?? JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  const setCookie = res.headers.get('set-cookie');
  return {
    status: res.status,
    body: text ? JSON.parse(text) : null,
    setCookie,
    cookie: setCookie ? (/causeway_refresh=([^;]*)/.exec(setCookie)?.[1] ?? null) : null,
    headers: res.headers,
  };
}

describe('the web sessions over HTTP (/auth/*)', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
  });
  afterAll(() => stack?.close());
  const pastGraceWindow = () =>
    stack.dataSource.query(
      `UPDATE refresh_tokens SET used_at = used_at - interval '11 seconds' WHERE used_at IS NOT NULL`,
    );

  const signUp = async () => {
    const handle = fresh();
    const r = await post(stack, 'signup', {
      email: `${handle}@example.org`,
      password: PASSWORD,
      handle,
      displayName: `Web ${handle}`,
    });
    expect(r.status).toBe(200);
    return { ...r, handle, email: `${handle}@example.org` };
  };

  it('sign-up answers { accessToken, expiresIn, user } and sets the refresh cookie: HttpOnly, SameSite=Strict, Path=/auth, not in the body', async () => {
    const r = await signUp();
    expect(Object.keys(r.body).sort()).toEqual(['accessToken', 'expiresIn', 'user']);
    expect(r.body.user).toEqual({
      id: expect.any(String),
      handle: r.handle,
      displayName: `Web ${r.handle}`,
    });
    expect(r.body.expiresIn).toBe(900);
    expect(r.setCookie).toMatch(/HttpOnly/);
    expect(r.setCookie).toMatch(/SameSite=Strict/);
    expect(r.setCookie).toMatch(/Path=\/auth(;|$)/);
    expect(r.setCookie).toMatch(/Max-Age=2592000/);
    expect(r.setCookie).not.toMatch(/Secure/); // NODE_ENV=test; production adds Secure (below)
    expect(r.cookie).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(r.body)).not.toContain(r.cookie);
    expect(r.headers.get('cache-control')).toBe('no-store');
    const viewer = await stack.gql(`{ viewer { user { id } } }`, {}, r.body.accessToken);
    expect(viewer.data.viewer.user.id).toBe(r.body.user.id);
  });

  it('log-in with the right password sets a cookie; a wrong password and an unknown email answer alike, with no cookie', async () => {
    const a = await signUp();
    const ok = await post(stack, 'login', { email: a.email.toUpperCase(), password: PASSWORD });
    expect(ok.status).toBe(200);
    expect(ok.body.user.id).toBe(a.body.user.id);
    expect(ok.cookie).toBeTruthy();
    const wrong = await post(stack, 'login', { email: a.email, password: 'not the password' });
    const unknown = await post(stack, 'login', {
      email: `nobody-${fresh()}@example.org`,
      password: PASSWORD,
    });
    for (const r of [wrong, unknown]) {
      expect(r.status).toBe(401);
      expect(r.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      expect(r.setCookie).toBeNull();
    }
    expect(wrong.body.errors[0].message).toBe(unknown.body.errors[0].message);
    const bad = await post(stack, 'signup', {
      email: 'not-an-email',
      password: 'short',
      handle: 'x',
      displayName: '',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(Object.keys(bad.body.errors[0].extensions.fields).sort()).toEqual([
      'displayName',
      'email',
      'handle',
      'password',
    ]);
    const taken = await post(stack, 'signup', {
      email: a.email,
      password: PASSWORD,
      handle: fresh(),
      displayName: 'Again',
    });
    expect(taken.status).toBe(409);
    expect(taken.body.errors[0].extensions).toMatchObject({
      code: 'CONFLICT',
      fields: { email: expect.any(String) },
    });
  });

  it('refresh rotates the cookie; the retired one within the grace window answers the same successor; later it revokes the family', async () => {
    const a = await signUp();
    const [r1, r2] = await Promise.all([
      post(stack, 'refresh', {}, { cookie: a.cookie! }),
      post(stack, 'refresh', {}, { cookie: a.cookie! }),
    ]);
    expect([r1.status, r2.status]).toEqual([200, 200]);
    expect(r1.cookie).not.toBe(a.cookie);
    expect(r2.cookie).toBe(r1.cookie);
    expect(r1.body.user.id).toBe(a.body.user.id);
    const viewer = await stack.gql(`{ viewer { user { id } } }`, {}, r2.body.accessToken);
    expect(viewer.data.viewer.user.id).toBe(a.body.user.id);

    await pastGraceWindow();
    const reuse = await post(stack, 'refresh', {}, { cookie: a.cookie! });
    expect(reuse.status).toBe(401);
    expect(reuse.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(reuse.setCookie).toMatch(/causeway_refresh=;.*Expires=Thu, 01 Jan 1970/);
    // The whole family is revoked: the successor no longer works either.
    expect((await post(stack, 'refresh', {}, { cookie: r1.cookie! })).status).toBe(401);
  });

  it('log-out revokes the family and clears the cookie; refresh without a cookie is UNAUTHENTICATED', async () => {
    const a = await signUp();
    const out = await post(stack, 'logout', {}, { cookie: a.cookie! });
    expect(out.status).toBe(204);
    expect(out.setCookie).toMatch(/causeway_refresh=;.*Path=\/auth/);
    expect((await post(stack, 'refresh', {}, { cookie: a.cookie! })).status).toBe(401);
    const none = await post(stack, 'refresh', {});
    expect(none.status).toBe(401);
    expect(none.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await post(stack, 'logout', {})).status).toBe(204);
  });

  it('refuses what a cross-site page could send: no JSON content type (415), another site (403); same-origin passes', async () => {
    const a = await signUp();
    const form = await post(stack, 'refresh', null, {
      cookie: a.cookie!,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      raw: 'a=1',
    });
    const plain = await post(stack, 'login', null, {
      headers: { 'content-type': 'text/plain' },
      raw: JSON.stringify({ email: a.email, password: PASSWORD }),
    });
    const multipart = await post(stack, 'logout', null, {
      cookie: a.cookie!,
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
      raw: '--x--',
    });
    for (const r of [form, plain, multipart]) {
      expect(r.status).toBe(415);
      expect(r.setCookie).toBeNull();
    }
    const crossSite = await post(
      stack,
      'refresh',
      {},
      { cookie: a.cookie!, headers: { 'sec-fetch-site': 'cross-site' } },
    );
    const sameSite = await post(
      stack,
      'refresh',
      {},
      { cookie: a.cookie!, headers: { 'sec-fetch-site': 'same-site' } },
    );
    const otherOrigin = await post(
      stack,
      'login',
      { email: a.email, password: PASSWORD },
      { headers: { origin: 'https://evil.example' } },
    );
    const nullOrigin = await post(
      stack,
      'logout',
      {},
      { cookie: a.cookie!, headers: { origin: 'null' } },
    );
    for (const r of [crossSite, sameSite, otherOrigin, nullOrigin]) {
      expect(r.status).toBe(403);
      expect(r.body.errors[0].extensions.code).toBe('FORBIDDEN');
      expect(r.setCookie).toBeNull();
    }
    // None of the refused requests used up or revoked the token.
    const ok = await post(
      stack,
      'refresh',
      {},
      { cookie: a.cookie!, headers: { 'sec-fetch-site': 'same-origin', origin: stack.url } },
    );
    expect(ok.status).toBe(200);
    // No CORS: nothing invites another origin to read the answers.
    expect(ok.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('GraphQL never reads the cookie: with only the cookie, the viewer is null', async () => {
    const a = await signUp();
    const r = await gqlRequest(stack.url, `{ viewer { user { id } } }`, {}, undefined, {
      headers: { cookie: `causeway_refresh=${a.cookie}` },
    });
    expect(r.errors).toBeNull();
    expect(r.data.viewer).toBeNull();
  });
});

describe('the web sessions over HTTP: rate limits', () => {
  let stack: TestStack;
  beforeAll(async () => {
    process.env.AUTH_RATE_LIMIT_PER_MINUTE = '3';
    stack = await startTestStack({ worker: false });
  });
  afterAll(async () => {
    await stack?.close();
    process.env.AUTH_RATE_LIMIT_PER_MINUTE = '100000';
  });

  it('log-in shares its per-IP budget with the GraphQL logIn and answers 429 with Retry-After; sign-up has its own', async () => {
    const wrong = { email: 'someone@example.org', password: 'wrong password!!' };
    const gql = await stack.gql(`mutation($i: LogInInput!) { logIn(input: $i) { accessToken } }`, {
      i: wrong,
    });
    expect(gql.codes).toEqual(['UNAUTHENTICATED']);
    const statuses = [];
    let limited: Answer | undefined;
    for (let i = 0; i < 3; i++) {
      const r = await post(stack, 'login', wrong);
      statuses.push(r.status);
      if (r.status === 429) limited = r;
    }
    expect(statuses).toEqual([401, 401, 429]);
    expect(limited!.body.errors[0].extensions.code).toBe('RATE_LIMITED');
    const retry = Number(limited!.headers.get('retry-after'));
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(60);
    expect(limited!.body.errors[0].extensions.retryAfterSeconds).toBe(retry);
    // The GraphQL logIn is over the same budget now.
    expect(
      (
        await stack.gql(`mutation($i: LogInInput!) { logIn(input: $i) { accessToken } }`, {
          i: wrong,
        })
      ).codes,
    ).toEqual(['RATE_LIMITED']);
    // Sign-up counts apart from log-in.
    const handle = fresh();
    expect(
      (
        await post(stack, 'signup', {
          email: `${handle}@example.org`,
          password: PASSWORD,
          handle,
          displayName: 'Rate',
        })
      ).status,
    ).toBe(200);
  });
});

describe('the web sessions over HTTP in production', () => {
  let stack: TestStack;
  beforeAll(async () => {
    process.env.NODE_ENV = 'production';
    stack = await startTestStack({ worker: false });
  });
  afterAll(async () => {
    await stack?.close();
    process.env.NODE_ENV = 'test';
  });

  it('marks the refresh cookie Secure', async () => {
    const handle = fresh();
    const r = await post(stack, 'signup', {
      email: `${handle}@example.org`,
      password: PASSWORD,
      handle,
      displayName: 'Prod',
    });
    expect(r.status).toBe(200);
    expect(r.setCookie).toMatch(/; Secure/);
    expect(r.setCookie).toMatch(/HttpOnly/);
  });
});
