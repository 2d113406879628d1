import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Operation } from 'urql';
import { fakeClient, refusal, renderWith } from '../test/render';
import { Session } from '../session/session';
import SettingsPage, { DataExportSection, DeleteAccountSection } from './settings';
import { fakeFetch } from '../test/fake-fetch';

const opName = (op: Operation) =>
  op.query.definitions.map((d) => ('name' in d ? d.name?.value : '')).join();

const viewer = {
  __typename: 'Viewer',
  email: 'sam@example.org',
  platformRole: 'MEMBER',
  emailVerified: false,
  digestFrequency: 'WEEKLY',
  locale: 'en',
  timeZone: 'Europe/Berlin',
  user: { __typename: 'User', id: 'u', handle: 'sam', displayName: 'Sam', bio: null },
  organizations: [],
};
const follows = {
  __typename: 'Viewer',
  followedCauses: {
    __typename: 'CauseConnection',
    edges: [
      {
        __typename: 'CauseEdge',
        cursor: 'c',
        node: {
          __typename: 'Cause',
          id: 'w',
          slug: 'water',
          name: 'Water',
          viewerDelivery: 'HOME',
        },
      },
    ],
    pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: 'c' },
  },
  followedOrganizations: {
    __typename: 'OrganizationConnection',
    edges: [
      {
        __typename: 'OrganizationEdge',
        cursor: 'o',
        node: {
          __typename: 'Organization',
          id: 'o1',
          slug: 'wells',
          name: 'Clean Wells',
          viewerDelivery: 'DIGEST',
        },
      },
    ],
    pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: 'o' },
  },
};

function settingsClient(
  overrides: Record<string, (op: Operation) => Record<string, unknown>> = {},
) {
  return fakeClient((op) => {
    const name = opName(op);
    if (overrides[name]) return overrides[name](op);
    switch (name) {
      case 'Me':
        return { viewer };
      case 'MyFollows':
        return { viewer: follows };
      case 'DataExports':
        return { viewer: { __typename: 'Viewer', dataExports: [] } };
      case 'SetCauseDelivery':
        return {
          setCauseDelivery: {
            __typename: 'Cause',
            id: 'w',
            viewerDelivery: (op.variables as { delivery: string }).delivery,
          },
        };
      case 'SetOrganizationDelivery':
        return {
          setOrganizationDelivery: {
            __typename: 'Organization',
            id: 'o1',
            viewerDelivery: (op.variables as { delivery: string }).delivery,
          },
        };
      case 'SetDigestFrequency':
        return {
          setDigestFrequency: {
            __typename: 'Viewer',
            digestFrequency: (op.variables as { frequency: string }).frequency,
          },
        };
      case 'ResendVerification':
        return { resendVerificationEmail: true };
      case 'UpdateProfile':
        return { updateProfile: { __typename: 'User', id: 'u', displayName: 'Sam', bio: null } };
      default:
        return null;
    }
  });
}

describe(SettingsPage.name, () => {
  it('shows each follow with a labelled delivery control that calls the matching mutation', async () => {
    const { client, operations } = settingsClient();
    renderWith(<SettingsPage />, { client, path: '/settings' });
    const water = await screen.findByRole('combobox', { name: 'Delivery for Water' });
    expect(water).toHaveValue('HOME');
    expect(screen.getByRole('combobox', { name: 'Delivery for Clean Wells' })).toHaveValue(
      'DIGEST',
    );
    await userEvent.selectOptions(water, 'MUTED');
    await waitFor(() =>
      expect(screen.getByRole('combobox', { name: 'Delivery for Water' })).toHaveValue('MUTED'),
    );
    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'Delivery for Clean Wells' }),
      'HOME',
    );
    const sent = operations
      .filter((o) => o.kind === 'mutation')
      .map((o) => [opName(o), o.variables]);
    expect(sent).toEqual([
      ['SetCauseDelivery', { id: 'w', delivery: 'MUTED' }],
      ['SetOrganizationDelivery', { id: 'o1', delivery: 'HOME' }],
    ]);
  });

  it('sets the digest frequency, resends the verification email, and saves the time zone', async () => {
    const { client, operations } = settingsClient();
    renderWith(<SettingsPage />, { client, path: '/settings' });
    const digest = await screen.findByRole('combobox', { name: 'Digest frequency' });
    expect(digest).toHaveValue('WEEKLY');
    await userEvent.selectOptions(digest, 'DAILY');
    expect(screen.getByText('Not confirmed yet')).toBeVisible();
    await userEvent.click(screen.getByRole('button', { name: 'Resend verification email' }));
    expect(await screen.findByText('We sent a new link. Check your inbox.')).toBeVisible();
    const zone = screen.getByRole('combobox', { name: 'Time zone' });
    expect(zone).toHaveValue('Europe/Berlin');
    await userEvent.selectOptions(zone, 'UTC');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Language' }), 'de');
    await waitFor(() => expect(operations.filter((o) => o.kind === 'mutation')).toHaveLength(4));
    expect(
      operations.filter((o) => o.kind === 'mutation').map((o) => [opName(o), o.variables]),
    ).toEqual([
      ['SetDigestFrequency', { frequency: 'DAILY' }],
      ['ResendVerification', {}],
      ['UpdateProfile', { input: { timeZone: 'UTC' } }],
      ['UpdateProfile', { input: { locale: 'de' } }],
    ]);
    expect(await screen.findByRole('heading', { name: 'Einstellungen' })).toBeVisible();
  });
});

