import { describe, expect, it } from 'vitest';
import { Session } from './session';
import { fakeFetch } from '../test/fake-fetch';

const answer = (token: string) =>
  new Response(
    JSON.stringify({
      accessToken: token,
      expiresIn: 900,
      user: { id: 'u', handle: 'sam', displayName: 'Sam' },
    }),
    { status: 200 },
  );

describe(Session.name, () => {
  it('keeps the access token in memory only and refreshes once for concurrent callers', async () => {
    const calls: string[] = [];
    let n = 0;
    const sut = new Session(
      fakeFetch(async (input) => {
        calls.push(String(input));
        await new Promise((r) => setTimeout(r, 5));
        return answer(`token-${++n}`);
      }),
    );
    await sut.restore();
    expect(sut.status).toBe('signedIn');
    const results = await Promise.all([sut.refresh(), sut.refresh(), sut.refresh()]);
    expect(results).toEqual([true, true, true]);
    expect(calls).toEqual(['/auth/refresh', '/auth/refresh']);
    expect(sut.accessToken).toBe('token-2');
    expect(JSON.stringify({ ...localStorage, ...sessionStorage })).not.toContain('token');
  });

  it('is signed out when the refresh cookie is refused, and after log-out', async () => {
    const sut = new Session(
      fakeFetch((input) =>
        String(input).endsWith('/auth/login')
          ? answer('t')
          : new Response(
              String(input).endsWith('/logout')
                ? null
                : '{"errors":[{"message":"x","extensions":{"code":"UNAUTHENTICATED"}}]}',
              { status: String(input).endsWith('/logout') ? 204 : 401 },
            ),
      ),
    );
    await sut.restore();
    expect(sut.status).toBe('signedOut');
    await sut.logIn({ email: 'a@b.c', password: 'p' });
    expect(sut.status).toBe('signedIn');
    expect(sut.accessToken).toBe('t');
    await sut.logOut();
    expect(sut.status).toBe('signedOut');
    expect(sut.accessToken).toBeNull();
  });

  it('takes a session another tab broadcast', async () => {
    const a = new Session(fakeFetch(() => answer('from-a')));
    const b = new Session(
      fakeFetch(
        () =>
          new Response('{"errors":[{"message":"x","extensions":{"code":"UNAUTHENTICATED"}}]}', {
            status: 401,
          }),
      ),
    );
    await b.restore();
    expect(b.status).toBe('signedOut');
    await a.logIn({ email: 'a@b.c', password: 'p' });
    await new Promise<void>((resolve) => {
      const off = b.subscribe(() => (off(), resolve()));
    });
    expect(b.accessToken).toBe('from-a');
    expect(b.user?.handle).toBe('sam');
  });
});
