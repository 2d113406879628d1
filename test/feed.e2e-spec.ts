import { INestApplication } from '@nestjs/common';
import { resetEnvironmentCache } from '@causeway/config';
import { QueueName } from '@causeway/queue';
import {
  ConnectionPage,
  eventually,
  GqlResult,
  signUpPerson,
  startTestStack,
  TestPerson,
  TestStack,
  wsSubscribe,
} from '@causeway/testing';
import { createApiApp } from '../apps/api/src/bootstrap';

const FEED = `query($first: Int, $after: String) { feed(first: $first, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`;
const POST = `mutation($i: PostUpdateInput!) { postUpdate(input: $i) { id createdAt organization { id } causes { slug } author { id } } }`;
let n = 0;

describe('updates, the home feed and the fan-out (end to end)', () => {
  let stack: TestStack;
  let owner: TestPerson;
  let org: { id: string; slug: string };
  beforeAll(async () => {
    stack = await startTestStack({ worker: true });
    owner = await signUpPerson(stack, 'own');
    const r = await stack.gql(
      `mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id slug } }`,
      {
        i: {
          name: 'Feed Org',
          slug: `feed-org-${Date.now().toString(36)}`,
          causeSlugs: ['climate'],
        },
      },
      owner.token,
    );
    org = r.data.createOrganization;
  });
  afterAll(() => stack?.close());

  const feedIds = async (p: TestPerson, first = 100): Promise<string[]> => {
    const r = await stack.gql(FEED, { first }, p.token);
    expect(r.errors).toBeNull();
    return r.data.feed.edges.map((e: { node: { id: string } }) => e.node.id);
  };
  const post = async (by: TestPerson, input: Record<string, unknown>) => {
    const r = await stack.gql(POST, { i: { body: `update ${n++}`, ...input } }, by.token);
    expect(r.errors).toBeNull();
    return r.data.postUpdate as { id: string; createdAt: string };
  };
  const fannedOut = (updateId: string) =>
    eventually(
      async () =>
        (
          await stack.dataSource.query(
            'SELECT 1 FROM updates WHERE id = $1 AND fanned_out_at IS NOT NULL',
            [updateId],
          )
        ).length === 1,
      20_000,
      `fan-out of ${updateId}`,
    );

  it('pushes feedItemAdded once to a connected receiver', async () => {
    const fan = await signUpPerson(stack, 'live');
    await stack.gql(
      `mutation($id: ID!) { followOrganization(id: $id) { id } }`,
      { id: org.id },
      fan.token,
    );
    const sub = wsSubscribe(
      stack.url,
      `subscription { feedItemAdded { id body author { id } organization { id } } }`,
      {},
      fan.token,
    );
    await eventually(
      async () => {
        if (sub.errors.length) throw new Error(JSON.stringify(sub.errors));
        return (
          (
            await stack.dataSource.query('SELECT 1 FROM feed_listeners WHERE user_id = $1', [
              fan.id,
            ])
          ).length > 0
        );
      },
      10_000,
      'listener registered',
    );
    const u = await post(owner, { organizationId: org.id });
    const got = await sub.next((e) => e.feedItemAdded?.id === u.id, 30_000);
    expect(got).toMatchObject({
      feedItemAdded: { id: u.id, author: { id: owner.id }, organization: { id: org.id } },
    });
    await fannedOut(u.id);
    await stack.drain();
    expect(sub.events.filter((e) => e.feedItemAdded?.id === u.id)).toHaveLength(1);
    await sub.dispose();
    await eventually(
      async () =>
        (await stack.dataSource.query('SELECT 1 FROM feed_listeners WHERE user_id = $1', [fan.id]))
          .length === 0,
      10_000,
      'listener gone',
    );
    // Without a signed-in viewer the subscription is refused with a code, not an internal error.
    const anonymous = wsSubscribe(stack.url, `subscription { feedItemAdded { id } }`);
    const denied = await anonymous.next((e) => !!e.errors);
    expect(denied.errors.map((e: { extensions: { code: string } }) => e.extensions.code)).toEqual([
      'UNAUTHENTICATED',
    ]);
    await anonymous.dispose();
  });

  const follow = (p: TestPerson, what: 'Organization' | 'Cause' | 'User', id: string) =>
    stack.gql(`mutation($id: ID!) { follow${what}(id: $id) { id } }`, { id }, p.token);
  const unfollow = (p: TestPerson, what: 'Organization' | 'Cause' | 'User', id: string) =>
    stack.gql(`mutation($id: ID!) { unfollow${what}(id: $id) { id } }`, { id }, p.token);
  const causeId = async (slug: string) =>
    (await stack.gql(`query($s: String!) { cause(slug: $s) { id } }`, { s: slug })).data.cause
      .id as string;

  it('delivers to followers of the organization, of the cause and of its parent, each once, and the author; not to others', async () => {
    const [viaOrg, viaCause, viaParent, viaAll, outsider] = await Promise.all(
      ['vo', 'vc', 'vp', 'va', 'out'].map((p) => signUpPerson(stack, p)),
    );
    const [girls, education, animals] = await Promise.all(
      ['girls-education', 'education', 'animals'].map(causeId),
    );
    await follow(viaOrg, 'Organization', org.id);
    await follow(viaCause, 'Cause', girls);
    await follow(viaParent, 'Cause', education);
    await Promise.all([
      follow(viaAll, 'Organization', org.id),
      follow(viaAll, 'Cause', girls),
      follow(viaAll, 'Cause', education),
    ]);
    await follow(outsider, 'Cause', animals);
    await stack.drain();
    const u = await post(owner, { organizationId: org.id, causeSlugs: ['girls-education'] });
    await stack.drain();
    for (const p of [viaOrg, viaCause, viaParent, viaAll, owner]) {
      expect((await feedIds(p)).filter((id) => id === u.id)).toHaveLength(1);
    }
    expect(await feedIds(outsider)).not.toContain(u.id);
    const [{ n }] = await stack.dataSource.query(
      'SELECT count(*)::int AS n FROM feed_entries WHERE update_id = $1',
      [u.id],
    );
    expect(n).toBe(6); // four followers, the author and the live follower of the first test (org follower)
    const [{ lag }] = await stack.dataSource.query(
      'SELECT delivery_lag_ms AS lag FROM updates WHERE id = $1',
      [u.id],
    );
    expect(lag).toEqual(expect.any(Number));
    // A personal update reaches the author's followers.
    await follow(outsider, 'User', owner.id);
    const personal = await post(owner, {});
    await stack.drain();
    expect(await feedIds(outsider)).toContain(personal.id);
    expect(await feedIds(viaOrg)).not.toContain(personal.id);
  });

  it('validates posts and who may post for an organization', async () => {
    const stranger = await signUpPerson(stack, 'str');
    const P = `mutation($i: PostUpdateInput!) { postUpdate(input: $i) { id } }`;
    expect(
      (await stack.gql(P, { i: { organizationId: org.id, body: 'spam' } }, stranger.token)).codes,
    ).toEqual(['FORBIDDEN']);
    expect((await stack.gql(P, { i: { body: 'hi' } })).codes).toEqual(['UNAUTHENTICATED']);
    for (const i of [
      { body: '   ' },
      { body: 'x'.repeat(5001) },
      { body: 'ok', linkUrl: 'javascript:alert(1)' },
      { body: 'ok', causeSlugs: ['no-such-cause'] },
      { body: 'ok', organizationId: 'nope' },
    ]) {
      expect((await stack.gql(P, { i }, owner.token)).codes).toEqual(['BAD_USER_INPUT']);
    }
    expect(
      (
        await stack.gql(
          P,
          { i: { body: 'ok', organizationId: '00000000-0000-7000-8000-000000000000' } },
          owner.token,
        )
      ).codes,
    ).toEqual(['NOT_FOUND']);
    const ok = await stack.gql(
      `mutation { postUpdate(input: { body: "  x  ", linkUrl: "https://example.org/a" }) { body linkUrl } }`,
      {},
      owner.token,
    );
    expect(ok.data.postUpdate).toEqual({ body: 'x', linkUrl: 'https://example.org/a' });
    // An update may link a campaign: its organization's own when posted for one.
    const CC = `mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { id } }`;
    const camp = (
      await stack.gql(
        CC,
        { i: { organizationId: org.id, title: 'Trees', goalKind: 'ACTION', goalAmount: '100' } },
        owner.token,
      )
    ).data.createCampaign;
    const other = (
      await stack.gql(
        `mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id } }`,
        { i: { name: 'Other', slug: `other-${Date.now().toString(36)}` } },
        stranger.token,
      )
    ).data.createOrganization;
    const foreign = (
      await stack.gql(
        CC,
        { i: { organizationId: other.id, title: 'X', goalKind: 'ACTION', goalAmount: '5' } },
        stranger.token,
      )
    ).data.createCampaign;
    const linked = await stack.gql(
      `mutation($i: PostUpdateInput!) { postUpdate(input: $i) { campaign { id } } }`,
      { i: { body: 'join us', organizationId: org.id, campaignId: camp.id } },
      owner.token,
    );
    expect(linked.data.postUpdate.campaign).toEqual({ id: camp.id });
    expect(
      (
        await stack.gql(
          P,
          { i: { body: 'x', organizationId: org.id, campaignId: foreign.id } },
          owner.token,
        )
      ).codes,
    ).toEqual(['BAD_USER_INPUT']);
    expect(
      (
        await stack.gql(
          P,
          { i: { body: 'x', campaignId: '00000000-0000-7000-8000-000000000000' } },
          owner.token,
        )
      ).codes,
    ).toEqual(['BAD_USER_INPUT']);
    expect(
      (await stack.gql(P, { i: { body: 'sharing', campaignId: foreign.id } }, owner.token)).errors,
    ).toBeNull();
  });

  it('pages the feed without repeats or gaps while new updates arrive', async () => {
    const reader = await signUpPerson(stack, 'rdr');
    await follow(reader, 'Organization', org.id);
    for (let i = 0; i < 12; i++) await post(owner, { organizationId: org.id });
    await stack.drain();
    const before = await feedIds(reader);
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 50; page++) {
      const r: GqlResult<{ feed: ConnectionPage }> = await stack.gql(
        FEED,
        { first: 5, after },
        reader.token,
      );
      const feed = r.data!.feed;
      seen.push(...feed.edges.map((e) => e.node.id));
      if (page === 0) {
        await post(owner, { organizationId: org.id });
        await stack.drain();
      }
      if (!feed.pageInfo.hasNextPage) break;
      after = feed.pageInfo.endCursor;
    }
    expect(seen).toEqual(before);
    expect(
      (await stack.gql(`{ feed(first: 101) { nodes { id } } }`, {}, reader.token)).codes,
    ).toEqual(['BAD_USER_INPUT']);
    expect(
      (await stack.gql(`{ feed(after: "forged") { nodes { id } } }`, {}, reader.token)).codes,
    ).toEqual(['BAD_USER_INPUT']);
    expect((await stack.gql(`{ feed { nodes { id } } }`)).codes).toEqual(['UNAUTHENTICATED']);
  });

  it('backfills 20 on follow, removes on unfollow only what came through that source only, hides deleted and blocked', async () => {
    const poster = await signUpPerson(stack, 'pst');
    const o2 = (
      await stack.gql(
        `mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id } }`,
        { i: { name: 'Second', slug: `second-${Date.now().toString(36)}` } },
        poster.token,
      )
    ).data.createOrganization;
    const tagged: string[] = [];
    for (let i = 0; i < 25; i++) {
      const u = await post(poster, {
        organizationId: o2.id,
        causeSlugs: i % 5 === 0 ? ['refugees'] : [],
      });
      if (i % 5 === 0) tagged.push(u.id);
    }
    await stack.drain();
    const late = await signUpPerson(stack, 'late');
    await follow(late, 'Organization', o2.id);
    await stack.drain();
    const backfilled = await feedIds(late);
    expect(backfilled).toHaveLength(20);
    await follow(late, 'Cause', await causeId('refugees'));
    await stack.drain();
    await unfollow(late, 'Organization', o2.id);
    await stack.drain();
    // What came through the cause stays (the five tagged ones, those among the backfill or the cause's own backfill).
    const kept = await feedIds(late);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.every((id) => tagged.includes(id))).toBe(true);
    await unfollow(late, 'Cause', await causeId('refugees'));
    await stack.drain();
    expect(await feedIds(late)).toEqual([]);

    // Deleted updates leave every feed and page; a blocked author's updates never appear.
    const fan = await signUpPerson(stack, 'fan');
    await follow(fan, 'Organization', o2.id);
    await follow(fan, 'User', poster.id);
    const personal = await post(poster, {});
    await stack.drain();
    const top = (await feedIds(fan))[1];
    expect(
      (await stack.gql(`mutation($id: ID!) { deleteUpdate(id: $id) }`, { id: top }, fan.token))
        .codes,
    ).toEqual(['FORBIDDEN']);
    expect(
      (await stack.gql(`mutation($id: ID!) { deleteUpdate(id: $id) }`, { id: top }, poster.token))
        .data.deleteUpdate,
    ).toBe(true);
    expect(
      (await stack.gql(`mutation($id: ID!) { deleteUpdate(id: $id) }`, { id: top }, poster.token))
        .codes,
    ).toEqual(['NOT_FOUND']);
    expect(await feedIds(fan)).not.toContain(top);
    expect(
      (await stack.gql(`query($id: ID!) { update(id: $id) { id } }`, { id: top })).data.update,
    ).toBeNull();
    const orgPage = await stack.gql(
      `query($id: ID!) { update(id: $id) { organization { updates(first: 100) { nodes { id } } } } }`,
      { id: (await feedIds(fan))[1] },
    );
    expect(
      orgPage.data.update.organization.updates.nodes.map((x: { id: string }) => x.id),
    ).not.toContain(top);
    // A hidden update (moderation) disappears from feeds, pages and search.
    const hidden = (await feedIds(fan))[1];
    await stack.dataSource.query('UPDATE updates SET hidden_at = now() WHERE id = $1', [hidden]);
    expect(await feedIds(fan)).not.toContain(hidden);
    const page = await stack.gql(
      `query($h: String!) { user(handle: $h) { updates(first: 100) { nodes { id } } } }`,
      { h: poster.handle },
    );
    expect(page.data.user.updates.nodes.map((x: { id: string }) => x.id)).not.toContain(hidden);
    const body = (
      await stack.dataSource.query('SELECT body FROM updates WHERE id = $1', [hidden])
    )[0].body;
    expect(
      (
        await stack.gql(
          `query($q: String!) { search(query: $q, first: 100) { ... on Update { id } } }`,
          { q: body },
        )
      ).data.search,
    ).not.toContainEqual({ id: hidden });
    await stack.gql(`mutation($id: ID!) { blockUser(id: $id) }`, { id: poster.id }, fan.token);
    expect(await feedIds(fan)).toEqual([]);
    expect(
      (
        await stack.gql(
          `query($id: ID!) { update(id: $id) { id } }`,
          { id: personal.id },
          fan.token,
        )
      ).data.update,
    ).toBeNull();
    expect(
      (
        await stack.gql(
          `query($id: ID!) { update(id: $id) { id } }`,
          { id: personal.id },
          owner.token,
        )
      ).data.update,
    ).toEqual({ id: personal.id });
  });

  it('lists updates of organizations, causes (with descendants) and people, and finds them by search', async () => {
    const u1 = await post(owner, {
      organizationId: org.id,
      body: 'Scholarships for girls in rural districts',
      causeSlugs: ['girls-education'],
    });
    const u2 = await post(owner, {
      body: 'My personal note about literacy',
      causeSlugs: ['literacy'],
    });
    const q = await stack.gql(
      `{ cause(slug: "education") { updates(first: 50) { nodes { id causes { slug } } } } }`,
    );
    const ids = q.data.cause.updates.nodes.map((x: { id: string }) => x.id);
    expect(ids).toEqual(expect.arrayContaining([u1.id, u2.id]));
    expect(ids.indexOf(u2.id)).toBeLessThan(ids.indexOf(u1.id));
    const mine = await stack.gql(
      `query($h: String!) { user(handle: $h) { updates(first: 50) { nodes { id } } } }`,
      { h: owner.handle },
    );
    expect(mine.data.user.updates.nodes.map((x: { id: string }) => x.id)).toContain(u2.id);
    expect(mine.data.user.updates.nodes.map((x: { id: string }) => x.id)).not.toContain(u1.id);
    const found = await stack.gql(
      `{ search(query: "scholarship rural") { __typename ... on Update { id } } }`,
    );
    expect(found.data.search).toContainEqual({ __typename: 'Update', id: u1.id });
  });

  it('serves a feed page of 20 with author, organization, causes, counts and viewer flags in at most 6 statements', async () => {
    const reader = await signUpPerson(stack, 'cnt');
    await follow(reader, 'Organization', org.id);
    for (let i = 0; i < 20; i++)
      await post(owner, { organizationId: org.id, causeSlugs: ['climate', 'water'] });
    await stack.drain();
    const { PostgresQueryRunner } = await import('typeorm/driver/postgres/PostgresQueryRunner');
    const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query');
    try {
      const r = await stack.gql(
        `{ feed(first: 20) { edges { cursor node { id body createdAt commentCount reactionCount viewerHasReacted author { id handle displayName } organization { id name verified } causes { slug name } } } pageInfo { hasNextPage } } }`,
        {},
        reader.token,
      );
      expect(r.errors).toBeNull();
      expect(r.data.feed.edges).toHaveLength(20);
      // Only the API's statements (the in-process worker polls the outbox meanwhile), without the rate limiter's.
      const statements = spy.mock.calls
        .filter(
          (_, i) =>
            (spy.mock.contexts[i] as { connection: unknown }).connection === stack.dataSource,
        )
        .map((c) => String(c[0]))
        .filter((sql) => !sql.includes('rate_limit_counter'));
      expect(statements.length).toBeLessThanOrEqual(6);
    } finally {
      spy.mockRestore();
    }
  });

  it('pushes to one subscriber on each of two API processes', async () => {
    resetEnvironmentCache();
    const second: INestApplication = await createApiApp();
    await second.listen(0, '127.0.0.1');
    try {
      const url2 = `http://127.0.0.1:${(second.getHttpServer().address() as { port: number }).port}`;
      const [a, b] = await Promise.all([signUpPerson(stack, 'wa'), signUpPerson(stack, 'wb')]);
      await follow(a, 'Organization', org.id);
      await follow(b, 'Organization', org.id);
      const subA = wsSubscribe(stack.url, `subscription { feedItemAdded { id } }`, {}, a.token);
      const subB = wsSubscribe(url2, `subscription { feedItemAdded { id } }`, {}, b.token);
      await eventually(
        async () =>
          (
            await stack.dataSource.query(
              'SELECT count(*)::int AS n FROM feed_listeners WHERE user_id = ANY($1)',
              [[a.id, b.id]],
            )
          )[0].n === 2,
        10_000,
        'both listening',
      );
      const u = await post(owner, { organizationId: org.id });
      await Promise.all([
        subA.next((e) => e.feedItemAdded?.id === u.id, 15_000),
        subB.next((e) => e.feedItemAdded?.id === u.id, 15_000),
      ]);
      await stack.drain();
      expect(subA.events.filter((e) => e.feedItemAdded?.id === u.id)).toHaveLength(1);
      expect(subB.events.filter((e) => e.feedItemAdded?.id === u.id)).toHaveLength(1);
      await Promise.all([subA.dispose(), subB.dispose()]);
    } finally {
      await second.close();
    }
  });

  it('re-delivers a chunk whose job was lost after its root job finished (the sweeper repairs chunks)', async () => {
    const fans = await Promise.all(Array.from({ length: 3 }, () => signUpPerson(stack, 'rep')));
    for (const f of fans) await follow(f, 'Organization', org.id);
    const u = await post(owner, { organizationId: org.id });
    await stack.drain();
    // Undo chunk 0 as if it never ran, and lose its job, while the root job stays completed.
    const [{ id: eventId }] = await stack.dataSource.query(
      `SELECT id FROM outbox_events WHERE type = 'update-posted' AND payload->>'updateId' = $1`,
      [u.id],
    );
    const receivers: string[] = (
      await stack.dataSource.query(
        `SELECT f.follower_id FROM fanout_chunks c JOIN follows f ON f.source_kind = c.source_kind AND f.source_id = c.source_id
       AND f.follower_id > c.after_follower AND (c.last_follower IS NULL OR f.follower_id <= c.last_follower) WHERE c.update_id = $1 AND c.seq = 0`,
        [u.id],
      )
    ).map((r: { follower_id: string }) => r.follower_id);
    expect(receivers.length).toBeGreaterThan(0);
    await stack.dataSource.query(
      'DELETE FROM feed_entries WHERE update_id = $1 AND user_id = ANY($2::uuid[])',
      [u.id, receivers],
    );
    await stack.dataSource.query(
      'UPDATE fanout_chunks SET done_at = NULL WHERE update_id = $1 AND seq = 0',
      [u.id],
    );
    await stack.dataSource.query(
      `UPDATE outbox_events SET completed_at = NULL, relayed_at = now() - interval '1 hour' WHERE id = $1`,
      [eventId],
    );
    await stack.dataSource.query('UPDATE updates SET fanned_out_at = NULL WHERE id = $1', [u.id]);
    await (await stack.queue(QueueName.Feed).getJob(`fan-out-${u.id}-0`))?.remove();
    await stack.drain(30_000);
    const [{ n }] = await stack.dataSource.query(
      'SELECT count(*)::int AS n FROM feed_entries WHERE update_id = $1 AND user_id = ANY($2::uuid[])',
      [u.id, receivers],
    );
    expect(n).toBe(receivers.length);
    expect(
      (await stack.dataSource.query('SELECT fanned_out_at FROM updates WHERE id = $1', [u.id]))[0]
        .fanned_out_at,
    ).not.toBeNull();
  });
});