describe(DataExportSection.name, () => {
  it('requests an export, polls while it is pending and links the archive once ready', async () => {
    let status = 'NONE';
    let pendingPolls = 0;
    const { client } = fakeClient((op) => {
      const name = opName(op);
      if (name === 'RequestDataExport') {
        status = 'PENDING';
        return {
          requestDataExport: {
            __typename: 'DataExport',
            id: 'x1',
            status: 'PENDING',
            createdAt: '2026-01-01T10:00:00Z',
            downloadUrl: null,
          },
        };
      }
      if (name === 'DataExports') {
        if (status === 'PENDING' && ++pendingPolls > 1) status = 'READY';
        const list =
          status === 'NONE'
            ? []
            : [
                {
                  __typename: 'DataExport',
                  id: 'x1',
                  status,
                  createdAt: '2026-01-01T10:00:00Z',
                  downloadUrl: status === 'READY' ? '/exports/x1?expires=1&signature=s' : null,
                },
              ];
        return { viewer: { __typename: 'Viewer', dataExports: list } };
      }
      return null;
    });
    renderWith(<DataExportSection />, { client });
    await userEvent.click(await screen.findByRole('button', { name: 'Request data export' }));
    expect(await screen.findByText(/Being prepared/)).toBeVisible();
    const link = await screen.findByRole(
      'link',
      { name: 'Download your data (JSON)' },
      { timeout: 8000 },
    );
    expect(link).toHaveAttribute('href', '/exports/x1?expires=1&signature=s');
  }, 15_000);

  it('says when to try again when rate limited, and shows an expired export as such', async () => {
    const { client } = fakeClient((op) =>
      opName(op) === 'RequestDataExport'
        ? refusal('Too many requests.', { code: 'RATE_LIMITED', retryAfterSeconds: 3600 })
        : {
            viewer: {
              __typename: 'Viewer',
              dataExports: [
                {
                  __typename: 'DataExport',
                  id: 'x0',
                  status: 'EXPIRED',
                  createdAt: '2026-01-01T10:00:00Z',
                  downloadUrl: null,
                },
              ],
            },
          },
    );
    renderWith(<DataExportSection />, { client });
    expect(await screen.findByText(/Expired: request a new one/)).toBeVisible();
    await userEvent.click(screen.getByRole('button', { name: 'Request data export' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Try again in 3,600 seconds.');
  });
});

describe(DeleteAccountSection.name, () => {
  it('shows a CONFLICT plainly and a wrong password next to the field', async () => {
    let answer = refusal(
      'You are the last owner of Clean Wells; make someone else an owner first.',
      { code: 'CONFLICT' },
    );
    const { client } = fakeClient((op) => (op.kind === 'mutation' ? answer : null));
    renderWith(<DeleteAccountSection />, { client });
    const field = screen.getByLabelText('Your password');
    await userEvent.type(field, 'correct horse battery');
    await userEvent.click(screen.getByRole('button', { name: 'Delete my account' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'You are the last owner of Clean Wells; make someone else an owner first.',
    );
    answer = refusal('The password is not correct.', {
      code: 'BAD_USER_INPUT',
      fields: { password: 'is not your current password' },
    });
    await userEvent.click(screen.getByRole('button', { name: 'Delete my account' }));
    await waitFor(() => expect(field).toHaveAccessibleDescription('is not your current password'));
  });

  it('signs the person out after deleting', async () => {
    const calls: string[] = [];
    const session = new Session(
      fakeFetch((input) => {
        calls.push(String(input));
        return String(input).endsWith('/auth/logout')
          ? new Response(null, { status: 204 })
          : new Response(
              JSON.stringify({
                accessToken: 't',
                expiresIn: 900,
                user: { id: 'u', handle: 'sam', displayName: 'Sam' },
              }),
              { status: 200 },
            );
      }),
    );
    await session.restore();
    const { client } = fakeClient((op) =>
      op.kind === 'mutation' ? { deleteAccount: true } : null,
    );
    renderWith(<DeleteAccountSection />, { client, session });
    await userEvent.type(screen.getByLabelText('Your password'), 'correct horse battery');
    await userEvent.click(screen.getByRole('button', { name: 'Delete my account' }));
    await waitFor(() => expect(session.status).toBe('signedOut'));
    expect(calls).toContain('/auth/logout');
  });
});

void within;
