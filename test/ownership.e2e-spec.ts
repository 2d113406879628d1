import { eventually, signUpPerson, startTestStack, TestPerson, TestStack } from '@causeway/testing';
import { DataExportHandlers } from '../apps/worker/src/ownership/data-export-handlers';

process.env.DATA_EXPORT_RATE_LIMIT_PER_HOUR = '2';

const EXPORTS = `{ viewer { dataExports { id status createdAt downloadUrl } } }`;
const REQUEST = `mutation { requestDataExport { id status downloadUrl } }`;
const DELETE = `mutation($p: String!) { deleteAccount(password: $p) }`;
const PASSWORD = 'correct horse battery';

/** Every stored count against the rows it counts: none may be off after a deletion. */
async function countMismatches(stack: TestStack): Promise<Record<string, number>> {
  const q = async (sql: string) => (await stack.dataSource.query(sql))[0].n as number;
  return {
    causeFollowers: await q(
      `SELECT count(*)::int AS n FROM causes c WHERE follower_count <> (SELECT count(*) FROM follows WHERE source_kind = 'CAUSE' AND source_id = c.id)`,
    ),
    orgFollowers: await q(
      `SELECT count(*)::int AS n FROM organizations o WHERE follower_count <> (SELECT count(*) FROM follows WHERE source_kind = 'ORGANIZATION' AND source_id = o.id)`,
    ),
    userFollowers: await q(
      `SELECT count(*)::int AS n FROM users u WHERE follower_count <> (SELECT count(*) FROM follows WHERE source_kind = 'USER' AND source_id = u.id)`,
    ),
    userFollowing: await q(
      `SELECT count(*)::int AS n FROM users u WHERE following_count <> (SELECT count(*) FROM follows WHERE source_kind = 'USER' AND follower_id = u.id)`,
    ),
    reactions: await q(
      `SELECT count(*)::int AS n FROM updates u WHERE reaction_count <> (SELECT count(*) FROM reactions WHERE update_id = u.id)`,
    ),
    comments: await q(
      `SELECT count(*)::int AS n FROM updates u WHERE comment_count <> (SELECT count(*) FROM comments WHERE update_id = u.id AND deleted_at IS NULL AND hidden_at IS NULL)`,
    ),
    campaignTotals:
      await q(`SELECT count(*)::int AS n FROM campaigns c WHERE pledged_total <> (SELECT coalesce(sum(amount), 0) FROM pledges WHERE campaign_id = c.id AND status <> 'CANCELLED')
      OR fulfilled_total <> (SELECT coalesce(sum(amount), 0) FROM pledges WHERE campaign_id = c.id AND status = 'FULFILLED')
      OR pledge_count <> (SELECT count(*) FROM pledges WHERE campaign_id = c.id AND status <> 'CANCELLED')`),
  };
}
const NONE = {
  causeFollowers: 0,
  orgFollowers: 0,
  userFollowers: 0,
  userFollowing: 0,
  reactions: 0,
  comments: 0,
  campaignTotals: 0,
};

