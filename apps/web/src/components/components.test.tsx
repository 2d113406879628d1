import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import CampaignPage from '../pages/campaign';
import { LogInPage } from '../pages/auth';
import { fakeClient, renderWith } from '../test/render';
import { Layout } from './Layout';
import { CampaignProgress, FollowButton } from './parts';
import { Field } from './ui';
import { Route, Routes } from 'react-router';
import { Session } from '../session/session';
import { fakeFetch } from '../test/fake-fetch';

const campaign = {
  __typename: 'Campaign',
  id: 'c1',
  title: 'Wells for Kisumu',
  goalKind: 'MONEY',
  goalAmount: '100000',
  currency: 'USD',
  pledgedTotal: '2500',
  fulfilledTotal: '0',
  pledgeCount: 1,
  endsAt: null,
};

describe('FollowButton', () => {
  it('is named "Follow <name>" in both states and tells the state with aria-pressed', async () => {
    const { client, operations } = fakeClient((op) =>
      op.kind === 'mutation'
        ? {
            followCause: {
              __typename: 'Cause',
              id: 'w',
              viewerIsFollowing: true,
              followerCount: 1,
            },
          }
        : null,
    );
    renderWith(<FollowButton kind="cause" id="w" name="Water" following={false} />, { client });
    const button = screen.getByRole('button', { name: 'Follow Water' });
    expect(button).toHaveAttribute('aria-pressed', 'false');
    await userEvent.click(button);
    await waitFor(() => expect(button).toHaveAttribute('aria-pressed', 'true'));
    expect(button).toHaveAccessibleName('Follow Water');
    expect(operations.filter((o) => o.kind === 'mutation').map((o) => o.variables)).toEqual([
      { id: 'w' },
    ]);
  });
});

describe('CampaignProgress', () => {
  it('is a progressbar named by the title, value and max in minor units, valuetext like the visible text', () => {
    const { client } = fakeClient(() => null);
    renderWith(<CampaignProgress campaign={campaign as never} />, { client });
    const bar = screen.getByRole('progressbar', { name: 'Wells for Kisumu' });
    expect(bar).toHaveAttribute('aria-valuenow', '2500');
    expect(bar).toHaveAttribute('aria-valuemax', '100000');
    expect(bar).toHaveAttribute('aria-valuetext', '$25.00 of $1,000.00');
    expect(screen.getByText('$25.00 of $1,000.00')).toBeVisible();
  });

  it('reads in German', () => {
    const { client } = fakeClient(() => null);
    renderWith(<CampaignProgress campaign={{ ...campaign, currency: 'EUR' } as never} />, {
      client,
      locale: 'de',
    });
    expect(
      screen.getByRole('progressbar').getAttribute('aria-valuetext')!.replace(/\s/g, ' '),
    ).toBe('25,00 € von 1.000,00 €');
    expect(screen.getByText('1 Zusage')).toBeVisible();
  });
});

describe('Field', () => {
  it('links its label, hint and error', () => {
    renderWith(<Field label="Email" hint="We never share it." error="must be an email address" />, {
      client: fakeClient(() => null).client,
    });
    const input = screen.getByLabelText('Email');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAccessibleDescription('We never share it. must be an email address');
  });
});

