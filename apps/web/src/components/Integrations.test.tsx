import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Operation } from 'urql';
import { fakeClient, refusal, renderWith } from '../test/render';
import { Integrations } from './Integrations';

const opName = (op: Operation) =>
  op.query.definitions.map((d) => ('name' in d ? d.name?.value : '')).join();
const hook = {
  __typename: 'Webhook',
  id: 'h1',
  url: 'https://crm.example.org/hooks',
  events: ['PLEDGE_RECEIVED'],
  active: true,
  createdAt: '2026-01-01T10:00:00Z',
};

describe(Integrations.name, () => {
  it('creates a webhook with the chosen events (never PING) and shows the secret once with a copy button', async () => {
    const { client, operations } = fakeClient((op) => {
      switch (opName(op)) {
        case 'Webhooks':
          return { organization: { __typename: 'Organization', id: 'o1', webhooks: [] } };
        case 'CreateWebhook':
          return {
            createWebhook: {
              __typename: 'WebhookWithSecret',
              secret: 'whsec_c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0',
              webhook: hook,
            },
          };
        default:
          return null;
      }
    });
    renderWith(<Integrations slug="wells" organizationId="o1" />, { client });
    const events = screen.getByRole('group', { name: 'Events' });
    expect(within(events).queryByRole('checkbox', { name: 'Ping' })).toBeNull();
    await userEvent.click(within(events).getByRole('checkbox', { name: 'Update posted' }));
    await userEvent.type(screen.getByLabelText('Endpoint URL'), 'https://crm.example.org/hooks');
    await userEvent.click(screen.getByRole('button', { name: 'Create webhook' }));
    const box = await screen.findByRole('region', { name: 'Signing secret' });
    expect(within(box).getByText('Copy this secret now: you will not see it again.')).toBeVisible();
    expect(within(box).getByLabelText('Signing secret')).toHaveValue(
      'whsec_c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0',
    );
    expect(within(box).getByRole('button', { name: 'Copy secret' })).toBeVisible();
    expect(operations.find((o) => opName(o) === 'CreateWebhook')!.variables).toEqual({
      input: {
        organizationId: 'o1',
        url: 'https://crm.example.org/hooks',
        events: ['PLEDGE_RECEIVED', 'UPDATE_POSTED'],
      },
    });
    await userEvent.click(within(box).getByRole('button', { name: 'I have saved it' }));
    expect(screen.queryByRole('region', { name: 'Signing secret' })).toBeNull();
  });

  it('shows a refused URL next to the field and keeps it', async () => {
    const { client } = fakeClient((op) =>
      opName(op) === 'CreateWebhook'
        ? refusal('Invalid input.', {
            code: 'BAD_USER_INPUT',
            fields: { 'input.url': 'must be an https URL on a public address' },
          })
        : { organization: { __typename: 'Organization', id: 'o1', webhooks: [] } },
    );
    renderWith(<Integrations slug="wells" organizationId="o1" />, { client });
    const url = screen.getByLabelText('Endpoint URL');
    await userEvent.type(url, 'http://10.0.0.1/x');
    await userEvent.click(screen.getByRole('button', { name: 'Create webhook' }));
    await waitFor(() =>
      expect(url).toHaveAccessibleDescription(/must be an https URL on a public address/),
    );
    expect(url).toHaveValue('http://10.0.0.1/x');
  });

  it('lists webhooks with their state, pings one and shows the delivery log, and deletes after confirming', async () => {
    const { client, operations } = fakeClient((op) => {
      switch (opName(op)) {
        case 'Webhooks':
          return {
            organization: {
              __typename: 'Organization',
              id: 'o1',
              webhooks: [
                hook,
                { ...hook, id: 'h2', url: 'https://old.example.org/x', active: false },
              ],
            },
          };
        case 'PingWebhook':
          return { pingWebhook: { __typename: 'WebhookDelivery', id: 'd1', status: 'PENDING' } };
        case 'WebhookDeliveries':
          return {
            organization: {
              __typename: 'Organization',
              id: 'o1',
              webhooks: [
                {
                  __typename: 'Webhook',
                  id: 'h1',
                  deliveries: {
                    __typename: 'WebhookDeliveryConnection',
                    edges: [
                      {
                        __typename: 'WebhookDeliveryEdge',
                        cursor: 'd1',
                        node: {
                          __typename: 'WebhookDelivery',
                          id: 'd1',
                          event: 'PING',
                          status: 'SUCCEEDED',
                          attempts: 1,
                          responseStatus: 204,
                          createdAt: '2026-01-01T10:00:00Z',
                          nextAttemptAt: null,
                        },
                      },
                    ],
                    pageInfo: { __typename: 'PageInfo', hasNextPage: true, endCursor: 'd1' },
                  },
                },
              ],
            },
          };
        case 'DeleteWebhook':
          return { deleteWebhook: true };
        default:
          return null;
      }
    });
    renderWith(<Integrations slug="wells" organizationId="o1" />, { client });
    const list = await screen.findByRole('list', { name: 'Webhooks' });
    await within(list).findByText('https://crm.example.org/hooks');
    expect(within(list).getByText('Disabled')).toBeVisible();
    await userEvent.click(
      screen.getByRole('button', { name: 'Ping https://crm.example.org/hooks' }),
    );
    const log = await screen.findByRole('table');
    const row = within(log).getAllByRole('row')[1];
    expect(row).toHaveTextContent('Ping');
    expect(row).toHaveTextContent('Succeeded');
    expect(row).toHaveTextContent('204');
    expect(screen.getByRole('button', { name: 'Load more' })).toBeVisible();

    await userEvent.click(screen.getByRole('button', { name: 'Delete https://old.example.org/x' }));
    expect(operations.some((o) => opName(o) === 'DeleteWebhook')).toBe(false);
    await userEvent.click(screen.getByRole('button', { name: 'Yes, delete webhook' }));
    await waitFor(() =>
      expect(operations.find((o) => opName(o) === 'DeleteWebhook')?.variables).toEqual({
        id: 'h2',
      }),
    );
  });
});