describe('data export and account deletion (end to end)', () => {
  let stack: TestStack;
  let owner: TestPerson;
  let org: { id: string; slug: string };
  let campaignId: string;
  let orgUpdateId: string;

  beforeAll(async () => {
    stack = await startTestStack({ worker: true });
    owner = await signUpPerson(stack, 'own');
    const slug = `own-${Date.now().toString(36)}`;
    org = {
      id: (
        await stack.gql(
          `mutation { createOrganization(input: { name: "Ownership Org", slug: "${slug}" }) { id } }`,
          {},
          owner.token,
        )
      ).data.createOrganization.id,
      slug,
    };
    campaignId = (
      await stack.gql(
        `mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { id } }`,
        {
          i: {
            organizationId: org.id,
            title: 'Shelter beds',
            goalKind: 'MONEY',
            goalAmount: '100000',
            currency: 'EUR',
          },
        },
        owner.token,
      )
    ).data.createCampaign.id;
    orgUpdateId = (
      await stack.gql(
        `mutation($i: PostUpdateInput!) { postUpdate(input: $i) { id } }`,
        { i: { body: 'Forty beds this winter', organizationId: org.id } },
        owner.token,
      )
    ).data.postUpdate.id;
  });
  afterAll(() => stack?.close());

  /** A person who has made one of everything, and another whose private data must stay out of the first one's export. */
  async function busyPerson(prefix: string): Promise<TestPerson & { pledgeId: string }> {
    const p = await signUpPerson(stack, prefix);
    await stack.gql(
      `mutation($id: ID!) { followOrganization(id: $id) { id } }`,
      { id: org.id },
      p.token,
    );
    await stack.gql(
      `mutation { followCause(id: "${(await stack.gql(`{ cause(slug: "water") { id } }`)).data.cause.id}") { id } }`,
      {},
      p.token,
    );
    await stack.gql(
      `mutation($i: PostUpdateInput!) { postUpdate(input: $i) { id } }`,
      { i: { body: `${prefix} walked 10 km for water` } },
      p.token,
    );
    await stack.gql(
      `mutation($u: ID!) { addComment(updateId: $u, body: "${prefix} says well done") { id } }`,
      { u: orgUpdateId },
      p.token,
    );
    await stack.gql(
      `mutation($u: ID!) { react(updateId: $u) { id } }`,
      { u: orgUpdateId },
      p.token,
    );
    const pledge = await stack.gql(
      `mutation($i: PledgeInput!) { pledge(input: $i) { id } }`,
      {
        i: {
          campaignId,
          amount: '2500',
          currency: 'EUR',
          idempotencyKey: `${prefix}-1`,
          message: `${prefix}-secret-message`,
        },
      },
      p.token,
    );
    return { ...p, pledgeId: pledge.data.pledge.id };
  }

  it('builds an archive of what the person made, at a signed path that expires, with nothing private of anyone else', async () => {
    const [alice, bob] = [await busyPerson('alice'), await busyPerson('bob')];
    await stack.gql(
      `mutation($id: ID!) { followUser(id: $id) { id } }`,
      { id: bob.id },
      alice.token,
    );
    await stack.gql(
      `mutation($id: ID!) { followUser(id: $id) { id } }`,
      { id: alice.id },
      bob.token,
    ); // a notification for alice, naming bob
    await stack.drain();

    const first = (await stack.gql(REQUEST, {}, alice.token)).data.requestDataExport;
    expect(first).toMatchObject({ status: 'PENDING', downloadUrl: null });
    const ready = await eventually(
      async () => {
        const [e] = (await stack.gql(EXPORTS, {}, alice.token)).data.viewer.dataExports;
        return e.status === 'READY' ? e : null;
      },
      15_000,
      'the export READY',
    );
    expect(ready.id).toBe(first.id);
    expect(ready.downloadUrl).toMatch(
      new RegExp(`^/exports/${first.id}\\?expires=\\d+&signature=[\\w-]+$`),
    );

    // No bearer token: the signed path is enough.
    const res = await fetch(`${stack.url}${ready.downloadUrl}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const text = await res.text();
    const archive = JSON.parse(text);
    expect(archive.profile).toMatchObject({
      id: alice.id,
      email: alice.email,
      handle: alice.handle,
    });
    expect(archive.follows.map((f: { kind: string }) => f.kind).sort()).toEqual([
      'CAUSE',
      'ORGANIZATION',
      'USER',
    ]);
    expect(archive.updates).toEqual([
      expect.objectContaining({ body: 'alice walked 10 km for water' }),
    ]);
    expect(archive.comments).toEqual([
      expect.objectContaining({ body: 'alice says well done', updateId: orgUpdateId }),
    ]);
    expect(archive.reactions).toEqual([expect.objectContaining({ updateId: orgUpdateId })]);
    expect(archive.pledges).toEqual([
      expect.objectContaining({
        id: alice.pledgeId,
        amount: '2500',
        currency: 'EUR',
        message: 'alice-secret-message',
        campaignTitle: 'Shelter beds',
      }),
    ]);
    expect(archive.notifications).toEqual([
      expect.objectContaining({ type: 'NEW_FOLLOWER', actorHandle: bob.handle }),
    ]);
    for (const secret of [bob.email, 'bob-secret-message', 'bob walked', 'bob says'])
      expect(text).not.toContain(secret);

    // The same path with another signature, another id or a later expiry is refused.
    const url = new URL(ready.downloadUrl, stack.url);
    const forged = new URL(url);
    forged.searchParams.set('signature', 'A'.repeat(43));
    expect((await fetch(forged)).status).toBe(404);
    const longer = new URL(url);
    longer.searchParams.set('expires', String(Number(url.searchParams.get('expires')) + 3600));
    expect((await fetch(longer)).status).toBe(404);
    const bobs = (await stack.gql(REQUEST, {}, bob.token)).data.requestDataExport;
    expect(
      (await fetch(new URL(url.pathname.replace(first.id, bobs.id) + url.search, stack.url)))
        .status,
    ).toBe(404);

    // At most one PENDING: asking again while it builds answers the same export.
    await stack.dataSource.query(`UPDATE data_exports SET status = 'PENDING' WHERE id = $1`, [
      bobs.id,
    ]);
    const again = (await stack.gql(REQUEST, {}, bob.token)).data.requestDataExport;
    expect(again.id).toBe(bobs.id);

    // 24 hours later: EXPIRED at once, the link dead, and the archive deleted by the worker.
    await stack.dataSource.query(
      `UPDATE data_exports SET expires_at = now() - interval '1 second' WHERE id = $1`,
      [first.id],
    );
    const [expired] = (await stack.gql(EXPORTS, {}, alice.token)).data.viewer.dataExports;
    expect(expired).toMatchObject({ id: first.id, status: 'EXPIRED', downloadUrl: null });
    expect((await fetch(url)).status).toBe(404);
    expect(await stack.worker!.get(DataExportHandlers).expire()).toBeGreaterThanOrEqual(1);
    expect(
      (
        await stack.dataSource.query(
          `SELECT count(*)::int AS n FROM data_export_chunks WHERE export_id = $1`,
          [first.id],
        )
      )[0].n,
    ).toBe(0);
    expect(
      (await stack.dataSource.query(`SELECT status FROM data_exports WHERE id = $1`, [first.id]))[0]
        .status,
    ).toBe('EXPIRED');

    // Rate limited: DATA_EXPORT_RATE_LIMIT_PER_HOUR (2 here) per person.
    await stack.drain();
    expect((await stack.gql(REQUEST, {}, alice.token)).errors).toBeNull();
    await stack.drain();
    const limited = await stack.gql(REQUEST, {}, alice.token);
    expect(limited.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(limited.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
    expect((await stack.gql(REQUEST)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    await stack.drain();
  });

  it('erases an account in one transaction: sessions gone, log-in refused, handle and email free, every count and total exact', async () => {
    const carol = await busyPerson('carol');
    const follower = await signUpPerson(stack, 'flw');
    const followed = await signUpPerson(stack, 'fld');
    await stack.gql(
      `mutation($id: ID!) { followUser(id: $id) { id } }`,
      { id: carol.id },
      follower.token,
    );
    await stack.gql(
      `mutation($id: ID!) { followUser(id: $id) { id } }`,
      { id: followed.id },
      carol.token,
    );
    const login = (
      await stack.gql(`mutation($i: LogInInput!) { logIn(input: $i) { refreshToken } }`, {
        i: { email: carol.email, password: PASSWORD },
      })
    ).data.logIn;
    // carol is the only OWNER of her own organization, and an ADMIN of the other one.
    const own = (
      await stack.gql(
        `mutation { createOrganization(input: { name: "Carol Org", slug: "carol-${Date.now().toString(36)}" }) { id } }`,
        {},
        carol.token,
      )
    ).data.createOrganization;
    await stack.gql(
      `mutation($o: ID!, $h: String!) { addOrganizationMember(organizationId: $o, userHandle: $h, role: ADMIN) { id } }`,
      { o: org.id, h: carol.handle },
      owner.token,
    );
    await stack.drain();
    const totalsBefore = (
      await stack.gql(`{ campaign(id: "${campaignId}") { pledgedTotal pledgeCount } }`)
    ).data.campaign;
    expect(await countMismatches(stack)).toEqual(NONE);

    // The last OWNER of an organization: CONFLICT, and nothing changed.
    const conflict = await stack.gql(DELETE, { p: PASSWORD }, carol.token);
    expect(conflict.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(
      (
        await stack.dataSource.query(
          `SELECT count(*)::int AS n FROM follows WHERE follower_id = $1`,
          [carol.id],
        )
      )[0].n,
    ).toBe(3);
    expect(
      (await stack.gql(`{ viewer { user { handle } } }`, {}, carol.token)).data.viewer.user.handle,
    ).toBe(carol.handle);
    expect(
      (await stack.gql(DELETE, { p: 'wrong password!' }, carol.token)).errors?.[0]?.extensions
        ?.code,
    ).toBe('BAD_USER_INPUT');
    expect((await stack.gql(DELETE, { p: PASSWORD })).errors?.[0]?.extensions?.code).toBe(
      'UNAUTHENTICATED',
    );

    await stack.gql(
      `mutation($o: ID!, $h: String!) { addOrganizationMember(organizationId: $o, userHandle: $h, role: OWNER) { id } }`,
      { o: own.id, h: follower.handle },
      carol.token,
    );
    const done = await stack.gql(DELETE, { p: PASSWORD }, carol.token);
    expect(done.errors).toBeNull();
    expect(done.data.deleteAccount).toBe(true);

    // Sessions gone; the still-signed access token cannot act; log-in refused.
    expect(
      (
        await stack.dataSource.query(
          `SELECT count(*)::int AS n FROM refresh_tokens WHERE user_id = $1`,
          [carol.id],
        )
      )[0].n,
    ).toBe(0);
    expect(
      (
        await stack.gql(
          `mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken } }`,
          { t: login.refreshToken },
        )
      ).errors?.[0]?.extensions?.code,
    ).toBe('UNAUTHENTICATED');
    expect(
      (await stack.gql(`mutation { requestDataExport { id } }`, {}, carol.token)).errors?.[0]
        ?.extensions?.code,
    ).toBe('UNAUTHENTICATED');
    expect((await stack.gql(`{ viewer { email } }`, {}, carol.token)).data.viewer).toBeNull();
    expect(
      (
        await stack.gql(`mutation($i: LogInInput!) { logIn(input: $i) { accessToken } }`, {
          i: { email: carol.email, password: PASSWORD },
        })
      ).errors?.[0]?.extensions?.code,
    ).toBe('UNAUTHENTICATED');

    // Every count and total exact; the pledge stays, naming no one.
    expect(await countMismatches(stack)).toEqual(NONE);
    expect(
      (await stack.gql(`{ campaign(id: "${campaignId}") { pledgedTotal pledgeCount } }`)).data
        .campaign,
    ).toEqual(totalsBefore);
    const [pledge] = await stack.dataSource.query(
      `SELECT p.message, u.handle, u.display_name, u.email, u.bio FROM pledges p JOIN users u ON u.id = p.user_id WHERE p.id = $1`,
      [carol.pledgeId],
    );
    expect(pledge).toMatchObject({ message: null, display_name: 'Deleted account', bio: null });
    expect(pledge.handle).not.toContain('carol');
    expect(pledge.email).not.toContain('carol');
    expect(
      (await stack.gql(`query($h: String!) { user(handle: $h) { id } }`, { h: carol.handle })).data
        .user,
    ).toBeNull();
    const leftovers = await stack.dataSource.query(
      `SELECT (SELECT count(*) FROM follows WHERE follower_id = $1 OR (source_kind = 'USER' AND source_id = $1))::int AS follows,
              (SELECT count(*) FROM reactions WHERE user_id = $1)::int AS reactions,
              (SELECT count(*) FROM comments WHERE author_id = $1 AND (deleted_at IS NULL OR body <> ''))::int AS comments,
              (SELECT count(*) FROM updates WHERE author_id = $1 AND organization_id IS NULL AND (deleted_at IS NULL OR body <> ''))::int AS updates,
              (SELECT count(*) FROM organization_members WHERE user_id = $1)::int AS memberships,
              (SELECT count(*) FROM notifications WHERE recipient_id = $1)::int AS notifications`,
      [carol.id],
    );
    expect(leftovers[0]).toEqual({
      follows: 0,
      reactions: 0,
      comments: 0,
      updates: 0,
      memberships: 0,
      notifications: 0,
    });

    // The handle and the email may be registered again.
    const reborn = await stack.gql(
      `mutation($i: SignUpInput!) { signUp(input: $i) { user { id handle } } }`,
      {
        i: {
          email: carol.email,
          password: 'another good password',
          handle: carol.handle,
          displayName: 'Carol again',
        },
      },
    );
    expect(reborn.errors).toBeNull();
    expect(reborn.data.signUp.user.handle).toBe(carol.handle);
    expect(reborn.data.signUp.user.id).not.toBe(carol.id);
    await stack.drain();
    expect(await countMismatches(stack)).toEqual(NONE);
  });
});
