import { QueueName } from '@causeway/queue';
import {
  eventually,
  GqlResult,
  signUpPerson,
  startTestStack,
  TestPerson,
  TestStack,
} from '@causeway/testing';

interface OutboxRow {
  id: string;
  type: string;
  payload: Record<string, unknown>;
}
import {
  expectedSignature,
  signaturesIn,
  verifies,
  WebhookReceiver,
} from './support/webhook-receiver';

// Loopback receivers, a 1 s attempt timeout and a short retry schedule (4 attempts in all).
process.env.WEBHOOKS_ALLOW_PRIVATE_TARGETS = 'true';
process.env.WEBHOOKS_TIMEOUT_SECONDS = '1';
process.env.WEBHOOKS_RETRY_SCHEDULE = '200ms,400ms,800ms';

const CREATE = `mutation($i: CreateWebhookInput!) { createWebhook(input: $i) { secret webhook { id url events active } } }`;
const PING = `mutation($id: ID!) { pingWebhook(id: $id) { id messageId event status attempts } }`;
const ROTATE = `mutation($id: ID!) { rotateWebhookSecret(id: $id) { secret webhook { id active } } }`;
const HOOKS = `query($slug: String!) { organization(slug: $slug) { webhooks { id active events deliveries(first: 50) { nodes { id messageId event status attempts responseStatus nextAttemptAt } } } } }`;
const ALL_EVENTS = [
  'UPDATE_POSTED',
  'NEW_FOLLOWER',
  'PLEDGE_RECEIVED',
  'PLEDGE_CANCELLED',
  'PLEDGE_FULFILLED',
  'CAMPAIGN_GOAL_REACHED',
];

