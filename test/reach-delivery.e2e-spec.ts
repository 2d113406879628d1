import { FanOutService } from '@causeway/feed';
import { signUpPerson, startTestStack, TestPerson, TestStack } from '@causeway/testing';

const POST = `mutation($i: PostUpdateInput!) { postUpdate(input: $i) { id } }`;
const FEED = `{ feed(first: 100) { edges { node { id } } } }`;
type Kind = 'Organization' | 'Cause' | 'User';

describe('delivery per follow and the fan-out (end to end)', () => {
  let stack: TestStack;
  let owner: TestPerson;
  let org: { id: string; slug: string };
  let climate: string;
  const env = { ...process.env };

  beforeAll(async () => {
    process.env.FANOUT_CHUNK_SIZE = '10'; // several chunks per source, so several chunks meet one person
    stack = await startTestStack({ worker: true });
    owner = await signUpPerson(stack, 'own');
    const r = await stack.gql(
      `mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id slug } }`,
      {
        i: {
          name: 'Delivery Org',
          slug: `delivery-org-${Date.now().toString(36)}`,
          causeSlugs: ['climate'],
        },
      },
      owner.token,
    );
    org = r.data.createOrganization;
    const cause = async (slug: string) =>
      (await stack.gql(`query($s: String!) { cause(slug: $s) { id } }`, { s: slug })).data.cause
        .id as string;
    [climate] = await Promise.all([cause('climate'), cause('renewable-energy')]);
  });
  afterAll(async () => {
    await stack?.close();
    process.env = env;
  });

  const follow = (p: TestPerson, kind: Kind, id: string) =>
    stack.gql(`mutation($id: ID!) { follow${kind}(id: $id) { id } }`, { id }, p.token);
  const setDelivery = (p: TestPerson, kind: Kind, id: string, delivery: string) =>
    stack.gql(
      `mutation($id: ID!, $d: Delivery!) { set${kind}Delivery(id: $id, delivery: $d) { id viewerDelivery } }`,
      { id, d: delivery },
      p.token,
    );
  const inFeed = async (p: TestPerson, updateId: string) =>
    ((await stack.gql(FEED, {}, p.token)).data.feed.edges as { node: { id: string } }[]).some(
      (e) => e.node.id === updateId,
    );
  const inDigest = async (p: TestPerson, updateId: string) =>
    (
      await stack.dataSource.query(
        'SELECT 1 FROM digest_entries WHERE user_id = $1 AND update_id = $2',
        [p.id, updateId],
      )
    ).length === 1;

  it('shows and sets viewerDelivery; only for what the viewer follows', async () => {
    const p = await signUpPerson(stack, 'vd');
    const q = `query($s: String!) { organization(slug: $s) { viewerDelivery } }`;
    expect(
      (await stack.gql(q, { s: org.slug }, p.token)).data.organization.viewerDelivery,
    ).toBeNull();
    expect((await stack.gql(q, { s: org.slug })).data.organization.viewerDelivery).toBeNull();
    const refused = await setDelivery(p, 'Organization', org.id, 'DIGEST');
    expect(refused.codes).toEqual(['BAD_USER_INPUT']);
    expect(refused.errors![0].extensions!.fields).toHaveProperty('id');
    expect((await setDelivery(p, 'Cause', 'not-an-id', 'MUTED')).codes).toEqual(['BAD_USER_INPUT']);
    expect((await setDelivery(p, 'User', owner.id, 'MUTED')).codes).toEqual(['BAD_USER_INPUT']);
    expect(
      (
        await stack.gql(
          `mutation($id: ID!) { setOrganizationDelivery(id: $id, delivery: MUTED) { id } }`,
          { id: org.id },
        )
      ).codes,
    ).toEqual(['UNAUTHENTICATED']);

    await follow(p, 'Organization', org.id);
    await follow(p, 'Cause', climate);
    await follow(p, 'User', owner.id);
    expect((await stack.gql(q, { s: org.slug }, p.token)).data.organization.viewerDelivery).toBe(
      'HOME',
    );
    expect(
      (await setDelivery(p, 'Organization', org.id, 'DIGEST')).data.setOrganizationDelivery,
    ).toEqual({ id: org.id, viewerDelivery: 'DIGEST' });
    expect((await setDelivery(p, 'Cause', climate, 'MUTED')).data.setCauseDelivery).toEqual({
      id: climate,
      viewerDelivery: 'MUTED',
    });
    expect((await setDelivery(p, 'User', owner.id, 'DIGEST')).data.setUserDelivery).toEqual({
      id: owner.id,
      viewerDelivery: 'DIGEST',
    });
    expect(
      (
        await stack.gql(
          `{ viewer { followedCauses { edges { node { id viewerDelivery viewerIsFollowing } } } } }`,
          {},
          p.token,
        )
      ).data.viewer.followedCauses.edges,
    ).toEqual([{ node: { id: climate, viewerDelivery: 'MUTED', viewerIsFollowing: true } }]);
    // Muted still counts as a follow.
    expect(
      (
        await stack.gql(`query($s: String!) { cause(slug: $s) { followerCount } }`, {
          s: 'climate',
        })
      ).data.cause.followerCount,
    ).toBeGreaterThanOrEqual(1);
    // Unfollowing forgets the delivery; following again starts at HOME.
    await stack.gql(
      `mutation($id: ID!) { unfollowOrganization(id: $id) { id } }`,
      { id: org.id },
      p.token,
    );
    expect(
      (await stack.gql(q, { s: org.slug }, p.token)).data.organization.viewerDelivery,
    ).toBeNull();
    await follow(p, 'Organization', org.id);
    expect((await stack.gql(q, { s: org.slug }, p.token)).data.organization.viewerDelivery).toBe(
      'HOME',
    );
    await stack.drain();
  });

  it("the fan-out sends each update where the most present of a person's follows says (HOME over DIGEST over MUTED), across chunks", async () => {
    // 30 followers of the organization spread over 3 chunks, in every mix of deliveries with the cause.
    const people = await Promise.all(
      Array.from({ length: 30 }, (_, i) => signUpPerson(stack, `d${i}`)),
    );
    const modes = ['HOME', 'DIGEST', 'MUTED'] as const;
    const plan = people.map((p, i) => ({
      p,
      viaOrg: modes[i % 3],
      viaCause: i < 9 ? modes[Math.floor(i / 3)] : null,
    }));
    for (const { p, viaOrg, viaCause } of plan) {
      await follow(p, 'Organization', org.id);
      if (viaOrg !== 'HOME') await setDelivery(p, 'Organization', org.id, viaOrg);
      if (viaCause) {
        // Through the parent cause: the update is tagged with renewable-energy, under climate.
        await follow(p, 'Cause', climate);
        if (viaCause !== 'HOME') await setDelivery(p, 'Cause', climate, viaCause);
      }
    }
    await stack.drain();
    const u = (
      await stack.gql(
        POST,
        {
          i: { body: 'mixed deliveries', organizationId: org.id, causeSlugs: ['renewable-energy'] },
        },
        owner.token,
      )
    ).data.postUpdate;
    await stack.drain();
    const rank = { HOME: 2, DIGEST: 1, MUTED: 0 } as const;
    for (const { p, viaOrg, viaCause } of plan) {
      const best = viaCause && rank[viaCause] > rank[viaOrg] ? viaCause : viaOrg;
      expect({ who: p.handle, viaOrg, viaCause, home: await inFeed(p, u.id) }).toEqual({
        who: p.handle,
        viaOrg,
        viaCause,
        home: best === 'HOME',
      });
      // A digest entry exists for every DIGEST path; the digest leaves out what also reached the home feed.
      const digestPath = viaOrg === 'DIGEST' || viaCause === 'DIGEST';
      expect({ who: p.handle, viaOrg, viaCause, digest: await inDigest(p, u.id) }).toEqual({
        who: p.handle,
        viaOrg,
        viaCause,
        digest: digestPath,
      });
    }
    const [{ chunks }] = await stack.dataSource.query(
      'SELECT count(*)::int AS chunks FROM fanout_chunks WHERE update_id = $1',
      [u.id],
    );
    expect(chunks).toBeGreaterThanOrEqual(4);
    expect(await inFeed(owner, u.id)).toBe(true);
  });

  it('a change applies to updates posted from then on; following backfills only while HOME', async () => {
    const p = await signUpPerson(stack, 'chg');
    const before = (
      await stack.gql(
        POST,
        { i: { body: 'before the change', organizationId: org.id } },
        owner.token,
      )
    ).data.postUpdate;
    await stack.drain();
    await follow(p, 'Organization', org.id);
    await stack.drain();
    expect(await inFeed(p, before.id)).toBe(true); // backfill
    await setDelivery(p, 'Organization', org.id, 'MUTED');
    const after = (
      await stack.gql(
        POST,
        { i: { body: 'after the change', organizationId: org.id } },
        owner.token,
      )
    ).data.postUpdate;
    await stack.drain();
    expect(await inFeed(p, before.id)).toBe(true);
    expect(await inFeed(p, after.id)).toBe(false);
    expect(await inDigest(p, after.id)).toBe(false);

    // A person's own personal updates, followed as DIGEST.
    const fan = await signUpPerson(stack, 'fan');
    await follow(fan, 'User', owner.id);
    await setDelivery(fan, 'User', owner.id, 'DIGEST');
    const personal = (await stack.gql(POST, { i: { body: 'personal news' } }, owner.token)).data
      .postUpdate;
    await stack.drain();
    expect(await inFeed(fan, personal.id)).toBe(false);
    expect(await inDigest(fan, personal.id)).toBe(true);
    expect(await inFeed(owner, personal.id)).toBe(true);
    // Unfollowing takes it out of the digest still to be sent, as out of the feed.
    await stack.gql(
      `mutation($id: ID!) { unfollowUser(id: $id) { id } }`,
      { id: owner.id },
      fan.token,
    );
    await stack.drain();
    expect(await inDigest(fan, personal.id)).toBe(false);

    // The backfill (the job a follow starts) copies into the feed only while the follow is HOME.
    const late = await signUpPerson(stack, 'late');
    await follow(late, 'Organization', org.id);
    await stack.drain();
    await setDelivery(late, 'Organization', org.id, 'DIGEST');
    await stack.dataSource.query('DELETE FROM feed_entries WHERE user_id = $1', [late.id]);
    const fanOut = stack.worker!.get(FanOutService);
    await fanOut.backfill({ followerId: late.id, sourceKind: 'ORGANIZATION', sourceId: org.id });
    expect(await inFeed(late, before.id)).toBe(false);
    await setDelivery(late, 'Organization', org.id, 'HOME');
    await fanOut.backfill({ followerId: late.id, sourceKind: 'ORGANIZATION', sourceId: org.id });
    expect(await inFeed(late, before.id)).toBe(true);
  });
});
