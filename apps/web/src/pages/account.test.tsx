import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeClient, refusal, renderWith } from '../test/render';
import { Session } from '../session/session';
import { LogInPage } from './auth';
import { ForgotPasswordPage, ResetPasswordPage, VerifyEmailPage } from './account';

const signedIn = async () => {
  const session = new Session(async () => new Response(JSON.stringify({ accessToken: 't', expiresIn: 900, user: { id: 'u', handle: 'sam', displayName: 'Sam' } }), { status: 200 }));
  await session.restore();
  return session;
};

describe('the log-in page', () => {
  it('links to the password reset request', () => {
    renderWith(<LogInPage />, { client: fakeClient(() => null).client, path: '/login' });
    expect(screen.getByRole('link', { name: 'Forgot password?' })).toHaveAttribute('href', '/forgot-password');
  });
});

describe(ForgotPasswordPage.name, () => {
  it('answers with the same neutral message whatever the address', async () => {
    const { client, operations } = fakeClient((op) => (op.kind === 'mutation' ? { requestPasswordReset: true } : null));
    renderWith(<ForgotPasswordPage />, { client, path: '/forgot-password' });
    await userEvent.type(screen.getByLabelText('Email'), ' nobody@example.org ');
    await userEvent.click(screen.getByRole('button', { name: 'Send reset link' }));
    expect(await screen.findByText(/If an account exists for that address, we sent a link/)).toBeVisible();
    expect(operations.filter((o) => o.kind === 'mutation').map((o) => o.variables)).toEqual([{ email: 'nobody@example.org' }]);
  });

  it('says when to try again when rate limited, keeping the address', async () => {
    const { client } = fakeClient((op) => (op.kind === 'mutation' ? refusal('Too many requests.', { code: 'RATE_LIMITED', retryAfterSeconds: 30 }) : null));
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
    const { client, operations } = fakeClient((op) => (op.kind === 'mutation' ? { resetPassword: true } : null));
    renderWith(<ResetPasswordPage />, { client, path: '/reset-password?token=abc123' });
    await userEvent.type(screen.getByLabelText('New password'), 'a brand new password');
    await userEvent.click(screen.getByRole('button', { name: 'Set new password' }));
    expect(await screen.findByText(/Your password is set/)).toBeVisible();
    expect(operations.find((o) => o.kind === 'mutation')!.variables).toEqual({ token: 'abc123', password: 'a brand new password' });
  });

  it('shows the password error next to the field and a bad token with a way to a new link', async () => {
    let answer = refusal('Invalid input.', { code: 'BAD_USER_INPUT', fields: { password: 'must be at least 10 characters' } });
    const { client } = fakeClient((op) => (op.kind === 'mutation' ? answer : null));
    renderWith(<ResetPasswordPage />, { client, path: '/reset-password?token=abc123' });
    const field = screen.getByLabelText('New password');
    await userEvent.type(field, 'short');
    await userEvent.click(screen.getByRole('button', { name: 'Set new password' }));
    await waitFor(() => expect(field).toHaveAccessibleDescription(/must be at least 10 characters/));
    expect(field).toHaveAttribute('aria-invalid', 'true');

    answer = refusal('Invalid input.', { code: 'BAD_USER_INPUT', fields: { token: 'is unknown or expired' } });
    await userEvent.type(field, ' and longer now');
    await userEvent.click(screen.getByRole('button', { name: 'Set new password' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('This link has expired or was already used.');
    expect(screen.getByRole('link', { name: 'Request a new link' })).toHaveAttribute('href', '/forgot-password');
    expect(field).toHaveValue('short and longer now');
  });
});

describe(VerifyEmailPage.name, () => {
  it('verifies the token once and says so', async () => {
    const { client, operations } = fakeClient((op) => (op.kind === 'mutation' ? { verifyEmail: true } : null));
    renderWith(<VerifyEmailPage />, { client, path: '/verify-email?token=tok' });
    expect(await screen.findByText('Your email address is confirmed. Thank you!')).toBeVisible();
    expect(operations.filter((o) => o.kind === 'mutation').map((o) => o.variables)).toEqual([{ token: 'tok' }]);
  });

  it('offers a new link to a signed-in person when the link expired', async () => {
    const { client, operations } = fakeClient((op) =>
      op.query.definitions.some((d) => 'name' in d && d.name?.value === 'VerifyEmail')
        ? refusal('This link is not valid.', { code: 'BAD_USER_INPUT', fields: { token: 'is unknown or expired' } })
        : op.kind === 'mutation'
          ? { resendVerificationEmail: true }
          : null,
    );
    renderWith(<VerifyEmailPage />, { client, session: await signedIn(), path: '/verify-email?token=old' });
    expect(await screen.findByRole('alert')).toHaveTextContent('This link has expired or was already used.');
    await userEvent.click(screen.getByRole('button', { name: 'Resend verification email' }));
    expect(await screen.findByText('We sent a new link. Check your inbox.')).toBeVisible();
    expect(operations.filter((o) => o.kind === 'mutation')).toHaveLength(2);
  });

  it('asks a signed-out person to log in for a new link', async () => {
    const { client } = fakeClient((op) => (op.kind === 'mutation' ? refusal('This link is not valid.', { code: 'BAD_USER_INPUT', fields: { token: 'expired' } }) : null));
    renderWith(<VerifyEmailPage />, { client, path: '/verify-email?token=old' });
    expect(await screen.findByRole('link', { name: 'Log in to get a new link' })).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Resend verification email' })).toBeNull();
  });
});
