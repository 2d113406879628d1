import { EventBus, Topics } from '@causeway/queue';
import { eventually, startTestStack, TestStack, wsSubscribe } from '@causeway/testing';

const SIGNUP = `mutation($i: SignUpInput!) { signUp(input: $i) { accessToken user { id handle } } }`;
const CREATE_ORG = `mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id } }`;
const ADD_MEMBER = `mutation($o: ID!, $h: String!, $r: OrganizationRole!) { addOrganizationMember(organizationId: $o, userHandle: $h, role: $r) { id } }`;
const CREATE = `mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { id goalKind goalAmount currency pledgedTotal fulfilledTotal pledgeCount endsAt organization { id } cause { slug } } }`;
const PLEDGE = `mutation($i: PledgeInput!) { pledge(input: $i) { id amount currency kind status message fulfilledAt campaign { id } user { id } } }`;
const CANCEL = `mutation($id: ID!) { cancelPledge(id: $id) { id status } }`;
const FULFIL = `mutation($id: ID!) { markPledgeFulfilled(id: $id) { id status fulfilledAt } }`;
const TOTALS = `query($id: ID!) { campaign(id: $id) { pledgedTotal fulfilledTotal pledgeCount } }`;
const CAMPAIGN_PLEDGES = `query($id: ID!, $first: Int, $after: String) { campaign(id: $id) { pledges(first: $first, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } } }`;

interface Person {
  token: string;
  id: string;
  handle: string;
}

let seq = 0;
const fresh = (prefix: string) => `${prefix}${Date.now().toString(36)}${seq++}`;