describe('the pledge form', () => {
  it('sends one pledge with one idempotency key however often it is submitted, and announces the outcome', async () => {
    let release: () => void = () => undefined;
    const answered = new Promise<void>((r) => (release = r));
    const { client, operations } = fakeClient((op) => {
      if (op.kind === 'query')
        return {
          campaign: {
            ...campaign,
            description: null,
            organization: {
              __typename: 'Organization',
              id: 'o',
              slug: 'o',
              name: 'Org',
              verified: false,
              viewerRole: null,
            },
            cause: null,
            viewerPledges: [],
          },
        };
      if (op.kind === 'mutation')
        return answered.then(() => ({
          pledge: {
            __typename: 'Pledge',
            id: 'p1',
            amount: '2550',
            status: 'PLEDGED',
            campaign: { ...campaign, pledgedTotal: '5050', pledgeCount: 2 },
          },
        }));
      return undefined;
    });
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
    renderWith(
      <Routes>
        <Route path="/campaigns/:id" element={<CampaignPage />} />
      </Routes>,
      { client, session, path: '/campaigns/c1' },
    );
    const amount = await screen.findByLabelText('Amount');
    await userEvent.type(amount, '25.50');
    await userEvent.keyboard('{Enter}');
    await userEvent.click(screen.getByRole('button', { name: 'Pledge' }));
    await userEvent.keyboard('{Enter}');
    release();
    await waitFor(() => expect(screen.getByText('Thank you! You pledged $25.50.')).toBeVisible());
    expect(screen.getByText('Thank you! You pledged $25.50.')).toHaveAttribute('role', 'status');
    const pledges = operations.filter((o) => o.kind === 'mutation');
    expect(pledges).toHaveLength(1);
    expect(
      (
        pledges[0].variables as {
          input: { amount: string; currency: string; idempotencyKey: string };
        }
      ).input,
    ).toMatchObject({
      campaignId: 'c1',
      amount: '2550',
      currency: 'USD',
      idempotencyKey: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
  });

  it('keeps what was typed and says why when the amount is not valid', async () => {
    const { client } = fakeClient((op) =>
      op.kind === 'query'
        ? {
            campaign: {
              ...campaign,
              description: null,
              organization: {
                __typename: 'Organization',
                id: 'o',
                slug: 'o',
                name: 'Org',
                verified: false,
                viewerRole: null,
              },
              cause: null,
              viewerPledges: [],
            },
          }
        : undefined,
    );
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
    renderWith(
      <Routes>
        <Route path="/campaigns/:id" element={<CampaignPage />} />
      </Routes>,
      { client, session, path: '/campaigns/c1' },
    );
    const amount = await screen.findByLabelText('Amount');
    await userEvent.type(amount, '2.555');
    await userEvent.click(screen.getByRole('button', { name: 'Pledge' }));
    expect(amount).toHaveValue('2.555');
    expect(amount).toHaveAccessibleDescription(/Enter an amount such as 25 or 25.50/);
  });
});

describe('Layout', () => {
  it('has a skip link, the main navigation, one main landmark, and the unread count in the Notifications link', async () => {
    const { client } = fakeClient((op) =>
      op.kind === 'query'
        ? {
            viewer: {
              __typename: 'Viewer',
              platformRole: 'MEMBER',
              unreadNotificationCount: 2,
              user: { __typename: 'User', id: 'u', handle: 'sam' },
            },
          }
        : undefined,
    );
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
    renderWith(
      <Layout>
        <h1>Page</h1>
      </Layout>,
      { client, session },
    );
    expect(screen.getByRole('link', { name: 'Skip to content' })).toHaveAttribute('href', '#main');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(await within(nav).findByRole('link', { name: 'Notifications, 2 unread' })).toBeVisible();
    expect(screen.getAllByRole('main')).toHaveLength(1);
    expect(screen.getByRole('button', { name: 'Log out' })).toBeVisible();
  });
});

describe('the log-in form', () => {
  it('keeps what was typed and says when to try again when rate limited', async () => {
    const session = new Session(
      fakeFetch((input) =>
        String(input).endsWith('/auth/login')
          ? new Response(
              JSON.stringify({
                errors: [
                  {
                    message: 'Too many requests; try again in 42 seconds.',
                    extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 42 },
                  },
                ],
              }),
              { status: 429 },
            )
          : new Response(
              JSON.stringify({
                errors: [{ message: 'no', extensions: { code: 'UNAUTHENTICATED' } }],
              }),
              { status: 401 },
            ),
      ),
    );
    await session.restore();
    renderWith(<LogInPage />, { client: fakeClient(() => null).client, session, path: '/login' });
    await userEvent.type(screen.getByLabelText('Email'), 'sam@example.org');
    await userEvent.type(screen.getByLabelText('Password'), 'correct horse battery');
    await userEvent.click(screen.getByRole('button', { name: 'Log in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Too many attempts. Try again in 42 seconds.',
    );
    expect(screen.getByLabelText('Email')).toHaveValue('sam@example.org');
  });
});