describe('webhooks (end to end, real receivers on loopback)', () => {
  let stack: TestStack;
  const receivers: WebhookReceiver[] = [];
  let owner: TestPerson;
  let admin: TestPerson;
  let editor: TestPerson;
  let stranger: TestPerson;
  let org: { id: string; slug: string };

  const receiver = async (...args: ConstructorParameters<typeof WebhookReceiver>) => {
    const r = await new WebhookReceiver(...args).start();
    receivers.push(r);
    return r;
  };
  const createHook = async (url: string, events = ALL_EVENTS, token = owner.token) => {
    const r = await stack.gql(CREATE, { i: { organizationId: org.id, url, events } }, token);
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return r.data.createWebhook as { secret: string; webhook: { id: string } };
  };
  const delivery = async (id: string) =>
    (
      await stack.dataSource.query(
        `SELECT status, attempts, response_status, last_error, message_id FROM webhook_deliveries WHERE id = $1`,
        [id],
      )
    )[0];
  const waitStatus = (id: string, status: string, timeoutMs = 15_000) =>
    eventually(
      async () => ((await delivery(id))?.status === status ? delivery(id) : null),
      timeoutMs,
      `delivery ${status}`,
    );

  beforeAll(async () => {
    stack = await startTestStack({ worker: true });
    [owner, admin, editor, stranger] = await Promise.all(
      ['own', 'adm', 'edt', 'str'].map((p) => signUpPerson(stack, p)),
    );
    const slug = `hooks-${Date.now().toString(36)}`;
    org = {
      id: (
        await stack.gql(
          `mutation { createOrganization(input: { name: "Hooks Org", slug: "${slug}" }) { id } }`,
          {},
          owner.token,
        )
      ).data.createOrganization.id,
      slug,
    };
    const ADD = `mutation($o: ID!, $h: String!, $r: OrganizationRole!) { addOrganizationMember(organizationId: $o, userHandle: $h, role: $r) { id } }`;
    await stack.gql(ADD, { o: org.id, h: admin.handle, r: 'ADMIN' }, owner.token);
    await stack.gql(ADD, { o: org.id, h: editor.handle, r: 'EDITOR' }, owner.token);
  });
  afterAll(async () => {
    await stack?.close();
    await Promise.all(receivers.map((r) => r.stop()));
  });

  it('signs every event per the Standard Webhooks specification, once per event, with ids and amounts only', async () => {
    const rx = await receiver();
    const { secret, webhook } = await createHook(rx.url);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), 'base64').length).toBeGreaterThanOrEqual(24);

    const fan = await signUpPerson(stack, 'fan');
    await stack.gql(
      `mutation($id: ID!) { followOrganization(id: $id) { id } }`,
      { id: org.id },
      fan.token,
    );
    await stack.gql(
      `mutation($i: PostUpdateInput!) { postUpdate(input: $i) { id } }`,
      { i: { body: 'We planted 40 trees', organizationId: org.id } },
      owner.token,
    );
    const camp = (
      await stack.gql(
        `mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { id } }`,
        {
          i: { organizationId: org.id, title: 'Ten actions', goalKind: 'ACTION', goalAmount: '10' },
        },
        owner.token,
      )
    ).data.createCampaign;
    const PLEDGE = `mutation($i: PledgeInput!) { pledge(input: $i) { id } }`;
    const p1 = (
      await stack.gql(
        PLEDGE,
        { i: { campaignId: camp.id, amount: '10', idempotencyKey: 'a', message: 'for my sister' } },
        fan.token,
      )
    ).data.pledge;
    const p2 = (
      await stack.gql(
        PLEDGE,
        { i: { campaignId: camp.id, amount: '3', idempotencyKey: 'b' } },
        fan.token,
      )
    ).data.pledge;
    await stack.gql(
      `mutation($id: ID!) { markPledgeFulfilled(id: $id) { id } }`,
      { id: p1.id },
      admin.token,
    );
    await stack.gql(
      `mutation($id: ID!) { cancelPledge(id: $id) { id } }`,
      { id: p2.id },
      fan.token,
    );

    const got = await rx.waitFor(7);
    await stack.drain();
    expect(rx.received).toHaveLength(7);
    const types = got.map((r) => JSON.parse(r.body).type).sort();
    expect(types).toEqual([
      'campaign.goal_reached',
      'follower.new',
      'pledge.cancelled',
      'pledge.fulfilled',
      'pledge.received',
      'pledge.received',
      'update.posted',
    ]);
    for (const r of got) {
      expect(r.headers['content-type']).toBe('application/json');
      expect(r.id).toMatch(/^msg_[0-9a-f]{32}$/);
      expect(Math.abs(Number(r.timestamp) - Date.now() / 1000)).toBeLessThan(60);
      expect(signaturesIn(r.signature)).toHaveLength(1);
      expect(verifies(secret, r)).toBe(true);
      expect(verifies(secret, { ...r, body: r.body.replace('}', ' }') })).toBe(false);
      const body = JSON.parse(r.body);
      expect(Number.isNaN(Date.parse(body.timestamp))).toBe(false);
      expect(body.data.organizationId).toBe(org.id);
      expect(r.body).not.toContain('@'); // no emails
      expect(r.body).not.toContain('sister'); // no pledge messages
    }
    expect(new Set(got.map((r) => r.id)).size).toBe(7);
    const received = got
      .map((r) => JSON.parse(r.body))
      .find((b) => b.type === 'pledge.received' && b.data.pledgeId === p1.id);
    expect(received.data).toMatchObject({ campaignId: camp.id, amount: '10', kind: 'ACTION' });

    // The delivery log shows each one, with the same message id the receiver saw.
    const log = (
      await stack.gql(HOOKS, { slug: org.slug }, owner.token)
    ).data.organization.webhooks.find((w: { id: string }) => w.id === webhook.id).deliveries.nodes;
    expect(log).toHaveLength(7);
    expect(log.map((d: { messageId: string }) => d.messageId).sort()).toEqual(
      got.map((r) => r.id).sort(),
    );
    expect(
      log.every(
        (d: { status: string; attempts: number; responseStatus: number | null }) =>
          d.status === 'SUCCEEDED' && d.attempts === 1 && d.responseStatus === 204,
      ),
    ).toBe(true);

    // Every event's job run again: no new delivery, nothing sent twice.
    const events = await stack.dataSource.query(
      `SELECT id, type, payload FROM outbox_events WHERE type <> 'update-posted'`,
    );
    await stack.queue(QueueName.Events).addBulk(
      events.map((e: OutboxRow) => ({
        name: e.type,
        data: { ...e.payload, eventId: e.id },
        opts: { jobId: `again-${e.id}` },
      })),
    );
    await stack.drain();
    expect(rx.received).toHaveLength(7);
    await stack.gql(
      `mutation($id: ID!) { deleteWebhook(id: $id) }`,
      { id: webhook.id },
      owner.token,
    );
  });

  it('retries a failed attempt with the same webhook-id until the receiver accepts it', async () => {
    const rx = await receiver((_r, nth) => (nth === 1 ? 500 : 200));
    const { secret, webhook } = await createHook(rx.url, ['PLEDGE_RECEIVED']);
    const ping = (await stack.gql(PING, { id: webhook.id }, owner.token)).data.pingWebhook;
    expect(ping).toMatchObject({ event: 'PING', status: 'PENDING', attempts: 0 });
    const [first, second] = await rx.waitFor(2);
    const done = await waitStatus(ping.id, 'SUCCEEDED');
    expect(done).toMatchObject({ attempts: 2, response_status: 200, message_id: ping.messageId });
    expect(first.id).toBe(ping.messageId);
    expect(second.id).toBe(ping.messageId);
    expect(second.body).toBe(first.body);
    expect(JSON.parse(first.body)).toMatchObject({
      type: 'webhook.ping',
      data: { webhookId: webhook.id },
    });
    expect(verifies(secret, first) && verifies(secret, second)).toBe(true);
    expect(second.startedAt - first.startedAt).toBeGreaterThanOrEqual(150); // the schedule's first delay
    // A success ends the failing period.
    expect(
      (
        await stack.dataSource.query('SELECT failing_since FROM webhooks WHERE id = $1', [
          webhook.id,
        ])
      )[0].failing_since,
    ).toBeNull();
    await stack.gql(
      `mutation($id: ID!) { deleteWebhook(id: $id) }`,
      { id: webhook.id },
      owner.token,
    );
  });

  it('times out a hanging receiver, retries it one connection at a time, and leaves other receivers unaffected', async () => {
    const hanging = await receiver(() => 'hang');
    const healthy = await receiver();
    const slow = await createHook(hanging.url, ['PLEDGE_RECEIVED']);
    const fine = await createHook(healthy.url, ['PLEDGE_RECEIVED']);
    const camp = (
      await stack.gql(
        `mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { id } }`,
        { i: { organizationId: org.id, title: 'Hang on', goalKind: 'TIME', goalAmount: '1000' } },
        owner.token,
      )
    ).data.createCampaign;
    const fan = await signUpPerson(stack, 'fan');
    const started = Date.now();
    for (let k = 0; k < 2; k++) {
      await stack.gql(
        `mutation($i: PledgeInput!) { pledge(input: $i) { id } }`,
        { i: { campaignId: camp.id, amount: '1', idempotencyKey: `h${k}` } },
        fan.token,
      );
    }
    await healthy.waitFor(2);
    const healthyDoneMs = Date.now() - started;
    // The healthy receiver got both while the hanging one's deliveries were still pending.
    const slowIds: { id: string; status: string }[] = await stack.dataSource.query(
      'SELECT id, status FROM webhook_deliveries WHERE webhook_id = $1',
      [slow.webhook.id],
    );
    expect(slowIds.map((d) => d.status)).toEqual(['PENDING', 'PENDING']);
    const fineLog = await eventually(
      async () => {
        const rows = await stack.dataSource.query(
          'SELECT status, attempts FROM webhook_deliveries WHERE webhook_id = $1',
          [fine.webhook.id],
        );
        return rows.every((r: { status: string }) => r.status === 'SUCCEEDED') ? rows : null;
      },
      5000,
      'the healthy deliveries SUCCEEDED',
    );
    expect(fineLog).toEqual([
      { status: 'SUCCEEDED', attempts: 1 },
      { status: 'SUCCEEDED', attempts: 1 },
    ]);
    console.log(`healthy receiver served in ${healthyDoneMs} ms beside a hanging one`);
    for (const { id } of slowIds) {
      const d = await waitStatus(id, 'FAILED', 30_000);
      expect(d).toMatchObject({ attempts: 4, response_status: null });
      expect(d.last_error).toMatch(/no response within 1000 ms/);
    }
    expect(hanging.received).toHaveLength(8);
    // Once failing, the hanging receiver had one connection at a time.
    const firstFailure = Math.min(...hanging.received.map((r) => r.startedAt)) + 1000;
    const later = hanging.received.filter((r) => r.startedAt > firstFailure + 100);
    for (const a of later) {
      const overlapping = later.filter(
        (b) =>
          b !== a && b.startedAt < (a.endedAt ?? Infinity) && a.startedAt < (b.endedAt ?? Infinity),
      );
      expect(overlapping).toHaveLength(0);
    }
    expect(hanging.peakOpen).toBeLessThanOrEqual(4); // MAX_IN_FLIGHT while it still looked healthy
    expect(healthy.received).toHaveLength(2);
    for (const id of [slow.webhook.id, fine.webhook.id])
      await stack.gql(`mutation($id: ID!) { deleteWebhook(id: $id) }`, { id }, owner.token);
  });

  it('signs with both secrets during the 24-hour overlap of a rotation, then with the new one only', async () => {
    const rx = await receiver();
    const { secret: oldSecret, webhook } = await createHook(rx.url, ['PLEDGE_RECEIVED']);
    const rotated = (await stack.gql(ROTATE, { id: webhook.id }, admin.token)).data
      .rotateWebhookSecret;
    expect(rotated.secret).not.toBe(oldSecret);
    const overlap = await stack.dataSource.query(
      `SELECT previous_secret_expires_at - now() AS left FROM webhooks WHERE id = $1`,
      [webhook.id],
    );
    expect(overlap[0].left.hours ?? 0).toBeGreaterThanOrEqual(23);

    await stack.gql(PING, { id: webhook.id }, owner.token);
    const [during] = await rx.waitFor(1);
    const sigs = signaturesIn(during.signature);
    expect(sigs).toHaveLength(2);
    expect(sigs).toContain(expectedSignature(oldSecret, during));
    expect(sigs).toContain(expectedSignature(rotated.secret, during));

    await stack.dataSource.query(
      `UPDATE webhooks SET previous_secret_expires_at = now() - interval '1 second' WHERE id = $1`,
      [webhook.id],
    );
    await stack.gql(PING, { id: webhook.id }, owner.token);
    const [, after] = await rx.waitFor(2);
    expect(signaturesIn(after.signature)).toEqual([expectedSignature(rotated.secret, after)]);
    expect(verifies(oldSecret, after)).toBe(false);
    await stack.gql(
      `mutation($id: ID!) { deleteWebhook(id: $id) }`,
      { id: webhook.id },
      owner.token,
    );
  });

  it('does not follow a redirect', async () => {
    const elsewhere = await receiver();
    const redirecting = await receiver(() => ({ status: 307, location: elsewhere.url }));
    const { webhook } = await createHook(redirecting.url, ['PLEDGE_RECEIVED']);
    const ping = (await stack.gql(PING, { id: webhook.id }, owner.token)).data.pingWebhook;
    const d = await waitStatus(ping.id, 'FAILED', 20_000);
    expect(d).toMatchObject({ attempts: 4, response_status: 307 });
    expect(redirecting.received).toHaveLength(4);
    expect(elsewhere.received).toHaveLength(0);
    await stack.gql(
      `mutation($id: ID!) { deleteWebhook(id: $id) }`,
      { id: webhook.id },
      owner.token,
    );
  });

  it('disables a webhook failing for 3 days and tells the OWNERs; rotating re-enables it', async () => {
    const rx = await receiver(() => 503);
    const { webhook } = await createHook(rx.url, ['PLEDGE_RECEIVED']);
    await stack.dataSource.query(
      `UPDATE webhooks SET failing_since = now() - interval '72 hours 1 minute' WHERE id = $1`,
      [webhook.id],
    );
    const ping = (await stack.gql(PING, { id: webhook.id }, owner.token)).data.pingWebhook;
    await rx.waitFor(1);
    const d = await waitStatus(ping.id, 'FAILED');
    expect(d.attempts).toBe(1); // the next attempt finds the webhook disabled
    const hooks = (await stack.gql(HOOKS, { slug: org.slug }, owner.token)).data.organization
      .webhooks;
    expect(hooks.find((w: { id: string }) => w.id === webhook.id).active).toBe(false);
    const inbox = async (p: TestPerson) =>
      (
        await stack.gql(
          `{ notifications(first: 50) { nodes { type organization { id } } } }`,
          {},
          p.token,
        )
      ).data.notifications.nodes.filter((n: { type: string }) => n.type === 'WEBHOOK_DISABLED');
    await eventually(async () => (await inbox(owner)).length === 1, 5000, 'the OWNER notified');
    expect((await inbox(owner))[0].organization.id).toBe(org.id);
    expect(await inbox(admin)).toHaveLength(0);

    // Disabled: new events are not delivered to it.
    const before = rx.received.length;
    await stack.gql(PING, { id: webhook.id }, owner.token);
    await stack.drain();
    expect(rx.received.length).toBe(before);

    rx.setBehaviour(() => 200);
    const again = (await stack.gql(ROTATE, { id: webhook.id }, owner.token)).data
      .rotateWebhookSecret;
    expect(again.webhook.active).toBe(true);
    const ok = (await stack.gql(PING, { id: webhook.id }, owner.token)).data.pingWebhook;
    await waitStatus(ok.id, 'SUCCEEDED');
    await stack.gql(
      `mutation($id: ID!) { deleteWebhook(id: $id) }`,
      { id: webhook.id },
      owner.token,
    );
  });

  it('re-enqueues a PENDING delivery whose job was lost (a flushed Redis)', async () => {
    const rx = await receiver();
    const { secret, webhook } = await createHook(rx.url, ['PLEDGE_RECEIVED']);
    // A delivery recorded a minute ago whose job is gone: only the sweeper can send it.
    const [lost] = await stack.dataSource.query(
      `INSERT INTO webhook_deliveries (webhook_id, message_id, event, body, occurred_at, next_attempt_at)
       VALUES ($1, 'msg_lost0000000000000000000000000000', 'PING', '{"type":"webhook.ping"}', now(), now() - interval '1 minute') RETURNING id`,
      [webhook.id],
    );
    const [got] = await rx.waitFor(1, 20_000);
    expect(got.id).toBe('msg_lost0000000000000000000000000000');
    expect(verifies(secret, got)).toBe(true);
    await waitStatus(lost.id, 'SUCCEEDED');
    await stack.gql(
      `mutation($id: ID!) { deleteWebhook(id: $id) }`,
      { id: webhook.id },
      owner.token,
    );
  });

  it('lets only OWNERs and ADMINs manage webhooks (permission matrix)', async () => {
    const rx = await receiver();
    const { webhook } = await createHook(rx.url, ['PLEDGE_RECEIVED']);
    const people: [string, TestPerson | null, 'ok' | 'FORBIDDEN' | 'UNAUTHENTICATED'][] = [
      ['owner', owner, 'ok'],
      ['admin', admin, 'ok'],
      ['editor', editor, 'FORBIDDEN'],
      ['stranger', stranger, 'FORBIDDEN'],
      ['anonymous', null, 'UNAUTHENTICATED'],
    ];
    const code = (r: GqlResult) => (r.errors ? r.errors[0].extensions?.code : 'ok');
    for (const [who, p, expected] of people) {
      const token = p?.token;
      const list = await stack.gql(
        `query($slug: String!) { organization(slug: $slug) { webhooks { id } } }`,
        { slug: org.slug },
        token,
      );
      expect([who, 'list', code(list)]).toEqual([
        who,
        'list',
        expected === 'UNAUTHENTICATED' ? 'FORBIDDEN' : expected,
      ]);
      const created = await stack.gql(
        CREATE,
        { i: { organizationId: org.id, url: rx.url, events: ['NEW_FOLLOWER'] } },
        token,
      );
      expect([who, 'create', code(created)]).toEqual([who, 'create', expected]);
      expect([who, 'ping', code(await stack.gql(PING, { id: webhook.id }, token))]).toEqual([
        who,
        'ping',
        expected,
      ]);
      expect([who, 'rotate', code(await stack.gql(ROTATE, { id: webhook.id }, token))]).toEqual([
        who,
        'rotate',
        expected,
      ]);
      if (created.data?.createWebhook) {
        const del = await stack.gql(
          `mutation($id: ID!) { deleteWebhook(id: $id) }`,
          { id: created.data.createWebhook.webhook.id },
          token,
        );
        expect([who, 'delete', code(del)]).toEqual([who, 'delete', 'ok']);
      } else {
        const del = await stack.gql(
          `mutation($id: ID!) { deleteWebhook(id: $id) }`,
          { id: webhook.id },
          token,
        );
        expect([who, 'delete', code(del)]).toEqual([who, 'delete', expected]);
      }
    }
    // Bad input changes nothing.
    const bad = async (i: Record<string, unknown>) =>
      (
        await stack.gql(
          CREATE,
          { i: { organizationId: org.id, url: rx.url, events: ['NEW_FOLLOWER'], ...i } },
          owner.token,
        )
      ).errors?.[0]?.extensions?.code;
    expect(await bad({ url: 'ftp://example.org/x' })).toBe('BAD_USER_INPUT');
    expect(await bad({ url: 'not a url' })).toBe('BAD_USER_INPUT');
    expect(await bad({ url: 'https://user:pw@example.org/x' })).toBe('BAD_USER_INPUT');
    expect(await bad({ events: [] })).toBe('BAD_USER_INPUT');
    expect(await bad({ events: ['PING'] })).toBe('BAD_USER_INPUT');
    expect(await bad({ organizationId: 'nope' })).toBe('NOT_FOUND');
    expect(
      (await stack.gql(PING, { id: 'not-an-id' }, owner.token)).errors?.[0]?.extensions?.code,
    ).toBe('NOT_FOUND');
    const count = await stack.dataSource.query(
      'SELECT count(*)::int AS n FROM webhooks WHERE organization_id = $1',
      [org.id],
    );
    expect(count[0].n).toBe(1); // only the one made above: every other test deleted its own
    await stack.drain();
  });
});
