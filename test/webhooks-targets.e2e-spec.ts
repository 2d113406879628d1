import { eventually, signUpPerson, startTestStack, TestPerson, TestStack } from '@causeway/testing';
import { WebhookReceiver } from './support/webhook-receiver';

// The production default: https and public addresses only.
delete process.env.WEBHOOKS_ALLOW_PRIVATE_TARGETS;
process.env.WEBHOOKS_TIMEOUT_SECONDS = '1';
process.env.WEBHOOKS_RETRY_SCHEDULE = '100ms';

const CREATE = `mutation($i: CreateWebhookInput!) { createWebhook(input: $i) { webhook { id } } }`;

describe('webhook targets without WEBHOOKS_ALLOW_PRIVATE_TARGETS (end to end)', () => {
  let stack: TestStack;
  let rx: WebhookReceiver;
  let owner: TestPerson;
  let orgId: string;

  beforeAll(async () => {
    stack = await startTestStack({ worker: true });
    rx = await new WebhookReceiver().start();
    owner = await signUpPerson(stack, 'own');
    orgId = (
      await stack.gql(
        `mutation { createOrganization(input: { name: "Ssrf Org", slug: "ssrf-${Date.now().toString(36)}" }) { id } }`,
        {},
        owner.token,
      )
    ).data.createOrganization.id;
  });
  afterAll(async () => {
    await stack?.close();
    await rx?.stop();
  });

  it.each([
    ['http, even public', 'http://example.org/hook'],
    ['the loopback receiver', 'LOOPBACK'],
    ['loopback over https', 'https://127.0.0.1/hook'],
    ['localhost', 'https://localhost/hook'],
    ['a private network', 'https://10.0.0.5/hook'],
    ['cloud metadata', 'https://169.254.169.254/latest/meta-data'],
    ['IPv6 loopback', 'https://[::1]/hook'],
    ['IPv4-mapped loopback', 'https://[::ffff:127.0.0.1]/hook'],
  ])('refuses %s at creation', async (_what, url) => {
    const r = await stack.gql(
      CREATE,
      {
        i: {
          organizationId: orgId,
          url: url === 'LOOPBACK' ? rx.url : url,
          events: ['PLEDGE_RECEIVED'],
        },
      },
      owner.token,
    );
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0]?.extensions?.fields).toHaveProperty('url');
  });

  it('checks the target again at each attempt: a webhook re-pointed at loopback after creation sends nothing', async () => {
    const ok = await stack.gql(
      CREATE,
      {
        i: {
          organizationId: orgId,
          url: 'https://hooks.example.com/causeway',
          events: ['PLEDGE_RECEIVED'],
        },
      },
      owner.token,
    );
    expect(ok.errors).toBeNull();
    const id = ok.data.createWebhook.webhook.id;
    // As if the name had been re-pointed at the receiver on loopback after creation.
    const port = new URL(rx.url).port;
    await stack.dataSource.query(`UPDATE webhooks SET url = $2 WHERE id = $1`, [
      id,
      `https://localhost:${port}/hooks`,
    ]);
    const ping = (
      await stack.gql(`mutation($id: ID!) { pingWebhook(id: $id) { id } }`, { id }, owner.token)
    ).data.pingWebhook;
    const d = await eventually(
      async () => {
        const [row] = await stack.dataSource.query(
          `SELECT status, attempts, response_status, last_error FROM webhook_deliveries WHERE id = $1`,
          [ping.id],
        );
        return row?.status === 'FAILED' ? row : null;
      },
      15_000,
      'the delivery FAILED',
    );
    expect(d).toMatchObject({ attempts: 2, response_status: null });
    expect(d.last_error).toMatch(/^target refused: /); // refused before any connection (resolution-time checks: webhooks.spec.ts)
    expect(rx.received).toHaveLength(0);
  });
});
