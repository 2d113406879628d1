import { QueueName } from '@causeway/queue';
import {
  ConnectionPage,
  signUpPerson,
  startTestStack,
  TestPerson,
  TestStack,
} from '@causeway/testing';

const INBOX = `{ notifications(first: 100) { nodes { type eventCount actor { id } campaign { id } organization { id } } } }`;
interface InboxItem {
  type: string;
  eventCount: number;
  actor: { id: string } | null;
  campaign: { id: string } | null;
  organization: { id: string } | null;
}
interface OutboxRow {
  id: string;
  type: string;
  payload: Record<string, unknown>;
}
const PLEDGE = `mutation($i: PledgeInput!) { pledge(input: $i) { id } }`;

describe('notifications of pledges (end to end)', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ worker: true });
  });
  afterAll(() => stack?.close());

  const inbox = async (p: TestPerson) =>
    (await stack.gql<{ notifications: ConnectionPage<InboxItem> }>(INBOX, {}, p.token)).data!
      .notifications.nodes;
  const count = async (p: TestPerson, type: string, campaignId: string) =>
    (await inbox(p)).filter((n) => n.type === type && n.campaign?.id === campaignId);

  it('tells managers of pledges, pledgers of fulfilment, and members and pledgers of the goal exactly once', async () => {
    const [owner, admin, editor, ...pledgers] = await Promise.all(
      ['own', 'adm', 'edt', 'p1', 'p2', 'p3', 'p4', 'p5'].map((p) => signUpPerson(stack, p)),
    );
    const org = (
      await stack.gql(
        `mutation { createOrganization(input: { name: "Goal Org", slug: "goal-org-${Date.now().toString(36)}" }) { id } }`,
        {},
        owner.token,
      )
    ).data.createOrganization;
    const ADD = `mutation($o: ID!, $h: String!, $r: OrganizationRole!) { addOrganizationMember(organizationId: $o, userHandle: $h, role: $r) { id } }`;
    await stack.gql(ADD, { o: org.id, h: admin.handle, r: 'ADMIN' }, owner.token);
    await stack.gql(ADD, { o: org.id, h: editor.handle, r: 'EDITOR' }, owner.token);
    const camp = (
      await stack.gql(
        `mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { id } }`,
        {
          i: {
            organizationId: org.id,
            title: 'Hundred actions',
            goalKind: 'ACTION',
            goalAmount: '100',
          },
        },
        owner.token,
      )
    ).data.createCampaign;
    // Five pledges of 30 at once cross the goal of 100 exactly once; the owner's own pledge tells nobody of it.
    const results = await Promise.all(
      pledgers.map((p, k) =>
        stack.gql(
          PLEDGE,
          { i: { campaignId: camp.id, amount: '30', idempotencyKey: `k${k}` } },
          p.token,
        ),
      ),
    );
    expect(results.every((r) => r.errors === null)).toBe(true);
    const own = await stack.gql(
      PLEDGE,
      { i: { campaignId: camp.id, amount: '1', idempotencyKey: 'own' } },
      owner.token,
    );
    await stack.drain();

    for (const p of [owner, admin, editor, ...pledgers])
      expect(await count(p, 'CAMPAIGN_GOAL_REACHED', camp.id)).toHaveLength(1);
    for (const p of [owner, admin]) {
      const received = await count(p, 'PLEDGE_RECEIVED', camp.id);
      expect(received).toHaveLength(1); // folded while unread
      expect(received[0].eventCount).toBe(p === owner ? 5 : 6);
    }
    expect(await count(editor, 'PLEDGE_RECEIVED', camp.id)).toHaveLength(0);

    await stack.gql(
      `mutation($id: ID!) { markPledgeFulfilled(id: $id) { status } }`,
      { id: results[0].data.pledge.id },
      admin.token,
    );
    await stack.drain();
    const fulfilled = await count(pledgers[0], 'PLEDGE_FULFILLED', camp.id);
    expect(fulfilled).toEqual([
      expect.objectContaining({ actor: { id: admin.id }, organization: { id: org.id } }),
    ]);
    expect(own.errors).toBeNull();

    // Running every pledge event's job again changes nothing.
    const events = await stack.dataSource.query(
      `SELECT id, type, payload FROM outbox_events WHERE type LIKE 'pledge-%' OR type = 'campaign-goal-reached'`,
    );
    await stack.queue(QueueName.Events).addBulk(
      events.map((e: OutboxRow) => ({
        name: e.type,
        data: { ...e.payload, eventId: e.id },
        opts: { jobId: `again-${e.id}` },
      })),
    );
    await stack.drain();
    for (const p of [owner, ...pledgers])
      expect(await count(p, 'CAMPAIGN_GOAL_REACHED', camp.id)).toHaveLength(1);
    expect((await count(owner, 'PLEDGE_RECEIVED', camp.id))[0].eventCount).toBe(5);
    expect(await count(pledgers[0], 'PLEDGE_FULFILLED', camp.id)).toHaveLength(1);
  });
});
