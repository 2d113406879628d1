import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeClient, refusal, renderWith } from '../test/render';
import { Session } from '../session/session';
import { LogInPage, SignUpPage, browserTimeZone } from './auth';
import NotificationsPage from './notifications';
import { ForgotPasswordPage, ResetPasswordPage, VerifyEmailPage } from './account';
import { fakeFetch } from '../test/fake-fetch';

const signedIn = async () => {
  const session = new Session(
    fakeFetch(
      () =>
        new Response(
          JSON.stringify({
            accessToken: 't',
            expiresIn: 900,
            user: { id: 'u', handle: 'sam', displayName: 'Sam' },
          }),
          { status: 200 },
        ),
    ),
  );
  await session.restore();
  return session;
};

describe('the log-in page', () => {
  it('links to the password reset request', () => {
    renderWith(<LogInPage />, { client: fakeClient(() => null).client, path: '/login' });
    expect(screen.getByRole('link', { name: 'Forgot password?' })).toHaveAttribute(
      'href',
      '/forgot-password',
    );
  });
});

describe(ForgotPasswordPage.name, () => {
  it('answers with the same neutral message whatever the address', async () => {
    const { client, operations } = fakeClient((op) =>
      op.kind === 'mutation' ? { requestPasswordReset: true } : null,
    );
    renderWith(<ForgotPasswordPage />, { client, path: '/forgot-password' });
    await userEvent.type(screen.getByLabelText('Email'), ' nobody@example.org ');
    await userEvent.click(screen.getByRole('button', { name: 'Send reset link' }));
    expect(
      await screen.findByText(/If an account exists for that address, we sent a link/),
    ).toBeVisible();
    expect(operations.filter((o) => o.kind === 'mutation').map((o) => o.variables)).toEqual([
      { email: 'nobody@example.org' },
    ]);
  });

  it('says when to try again when rate limited, keeping the address', async () => {
    const { client } = fakeClient((op) =>
      op.kind === 'mutation'
        ? refusal('Too many requests.', { code: 'RATE_LIMITED', retryAfterSeconds: 30 })
        : null,
    );
    renderWith(<ForgotPasswordPage />, { client, path: '/forgot-password' });
    await userEvent.type(screen.getByLabelText('Email'), 'sam@example.org');
    await userEvent.click(screen.getByRole('button', { name: 'Send reset link' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Try again in 30 seconds.');
    expect(screen.getByLabelText('Email')).toHaveValue('sam@example.org');
    expect(screen.queryByText(/If an account exists/)).toBeNull();
  });
});

describe(ResetPasswordPage.name, () => {
  it('sends the token from the link with the new password and then points at log-in', async () => {
    const { client, operations } = fakeClient((op) =>
      op.kind === 'mutation' ? { resetPassword: true } : null,
    );
    renderWith(<ResetPasswordPage />, { client, path: '/reset-password?token=abc123' });
    await userEvent.type(screen.getByLabelText('New password'), 'a brand new password');
    await userEvent.click(screen.getByRole('button', { name: 'Set new password' }));
    expect(await screen.findByText(/Your password is set/)).toBeVisible();
    expect(operations.find((o) => o.kind === 'mutation')!.variables).toEqual({
      token: 'abc123',
      password: 'a brand new password',
    });
  });

  it('shows the password error next to the field and a bad token with a way to a new link', async () => {
    let answer = refusal('Invalid input.', {
      code: 'BAD_USER_INPUT',
      fields: { password: 'must be at least 10 characters' },
    });
    const { client } = fakeClient((op) => (op.kind === 'mutation' ? answer : null));
    renderWith(<ResetPasswordPage />, { client, path: '/reset-password?token=abc123' });
    const field = screen.getByLabelText('New password');
    await userEvent.type(field, 'short');
    await userEvent.click(screen.getByRole('button', { name: 'Set new password' }));
    await waitFor(() =>
      expect(field).toHaveAccessibleDescription(/must be at least 10 characters/),
    );
    expect(field).toHaveAttribute('aria-invalid', 'true');

    answer = refusal('Invalid input.', {
      code: 'BAD_USER_INPUT',
      fields: { token: 'is unknown or expired' },
    });
    await userEvent.type(field, ' and longer now');
    await userEvent.click(screen.getByRole('button', { name: 'Set new password' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This link has expired or was already used.',
    );
    expect(screen.getByRole('link', { name: 'Request a new link' })).toHaveAttribute(
      'href',
      '/forgot-password',
    );
    expect(field).toHaveValue('short and longer now');
  });
});

describe(VerifyEmailPage.name, () => {
  it('verifies the token once and says so', async () => {
    const { client, operations } = fakeClient((op) =>
      op.kind === 'mutation' ? { verifyEmail: true } : null,
    );
    renderWith(<VerifyEmailPage />, { client, path: '/verify-email?token=tok' });
    expect(await screen.findByText('Your email address is confirmed. Thank you!')).toBeVisible();
    expect(operations.filter((o) => o.kind === 'mutation').map((o) => o.variables)).toEqual([
      { token: 'tok' },
    ]);
  });

  it('offers a new link to a signed-in person when the link expired', async () => {
    const { client, operations } = fakeClient((op) =>
      op.query.definitions.some((d) => 'name' in d && d.name?.value === 'VerifyEmail')
        ? refusal('This link is not valid.', {
            code: 'BAD_USER_INPUT',
            fields: { token: 'is unknown or expired' },
          })
        : op.kind === 'mutation'
          ? { resendVerificationEmail: true }
          : null,
    );
    renderWith(<VerifyEmailPage />, {
      client,
      session: await signedIn(),
      path: '/verify-email?token=old',
    });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This link has expired or was already used.',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Resend verification email' }));
    expect(await screen.findByText('We sent a new link. Check your inbox.')).toBeVisible();
    expect(operations.filter((o) => o.kind === 'mutation')).toHaveLength(2);
  });

  it('asks a signed-out person to log in for a new link', async () => {
    const { client } = fakeClient((op) =>
      op.kind === 'mutation'
        ? refusal('This link is not valid.', {
            code: 'BAD_USER_INPUT',
            fields: { token: 'expired' },
          })
        : null,
    );
    renderWith(<VerifyEmailPage />, { client, path: '/verify-email?token=old' });
    expect(await screen.findByRole('link', { name: 'Log in to get a new link' })).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Resend verification email' })).toBeNull();
  });
});

describe(SignUpPage.name, () => {
  const fill = async () => {
    await userEvent.type(screen.getByLabelText('Email'), 'sam@example.org');
    await userEvent.type(screen.getByLabelText('Password'), 'correct horse battery');
    await userEvent.type(screen.getByLabelText('Handle'), 'sam');
    await userEvent.type(screen.getByLabelText('Display name'), 'Sam');
    await userEvent.click(screen.getByRole('button', { name: 'Sign up' }));
  };
  const ok = () =>
    new Response(
      JSON.stringify({
        accessToken: 't',
        expiresIn: 900,
        user: { id: 'u', handle: 'sam', displayName: 'Sam' },
      }),
      { status: 200 },
    );

  it("sends the browser's language and time zone", async () => {
    const bodies: Record<string, unknown>[] = [];
    const session = new Session(
      fakeFetch((input, init) => {
        if (!String(input).endsWith('/auth/signup'))
          return new Response(
            JSON.stringify({
              errors: [{ message: 'no', extensions: { code: 'UNAUTHENTICATED' } }],
            }),
            { status: 401 },
          );
        bodies.push(JSON.parse(init?.body as string));
        return ok();
      }),
    );
    await session.restore();
    renderWith(<SignUpPage />, {
      client: fakeClient(() => null).client,
      session,
      path: '/signup',
      locale: 'de',
    });
    await userEvent.type(screen.getByLabelText('E-Mail'), 'sam@example.org');
    await userEvent.type(screen.getByLabelText('Passwort'), 'correct horse battery');
    await userEvent.type(screen.getByLabelText('Benutzername'), 'sam');
    await userEvent.type(screen.getByLabelText('Anzeigename'), 'Sam');
    await userEvent.click(screen.getByRole('button', { name: 'Registrieren' }));
    await waitFor(() => expect(bodies).toHaveLength(1));
    expect(bodies[0]).toMatchObject({
      email: 'sam@example.org',
      handle: 'sam',
      locale: 'de',
      timeZone: browserTimeZone(),
    });
    expect(typeof bodies[0].timeZone).toBe('string');
  });

  it('signs up without the time zone when the API does not know it', async () => {
    const bodies: Record<string, unknown>[] = [];
    const session = new Session(
      fakeFetch((input, init) => {
        if (!String(input).endsWith('/auth/signup'))
          return new Response(
            JSON.stringify({
              errors: [{ message: 'no', extensions: { code: 'UNAUTHENTICATED' } }],
            }),
            { status: 401 },
          );
        const body = JSON.parse(init?.body as string);
        bodies.push(body);
        return body.timeZone
          ? new Response(
              JSON.stringify({
                errors: [
                  {
                    message: 'Invalid input.',
                    extensions: {
                      code: 'BAD_USER_INPUT',
                      fields: { timeZone: 'must be an IANA time zone' },
                    },
                  },
                ],
              }),
              { status: 400 },
            )
          : ok();
      }),
    );
    await session.restore();
    renderWith(<SignUpPage />, { client: fakeClient(() => null).client, session, path: '/signup' });
    await fill();
    await waitFor(() => expect(session.status).toBe('signedIn'));
    expect(bodies).toHaveLength(2);
    expect(bodies[1]).not.toHaveProperty('timeZone');
  });
});

describe('the WEBHOOK_DISABLED notification', () => {
  it("reads in both languages and leads to the organization's integrations", async () => {
    const answer = {
      notifications: {
        __typename: 'NotificationConnection',
        edges: [
          {
            __typename: 'NotificationEdge',
            cursor: 'n',
            node: {
              __typename: 'Notification',
              id: 'n1',
              type: 'WEBHOOK_DISABLED',
              read: false,
              createdAt: '2026-01-01T10:00:00Z',
              actor: null,
              update: null,
              campaign: null,
              organization: {
                __typename: 'Organization',
                id: 'o1',
                slug: 'wells',
                name: 'Clean Wells',
              },
            },
          },
        ],
        pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: 'n' },
      },
    };
    const { client } = fakeClient((op) => (op.kind === 'query' ? answer : undefined));
    const { unmount } = renderWith(<NotificationsPage />, { client, path: '/notifications' });
    const link = await screen.findByRole('link', {
      name: 'A webhook of Clean Wells was disabled after failing for too long',
    });
    expect(link).toHaveAttribute('href', '/orgs/wells/manage#integrations-section');
    unmount();
    renderWith(<NotificationsPage />, {
      client: fakeClient((op) => (op.kind === 'query' ? answer : undefined)).client,
      path: '/notifications',
      locale: 'de',
    });
    expect(
      await screen.findByRole('link', { name: /Ein Webhook von Clean Wells wurde deaktiviert/ }),
    ).toBeVisible();
  });
});