describe('campaigns and pledges (end to end through GraphQL)', () => {
  let stack: TestStack;
  let owner: Person, admin: Person, editor: Person, stranger: Person;
  let orgId: string;

  const signUp = async (prefix = 'p'): Promise<Person> => {
    const handle = fresh(prefix);
    const r = await stack.gql(SIGNUP, {
      i: {
        email: `${handle}@example.org`,
        password: 'correct horse battery',
        handle,
        displayName: handle,
      },
    });
    expect(r.errors).toBeNull();
    return { token: r.data.signUp.accessToken, id: r.data.signUp.user.id, handle };
  };

  const createCampaign = async (input: Record<string, unknown>, who: Person = owner) =>
    stack.gql(CREATE, { i: { organizationId: orgId, title: 'A campaign', ...input } }, who.token);

  const money = async (
    goalAmount = '1000000',
    extra: Record<string, unknown> = {},
  ): Promise<string> => {
    const r = await createCampaign({ goalKind: 'MONEY', goalAmount, currency: 'USD', ...extra });
    expect(r.errors).toBeNull();
    return r.data.createCampaign.id;
  };

  const pledge = (
    who: Person,
    campaignId: string,
    amount: string | number,
    key = fresh('k'),
    currency: string | null = 'USD',
    message?: string,
  ) =>
    stack.gql(
      PLEDGE,
      {
        i: {
          campaignId,
          amount: String(amount),
          idempotencyKey: key,
          ...(currency ? { currency } : {}),
          ...(message ? { message } : {}),
        },
      },
      who.token,
    );

  const totals = async (id: string) => (await stack.gql(TOTALS, { id })).data.campaign;

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    [owner, admin, editor, stranger] = await Promise.all([
      signUp('own'),
      signUp('adm'),
      signUp('edi'),
      signUp('str'),
    ]);
    const org = await stack.gql(
      CREATE_ORG,
      { i: { name: 'Pledge Org', slug: fresh('pledge-org-'), causeSlugs: ['hunger'] } },
      owner.token,
    );
    orgId = org.data.createOrganization.id;
    for (const [who, role] of [
      [admin, 'ADMIN'],
      [editor, 'EDITOR'],
    ] as const) {
      expect(
        (await stack.gql(ADD_MEMBER, { o: orgId, h: who.handle, r: role }, owner.token)).errors,
      ).toBeNull();
    }
  });
  afterAll(() => stack?.close());

  it('creates campaigns for OWNER, ADMIN and EDITOR only, and lists them on the organization and the cause', async () => {
    const byRole = await Promise.all(
      [owner, admin, editor].map((who) =>
        createCampaign({ goalKind: 'ACTION', goalAmount: '10' }, who),
      ),
    );
    expect(byRole.map((r) => r.errors)).toEqual([null, null, null]);
    expect(
      (await createCampaign({ goalKind: 'ACTION', goalAmount: '10' }, stranger)).codes,
    ).toEqual(['FORBIDDEN']);
    const anon = await stack.gql(CREATE, {
      i: { organizationId: orgId, title: 'x', goalKind: 'ACTION', goalAmount: '10' },
    });
    expect(anon.codes).toEqual(['UNAUTHENTICATED']);

    const m = await createCampaign({
      goalKind: 'MONEY',
      goalAmount: '5000000',
      currency: 'EUR',
      causeSlug: 'hunger',
    });
    expect(m.data.createCampaign).toMatchObject({
      goalKind: 'MONEY',
      goalAmount: '5000000',
      currency: 'EUR',
      pledgedTotal: '0',
      fulfilledTotal: '0',
      pledgeCount: 0,
      organization: { id: orgId },
      cause: { slug: 'hunger' },
    });
    const onCause = await stack.gql(
      `{ cause(slug: "hunger") { campaigns(first: 5) { nodes { id } } } }`,
    );
    expect(onCause.data.cause.campaigns.nodes.map((c: { id: string }) => c.id)).toEqual([
      m.data.createCampaign.id,
    ]);
    const onOrg = await stack.gql(
      `query($s: ID!) { campaign(id: $s) { organization { campaigns(first: 100) { nodes { id } } } } }`,
      { s: m.data.createCampaign.id },
    );
    expect(onOrg.data.campaign.organization.campaigns.nodes).toHaveLength(4);
    expect((await stack.gql(`{ campaign(id: "not-an-id") { id } }`)).data.campaign).toBeNull();
  });

  it('refuses bad campaign input: currency rules, amounts, unknown cause, past end', async () => {
    const cases: Record<string, unknown>[] = [
      { goalKind: 'MONEY', goalAmount: '100' },
      { goalKind: 'MONEY', goalAmount: '100', currency: 'usd' },
      { goalKind: 'MONEY', goalAmount: '100', currency: 'DOLLARS' },
      { goalKind: 'TIME', goalAmount: '600', currency: 'USD' },
      { goalKind: 'ACTION', goalAmount: '10', currency: 'USD' },
      { goalKind: 'ACTION', goalAmount: '0' },
      { goalKind: 'ACTION', goalAmount: '-1' },
      { goalKind: 'ACTION', goalAmount: '1.5' },
      { goalKind: 'ACTION', goalAmount: '10', causeSlug: 'no-such-cause' },
      { goalKind: 'ACTION', goalAmount: '10', endsAt: new Date(Date.now() - 60_000).toISOString() },
    ];
    for (const input of cases)
      expect([input, (await createCampaign(input)).codes]).toEqual([input, ['BAD_USER_INPUT']]);
  });

  it('keeps totals exact under 400 concurrent pledges from 20 people, and pushes progress over graphql-ws', async () => {
    const id = await money('100000000');
    const people = await Promise.all(Array.from({ length: 20 }, () => signUp('crowd')));
    const sub = wsSubscribe(
      stack.url,
      `subscription($id: ID!) { campaignProgress(id: $id) { id pledgedTotal pledgeCount } }`,
      { id },
      people[0].token,
    );
    const bus = stack.api.get(EventBus);
    await eventually(
      () => bus.localSubscribers(Topics.campaignProgress(id)) > 0,
      10_000,
      'the subscription is listening',
    );

    const amounts = Array.from({ length: 400 }, (_, k) => 100 + ((k * 7919) % 5000));
    const results = await Promise.all(amounts.map((a, k) => pledge(people[k % 20], id, a)));
    expect(results.filter((r) => r.data?.pledge?.status === 'PLEDGED')).toHaveLength(400);
    const sum = amounts.reduce((x, y) => x + y, 0);
    expect(await totals(id)).toEqual({
      pledgedTotal: String(sum),
      fulfilledTotal: '0',
      pledgeCount: 400,
    });

    const last = await sub.next((e) => e.campaignProgress.pledgedTotal === String(sum), 15_000);
    expect(last.campaignProgress).toEqual({ id, pledgedTotal: String(sum), pledgeCount: 400 });
    await sub.dispose();
  });

  it('answers 50 concurrent repeats of one key with one pledge; another payload is CONFLICT; keys are per person', async () => {
    const id = await money();
    const [a, b] = await Promise.all([signUp('idem'), signUp('idem')]);
    const key = fresh('same');
    const same = await Promise.all(
      Array.from({ length: 50 }, () => pledge(a, id, 2500, key, 'USD', 'for the kitchen')),
    );
    expect(same.map((r) => r.errors)).toEqual(Array(50).fill(null));
    expect(new Set(same.map((r) => JSON.stringify(r.data.pledge))).size).toBe(1);
    expect(await totals(id)).toEqual({ pledgedTotal: '2500', fulfilledTotal: '0', pledgeCount: 1 });

    for (const [amount, message] of [
      [9999, 'for the kitchen'],
      [2500, 'something else'],
    ] as const) {
      expect((await pledge(a, id, amount, key, 'USD', message)).codes).toEqual(['CONFLICT']);
    }
    const other = await pledge(b, id, 2500, key, 'USD', 'for the kitchen');
    expect(other.data.pledge.id).not.toBe(same[0].data.pledge.id);
    expect((await pledge(a, id, 2500, key, 'USD', 'for the kitchen')).data.pledge.id).toBe(
      same[0].data.pledge.id,
    );
    expect(await totals(id)).toEqual({ pledgedTotal: '5000', fulfilledTotal: '0', pledgeCount: 2 });
  });

  it('refuses bad pledges: currency rules, amounts, ended campaigns, unknown campaigns', async () => {
    const usd = await money();
    const time = await createCampaign({ goalKind: 'TIME', goalAmount: '600' });
    const timeId = time.data.createCampaign.id;
    const p = await signUp('bad');
    expect((await pledge(p, usd, 100, fresh('k'), 'EUR')).codes).toEqual(['BAD_USER_INPUT']);
    expect((await pledge(p, usd, 100, fresh('k'), null)).codes).toEqual(['BAD_USER_INPUT']);
    expect((await pledge(p, timeId, 60, fresh('k'), 'USD')).codes).toEqual(['BAD_USER_INPUT']);
    for (const amount of ['0', '-5', '1.5', '1000000000001', 'abc']) {
      expect([amount, (await pledge(p, usd, amount)).codes]).toEqual([amount, ['BAD_USER_INPUT']]);
    }
    const ok = await pledge(p, timeId, 60, fresh('k'), null);
    expect(ok.data.pledge).toMatchObject({
      kind: 'TIME',
      amount: '60',
      currency: null,
      status: 'PLEDGED',
    });
    expect((await pledge(p, '0190f1e2-0000-7000-8000-000000000000', 1)).codes).toEqual([
      'NOT_FOUND',
    ]);
    expect(
      (
        await stack.gql(PLEDGE, {
          i: { campaignId: usd, amount: '1', currency: 'USD', idempotencyKey: 'k' },
        })
      ).codes,
    ).toEqual(['UNAUTHENTICATED']);

    await stack.dataSource.query(
      `UPDATE campaigns SET ends_at = now() - interval '1 minute' WHERE id = $1`,
      [usd],
    );
    expect((await pledge(p, usd, 100)).codes).toEqual(['CONFLICT']);
    expect(await totals(usd)).toEqual({ pledgedTotal: '0', fulfilledTotal: '0', pledgeCount: 0 });
  });

  it('walks the lifecycle with its permission matrix, and moves the totals exactly', async () => {
    const id = await money();
    const pledger = await signUp('life');
    const [p1, p2, p3] = await Promise.all([100, 200, 400].map((a) => pledge(pledger, id, a)));
    const [one, two, three] = [p1, p2, p3].map((r) => r.data.pledge.id as string);

    // markPledgeFulfilled: OWNER and ADMIN of the organization; nobody else.
    for (const who of [stranger, editor, pledger])
      expect((await stack.gql(FULFIL, { id: one }, who.token)).codes).toEqual(['FORBIDDEN']);
    expect((await stack.gql(FULFIL, { id: one })).codes).toEqual(['UNAUTHENTICATED']);
    const f1 = await stack.gql(FULFIL, { id: one }, owner.token);
    expect(f1.data.markPledgeFulfilled).toMatchObject({
      status: 'FULFILLED',
      fulfilledAt: expect.any(String),
    });
    expect(
      (await stack.gql(FULFIL, { id: two }, admin.token)).data.markPledgeFulfilled.status,
    ).toBe('FULFILLED');
    expect((await stack.gql(FULFIL, { id: one }, owner.token)).codes).toEqual(['CONFLICT']);

    // cancelPledge: the pledger only, while PLEDGED.
    for (const who of [stranger, editor, admin, owner])
      expect((await stack.gql(CANCEL, { id: three }, who.token)).codes).toEqual(['FORBIDDEN']);
    expect((await stack.gql(CANCEL, { id: three })).codes).toEqual(['UNAUTHENTICATED']);
    expect((await stack.gql(CANCEL, { id: one }, pledger.token)).codes).toEqual(['CONFLICT']);
    expect((await stack.gql(CANCEL, { id: three }, pledger.token)).data.cancelPledge.status).toBe(
      'CANCELLED',
    );
    expect((await stack.gql(CANCEL, { id: three }, pledger.token)).codes).toEqual(['CONFLICT']);
    expect((await stack.gql(FULFIL, { id: three }, owner.token)).codes).toEqual(['CONFLICT']);
    expect(
      (await stack.gql(CANCEL, { id: '0190f1e2-0000-7000-8000-000000000000' }, pledger.token))
        .codes,
    ).toEqual(['NOT_FOUND']);

    expect(await totals(id)).toEqual({
      pledgedTotal: '300',
      fulfilledTotal: '300',
      pledgeCount: 2,
    });
    const events: { type: string; n: number }[] = await stack.dataSource.query(
      `SELECT type, count(*)::int AS n FROM outbox_events WHERE payload->>'campaignId' = $1 GROUP BY type ORDER BY type`,
      [id],
    );
    expect(events).toEqual([
      { type: 'pledge-cancelled', n: 1 },
      { type: 'pledge-fulfilled', n: 2 },
      { type: 'pledge-received', n: 3 },
    ]);

    // Campaign.pledges: the organization's members; viewerPledges: the viewer's own.
    for (const who of [owner, admin, editor]) {
      const r = await stack.gql(CAMPAIGN_PLEDGES, { id, first: 10 }, who.token);
      expect(r.data.campaign.pledges.nodes.map((n: { id: string }) => n.id)).toEqual(
        [three, two, one].sort().reverse(),
      );
    }
    for (const who of [stranger, pledger])
      expect((await stack.gql(CAMPAIGN_PLEDGES, { id }, who.token)).codes).toEqual(['FORBIDDEN']);
    expect((await stack.gql(CAMPAIGN_PLEDGES, { id })).codes).toEqual(['FORBIDDEN']);
    const mine = await stack.gql(
      `query($id: ID!) { campaign(id: $id) { viewerPledges { id status } } }`,
      { id },
      pledger.token,
    );
    expect(
      mine.data.campaign.viewerPledges.map((p: { status: string }) => p.status).sort(),
    ).toEqual(['CANCELLED', 'FULFILLED', 'FULFILLED']);
    expect(
      (
        await stack.gql(
          `query($id: ID!) { campaign(id: $id) { viewerPledges { id } } }`,
          { id },
          stranger.token,
        )
      ).data.campaign.viewerPledges,
    ).toEqual([]);
  });

  it('keeps big totals exact (beyond 2^53 too) and fires goal reached exactly once when concurrent pledges cross it', async () => {
    const big = await money('2500000000000');
    const people = await Promise.all([0, 1, 2].map(() => signUp('big')));
    const r = await Promise.all(people.map((p) => pledge(p, big, '1000000000000')));
    expect(r.map((x) => x.errors)).toEqual([null, null, null]);
    expect((await totals(big)).pledgedTotal).toBe('3000000000000');

    const huge = await money('1000000000000000');
    await stack.dataSource.query(
      'UPDATE campaigns SET pledged_total = 9007199254740992 WHERE id = $1',
      [huge],
    );
    expect((await pledge(people[0], huge, '1')).errors).toBeNull();
    expect((await totals(huge)).pledgedTotal).toBe('9007199254740993');

    // Many campaigns each crossed by concurrent pledges: each has exactly one goal-reached event.
    const crowd = await Promise.all(Array.from({ length: 10 }, () => signUp('goal')));
    const ids = await Promise.all(Array.from({ length: 5 }, () => money('1000')));
    await Promise.all(ids.flatMap((id) => crowd.map((p) => pledge(p, id, 150))));
    const counts: { campaign_id: string; n: number }[] = await stack.dataSource.query(
      `SELECT payload->>'campaignId' AS campaign_id, count(*)::int AS n FROM outbox_events
       WHERE type = 'campaign-goal-reached' AND payload->>'campaignId' = ANY($1) GROUP BY 1 ORDER BY 1`,
      [[big, ...ids]],
    );
    expect(counts).toEqual([big, ...ids].sort().map((id) => ({ campaign_id: id, n: 1 })));

    // Falling below the goal and crossing it again does not fire again.
    const mine = (
      await stack.gql(
        `query($id: ID!) { campaign(id: $id) { viewerPledges { id } } }`,
        { id: big },
        people[0].token,
      )
    ).data.campaign.viewerPledges[0].id;
    expect((await stack.gql(CANCEL, { id: mine }, people[0].token)).data.cancelPledge.status).toBe(
      'CANCELLED',
    );
    expect((await pledge(people[0], big, '1000000000000')).errors).toBeNull();
    const again: { n: number }[] = await stack.dataSource.query(
      `SELECT count(*)::int AS n FROM outbox_events WHERE type = 'campaign-goal-reached' AND payload->>'campaignId' = $1`,
      [big],
    );
    expect(again).toEqual([{ n: 1 }]);
    const goal = await stack.gql(`query($id: ID!) { campaign(id: $id) { goalReachedAt } }`, {
      id: big,
    });
    expect(goal.data.campaign.goalReachedAt).toEqual(expect.any(String));
  });

  it('pages connections covering every item exactly once, and refuses first: 1000', async () => {
    const id = await money();
    const p = await signUp('page');
    const made = await Promise.all(Array.from({ length: 7 }, () => pledge(p, id, 10)));
    const want = made
      .map((r) => r.data.pledge.id as string)
      .sort()
      .reverse();

    type Conn = {
      nodes: { id: string }[];
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
    /** Follows `after` cursors to the end and returns every node id seen, in order. */
    const allPages = async (fetchPage: (after: string | null) => Promise<Conn>) => {
      const seen: string[] = [];
      let after: string | null = null;
      do {
        const conn: Conn = await fetchPage(after);
        seen.push(...conn.nodes.map((n) => n.id));
        after = conn.pageInfo.hasNextPage ? conn.pageInfo.endCursor : null;
      } while (after);
      return seen;
    };
    const pageInfo = 'nodes { id } pageInfo { hasNextPage endCursor }';

    expect(
      await allPages(
        async (after) =>
          (await stack.gql(CAMPAIGN_PLEDGES, { id, first: 3, after }, owner.token)).data.campaign
            .pledges,
      ),
    ).toEqual(want);
    const viewerPage = `query($after: String) { viewer { pledges(first: 2, after: $after) { ${pageInfo} } } }`;
    expect(
      await allPages(
        async (after) => (await stack.gql(viewerPage, { after }, p.token)).data.viewer.pledges,
      ),
    ).toEqual(want);
    const orgPage = `query($id: ID!, $after: String) { campaign(id: $id) { organization { campaigns(first: 4, after: $after) { ${pageInfo} } } } }`;
    const all: { id: string }[] = await stack.dataSource.query(
      'SELECT id FROM campaigns WHERE organization_id = $1 ORDER BY id DESC',
      [orgId],
    );
    expect(all.length).toBeGreaterThan(4);
    expect(
      await allPages(
        async (after) =>
          (await stack.gql(orgPage, { id, after })).data.campaign.organization.campaigns,
      ),
    ).toEqual(all.map((c) => c.id));

    expect((await stack.gql(CAMPAIGN_PLEDGES, { id, first: 1000 }, owner.token)).codes).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(
      (await stack.gql(`{ viewer { pledges(first: 1000) { nodes { id } } } }`, {}, p.token)).codes,
    ).toEqual(['BAD_USER_INPUT']);
    expect(
      (await stack.gql(CAMPAIGN_PLEDGES, { id, first: 2, after: 'forged' }, owner.token)).codes,
    ).toEqual(['BAD_USER_INPUT']);
  });
});
