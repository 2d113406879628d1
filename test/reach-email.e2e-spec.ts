import {
  freshHandle,
  linkIn,
  startSmtpServer,
  startTestStack,
  TestMailbox,
  TestStack,
} from '@causeway/testing';

const SIGN_UP = `mutation($i: SignUpInput!) { signUp(input: $i) { accessToken refreshToken user { id } } }`;
const LOG_IN = `mutation($i: LogInInput!) { logIn(input: $i) { accessToken refreshToken } }`;
const VIEWER = `{ viewer { email emailVerified digestFrequency locale timeZone } }`;
const VERIFY = `mutation($t: String!) { verifyEmail(token: $t) }`;
const RESET = `mutation($t: String!, $p: String!) { resetPassword(token: $t, password: $p) }`;
const REQUEST_RESET = `mutation($e: String!) { requestPasswordReset(email: $e) }`;
const PASSWORD = 'correct horse battery';

describe('email: verification and password reset (end to end, real SMTP)', () => {
  let stack: TestStack;
  let mailbox: TestMailbox;
  const env = { ...process.env };

  beforeAll(async () => {
    mailbox = await startSmtpServer();
    process.env.SMTP_URL = mailbox.url;
    process.env.APP_URL = 'https://app.causeway.test/';
    process.env.MAIL_FROM = 'Causeway <hello@causeway.test>';
    stack = await startTestStack({ worker: true });
  });
  afterAll(async () => {
    await stack?.close();
    await mailbox?.close();
    process.env = env;
  });

  const signUp = async (extra: Record<string, unknown> = {}) => {
    const handle = freshHandle('m');
    const email = `${handle}@Example.org`;
    const r = await stack.gql(SIGN_UP, {
      i: { email, password: PASSWORD, handle, displayName: `Mia ${handle}`, ...extra },
    });
    expect(r.errors).toBeNull();
    return {
      email: email.toLowerCase(),
      id: r.data.signUp.user.id as string,
      token: r.data.signUp.accessToken as string,
      refreshToken: r.data.signUp.refreshToken as string,
    };
  };
  /** The emails to `address` once `count` arrived, and their tokens committed (just after the server accepted them). */
  const waitMail = async (address: string, count = 1) => {
    const mails = await mailbox.waitFor(address, count);
    await stack.drain();
    return mails;
  };
  const tokenOf = (link: string) => new URL(link).searchParams.get('token')!;

  it('sign-up sends one verification email, in text and HTML, whose link verifies the address (again: still true)', async () => {
    const p = await signUp();
    expect((await stack.gql(VIEWER, {}, p.token)).data.viewer).toEqual({
      email: p.email,
      emailVerified: false,
      digestFrequency: 'WEEKLY',
      locale: 'en',
      timeZone: 'UTC',
    });
    const [mail] = await waitMail(p.email);
    expect(mail.parsed.subject).toBe('Confirm your email address for Causeway');
    expect(mail.parsed.from?.value).toEqual([{ address: 'hello@causeway.test', name: 'Causeway' }]);
    expect(mail.parsed.html).toContain('<a href="https://app.causeway.test/verify-email?token=');
    expect(mail.parsed.html).not.toMatch(/<script|<style|<link/i);
    const link = linkIn(mail, 'https://app.causeway.test/verify-email?token=');
    // Only the hash is stored.
    const [{ n }] = await stack.dataSource.query(
      `SELECT count(*)::int AS n FROM email_tokens WHERE token_hash = sha256(convert_to($1, 'UTF8'))`,
      [tokenOf(link)],
    );
    expect(n).toBe(1);
    const [{ stored }] = await stack.dataSource.query(
      `SELECT count(*)::int AS stored FROM email_tokens WHERE encode(token_hash, 'escape') LIKE '%' || $1 || '%'`,
      [tokenOf(link)],
    );
    expect(stored).toBe(0);

    expect((await stack.gql(VERIFY, { t: tokenOf(link) })).data).toEqual({ verifyEmail: true });
    expect((await stack.gql(VIEWER, {}, p.token)).data.viewer.emailVerified).toBe(true);
    expect((await stack.gql(VERIFY, { t: tokenOf(link) })).data).toEqual({ verifyEmail: true });

    // Verified: resending sends nothing.
    expect((await stack.gql(`mutation { resendVerificationEmail }`, {}, p.token)).data).toEqual({
      resendVerificationEmail: true,
    });
    await stack.drain();
    expect(mailbox.to(p.email)).toHaveLength(1);
  });

  it('refuses unknown and expired verification links with BAD_USER_INPUT; a resent link works', async () => {
    expect((await stack.gql(VERIFY, { t: 'not-a-token' })).codes).toEqual(['BAD_USER_INPUT']);
    expect((await stack.gql(VERIFY, { t: '' })).codes).toEqual(['BAD_USER_INPUT']);
    const p = await signUp();
    const [first] = await waitMail(p.email);
    await stack.dataSource.query(
      `UPDATE email_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1`,
      [p.id],
    );
    const expired = await stack.gql(VERIFY, {
      t: tokenOf(linkIn(first, 'https://app.causeway.test/verify-email')),
    });
    expect(expired.codes).toEqual(['BAD_USER_INPUT']);
    expect((await stack.gql(VIEWER, {}, p.token)).data.viewer.emailVerified).toBe(false);

    expect((await stack.gql(`mutation { resendVerificationEmail }`, {}, p.token)).data).toEqual({
      resendVerificationEmail: true,
    });
    const [, second] = await waitMail(p.email, 2);
    expect(
      (
        await stack.gql(VERIFY, {
          t: tokenOf(linkIn(second, 'https://app.causeway.test/verify-email')),
        })
      ).data,
    ).toEqual({ verifyEmail: true });
    expect((await stack.gql(`mutation { resendVerificationEmail }`)).codes).toEqual([
      'UNAUTHENTICATED',
    ]);
  });

  it('writes German emails for a German locale', async () => {
    const p = await signUp({ locale: 'de', timeZone: 'Europe/Berlin' });
    expect((await stack.gql(VIEWER, {}, p.token)).data.viewer).toMatchObject({
      locale: 'de',
      timeZone: 'Europe/Berlin',
    });
    const [mail] = await waitMail(p.email);
    expect(mail.parsed.subject).toBe('Bestätige deine E-Mail-Adresse für Causeway');
    expect(mail.parsed.text).toContain('Hallo Mia');
    expect(mail.parsed.html).toContain('lang="de"');
    const bad = await stack.gql(SIGN_UP, {
      i: {
        email: `${freshHandle('x')}@example.org`,
        password: PASSWORD,
        handle: freshHandle('x'),
        displayName: 'X',
        locale: 'fr',
        timeZone: 'Mars/Olympus',
      },
    });
    expect(bad.codes).toEqual(['BAD_USER_INPUT']);
    expect(Object.keys(bad.errors![0].extensions!.fields).sort()).toEqual(['locale', 'timeZone']);
  });

  it('resets a password once, within the hour, and revokes every session; unknown addresses answer the same and get nothing', async () => {
    const p = await signUp();
    await waitMail(p.email);
    const other = await stack.gql(LOG_IN, { i: { email: p.email, password: PASSWORD } });
    expect(other.errors).toBeNull();

    const unknown = await stack.gql(REQUEST_RESET, { e: `nobody-${freshHandle()}@example.org` });
    const known = await stack.gql(REQUEST_RESET, { e: p.email.toUpperCase() });
    expect(unknown.data).toEqual({ requestPasswordReset: true });
    expect(known.data).toEqual(unknown.data);
    expect(known.errors).toEqual(unknown.errors);
    const [, mail] = await waitMail(p.email, 2);
    expect(mail.parsed.subject).toBe('Reset your Causeway password');
    const token = tokenOf(linkIn(mail, 'https://app.causeway.test/reset-password?token='));

    expect((await stack.gql(RESET, { t: token, p: 'short' })).codes).toEqual(['BAD_USER_INPUT']);
    expect((await stack.gql(RESET, { t: 'nope', p: 'a brand new password' })).codes).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect((await stack.gql(RESET, { t: token, p: 'a brand new password' })).data).toEqual({
      resetPassword: true,
    });
    // Single use.
    expect((await stack.gql(RESET, { t: token, p: 'another new password' })).codes).toEqual([
      'BAD_USER_INPUT',
    ]);
    // Every session is revoked; the old password is gone, the new one works; the link proved the address.
    for (const refreshToken of [p.refreshToken, other.data.logIn.refreshToken]) {
      expect(
        (
          await stack.gql(
            `mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken } }`,
            { t: refreshToken },
          )
        ).codes,
      ).toEqual(['UNAUTHENTICATED']);
    }
    expect((await stack.gql(LOG_IN, { i: { email: p.email, password: PASSWORD } })).codes).toEqual([
      'UNAUTHENTICATED',
    ]);
    const again = await stack.gql(LOG_IN, {
      i: { email: p.email, password: 'a brand new password' },
    });
    expect(again.errors).toBeNull();
    expect(
      (await stack.gql(VIEWER, {}, again.data.logIn.accessToken)).data.viewer.emailVerified,
    ).toBe(true);

    // Expired after an hour.
    await stack.gql(REQUEST_RESET, { e: p.email });
    const [, , third] = await waitMail(p.email, 3);
    await stack.dataSource.query(
      `UPDATE email_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1 AND purpose = 'RESET' AND used_at IS NULL`,
      [p.id],
    );
    expect(
      (
        await stack.gql(RESET, {
          t: tokenOf(linkIn(third, 'https://app.causeway.test/reset-password')),
          p: 'yet another password',
        })
      ).codes,
    ).toEqual(['BAD_USER_INPUT']);

    await stack.drain();
    const all = mailbox.received.filter((m) => m.to.some((t) => t.startsWith('nobody-')));
    expect(all).toHaveLength(0);
  });

  it('an address the server refuses for good is not retried and holds up nobody else', async () => {
    const handle = freshHandle('bad');
    const badEmail = `${handle}@example.org`;
    mailbox.refuse.add(badEmail);
    const bad = await stack.gql(SIGN_UP, {
      i: { email: badEmail, password: PASSWORD, handle, displayName: 'Bad' },
    });
    const good = await signUp();
    await waitMail(good.email);
    await stack.drain();
    expect(mailbox.to(badEmail)).toHaveLength(0);
    const rows = await stack.dataSource.query('SELECT failed FROM sent_emails WHERE user_id = $1', [
      bad.data.signUp.user.id,
    ]);
    expect(rows).toEqual([{ failed: true }]);
    // Its event is completed: nothing is left to retry.
    const [{ n }] = await stack.dataSource.query(
      `SELECT count(*)::int AS n FROM outbox_events WHERE completed_at IS NULL`,
    );
    expect(n).toBe(0);
  });
});
