import { EventBus, QueueName, Topics } from '@causeway/queue';
import {
  ConnectionPage,
  eventually,
  grantPlatformAdmin,
  signUpPerson,
  startTestStack,
  TestPerson,
  TestStack,
  wsSubscribe,
} from '@causeway/testing';

const POST = `mutation($i: PostUpdateInput!) { postUpdate(input: $i) { id } }`;
const COMMENT = `mutation($u: ID!, $b: String!) { addComment(updateId: $u, body: $b) { id body author { id } update { id } } }`;
const DELETE_COMMENT = `mutation($id: ID!) { deleteComment(id: $id) }`;
const DELETE_UPDATE = `mutation($id: ID!) { deleteUpdate(id: $id) }`;
const REACT = `mutation($u: ID!) { react(updateId: $u) { id reactionCount viewerHasReacted } }`;
const UNREACT = `mutation($u: ID!) { unreact(updateId: $u) { id reactionCount viewerHasReacted } }`;
const UPDATE = `query($id: ID!) { update(id: $id) { id commentCount reactionCount viewerHasReacted comments(first: 100) { nodes { id body author { id } } } } }`;
const INBOX = `{ notifications(first: 100) { nodes { id type read eventCount actor { id } update { id } organization { id } } } viewer { unreadNotificationCount } }`;
const MARK_READ = `mutation($ids: [ID!]) { markNotificationsRead(ids: $ids) }`;
const FOLLOW_USER = `mutation($id: ID!) { followUser(id: $id) { followerCount followingCount } }`;
const FOLLOW_ORG = `mutation($id: ID!) { followOrganization(id: $id) { followerCount } }`;
const BLOCK = `mutation($id: ID!) { blockUser(id: $id) }`;
const UNBLOCK = `mutation($id: ID!) { unblockUser(id: $id) }`;
const REPORT = `mutation($i: ReportInput!) { report(input: $i) }`;
const REPORTS = `query($s: ReportStatus, $after: String) { reports(status: $s, first: 50, after: $after) { nodes { id subject subjectId reason status action reporter { id } } pageInfo { hasNextPage } } }`;
interface ReportNode {
  id: string;
  subject: string;
  subjectId: string;
  reporter: { id: string };
}
const RESOLVE = `mutation($id: ID!, $a: ReportAction!) { resolveReport(id: $id, action: $a) { id status action } }`;
const ADD_MEMBER = `mutation($o: ID!, $h: String!, $r: OrganizationRole!) { addOrganizationMember(organizationId: $o, userHandle: $h, role: $r) { id } }`;
let n = 0;
const slug = () => `eng-${Date.now().toString(36)}-${n++}`;

type Note = {
  id: string;
  type: string;
  read: boolean;
  eventCount: number;
  actor: { id: string } | null;
  update: { id: string } | null;
  organization: { id: string } | null;
};

describe('comments, reactions, notifications, reports and blocks (end to end)', () => {
  let stack: TestStack;
  let admin: TestPerson;
  beforeAll(async () => {
    stack = await startTestStack({ worker: true });
    admin = await signUpPerson(stack, 'adm');
    await grantPlatformAdmin(stack, admin.id);
  });
  afterAll(() => stack?.close());

  const ok = async (query: string, vars: Record<string, unknown>, token?: string) => {
    const r = await stack.gql(query, vars, token);
    expect(r.errors).toBeNull();
    return r.data;
  };
  const post = async (by: TestPerson, input: Record<string, unknown> = {}) =>
    (await ok(POST, { i: { body: `Update ${n++}`, ...input } }, by.token)).postUpdate.id as string;
  const comment = async (by: TestPerson, updateId: string, body = 'Well done') =>
    (await ok(COMMENT, { u: updateId, b: body }, by.token)).addComment.id as string;
  const inbox = async (p: TestPerson) =>
    (await ok(INBOX, {}, p.token)) as {
      notifications: { nodes: Note[] };
      viewer: { unreadNotificationCount: number };
    };
  /** Waits until every domain event was handled and every queue is empty. */
  const settle = () => stack.drain();
  const createOrg = async (owner: TestPerson) =>
    (
      await ok(
        `mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id } }`,
        { i: { name: 'Food Bank', slug: slug() } },
        owner.token,
      )
    ).createOrganization.id as string;

  it('adds comments and keeps commentCount and reactionCount exact under 30 concurrent reactions; react twice counts once', async () => {
    const [author, fan] = await Promise.all([
      signUpPerson(stack, 'aut'),
      signUpPerson(stack, 'fan'),
    ]);
    const u = await post(author);
    const c = await ok(COMMENT, { u, b: '  I will bring rice  ' }, fan.token);
    expect(c.addComment).toMatchObject({
      body: 'I will bring rice',
      author: { id: fan.id },
      update: { id: u },
    });
    await comment(author, u, 'Thanks!');

    expect((await stack.gql(COMMENT, { u, b: '' }, fan.token)).codes).toEqual(['BAD_USER_INPUT']);
    expect((await stack.gql(COMMENT, { u, b: 'x'.repeat(2001) }, fan.token)).codes).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect((await stack.gql(COMMENT, { u, b: 'a\u0000b' }, fan.token)).codes).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(
      (await stack.gql(COMMENT, { u: '00000000-0000-0000-0000-000000000000', b: 'hi' }, fan.token))
        .codes,
    ).toEqual(['NOT_FOUND']);
    expect((await stack.gql(COMMENT, { u: 'nope', b: 'hi' }, fan.token)).codes).toEqual([
      'NOT_FOUND',
    ]);
    expect((await stack.gql(COMMENT, { u, b: 'hi' })).codes).toEqual(['UNAUTHENTICATED']);
    expect((await stack.gql(REACT, { u })).codes).toEqual(['UNAUTHENTICATED']);

    const r1 = await ok(REACT, { u }, fan.token);
    const r2 = await ok(REACT, { u }, fan.token);
    expect(r1.react).toMatchObject({ reactionCount: 1, viewerHasReacted: true });
    expect(r2.react).toMatchObject({ reactionCount: 1, viewerHasReacted: true });

    const many = await Promise.all(Array.from({ length: 30 }, () => signUpPerson(stack, 'rx')));
    const results = await Promise.all(
      many.flatMap((p) => [stack.gql(REACT, { u }, p.token), stack.gql(REACT, { u }, p.token)]),
    );
    expect(results.every((r) => r.errors === null)).toBe(true);
    const seen = await ok(UPDATE, { id: u }, fan.token);
    expect(seen.update).toMatchObject({
      commentCount: 2,
      reactionCount: 31,
      viewerHasReacted: true,
    });
    expect(seen.update.comments.nodes.map((x: { body: string }) => x.body)).toEqual([
      'I will bring rice',
      'Thanks!',
    ]);
    expect((await ok(UPDATE, { id: u })).update.viewerHasReacted).toBe(false);

    await Promise.all(many.slice(0, 10).map((p) => stack.gql(UNREACT, { u }, p.token)));
    const un = await ok(UNREACT, { u }, fan.token);
    expect(un.unreact).toMatchObject({ reactionCount: 20, viewerHasReacted: false });
    expect((await ok(UNREACT, { u }, fan.token)).unreact.reactionCount).toBe(20);
    const [{ reactions }] = await stack.dataSource.query(
      'SELECT count(*)::int AS reactions FROM reactions WHERE update_id = $1',
      [u],
    );
    expect(reactions).toBe(20);
  });

  it('pages comments oldest first without repeats', async () => {
    const [author, fan] = await Promise.all([
      signUpPerson(stack, 'aut'),
      signUpPerson(stack, 'fan'),
    ]);
    const u = await post(author);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await comment(fan, u, `c${i}`));
    const PAGE = `query($id: ID!, $after: String) { update(id: $id) { comments(first: 2, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const conn: ConnectionPage = (await ok(PAGE, { id: u, after })).update.comments;
      seen.push(...conn.nodes.map((x: { id: string }) => x.id));
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor;
    }
    expect(seen).toEqual(ids);
    expect((await stack.gql(PAGE, { id: u, after: 'forged' })).codes).toEqual(['BAD_USER_INPUT']);
  });

  it('makes each notification type once, also when its job runs again, and none for one’s own actions', async () => {
    const [author, fan, member, owner2] = await Promise.all(
      ['aut', 'fan', 'mem', 'ow2'].map((p) => signUpPerson(stack, p)),
    );
    const org = await createOrg(author);
    await ok(ADD_MEMBER, { o: org, h: owner2.handle, r: 'ADMIN' }, author.token);
    const u = await post(author);
    const own = await post(author);
    await comment(fan, u, 'Great');
    await comment(author, own, 'my own comment');
    await ok(REACT, { u }, fan.token);
    await ok(REACT, { u: own }, author.token);
    await ok(FOLLOW_USER, { id: author.id }, fan.token);
    await ok(FOLLOW_ORG, { id: org }, fan.token);
    await ok(FOLLOW_ORG, { id: org }, author.token); // the OWNER following their own organization
    await ok(ADD_MEMBER, { o: org, h: member.handle, r: 'EDITOR' }, author.token);
    await ok(
      `mutation($id: ID!) { verifyOrganization(id: $id) { verified } }`,
      { id: org },
      admin.token,
    );
    await settle();

    const expectInboxes = async () => {
      const a = (await inbox(author)).notifications.nodes;
      const summary = (notes: Note[]) =>
        notes
          .map(
            (x) =>
              `${x.type}:${x.actor?.id ?? '-'}:${x.update?.id ?? x.organization?.id ?? '-'}:${x.eventCount}`,
          )
          .sort();
      expect(summary(a)).toEqual(
        [
          `NEW_FOLLOWER:${fan.id}:-:1`,
          `NEW_FOLLOWER:${fan.id}:${org}:1`,
          `UPDATE_COMMENTED:${fan.id}:${u}:1`,
          `UPDATE_REACTED:${fan.id}:${u}:1`,
          `ORGANIZATION_VERIFIED:${admin.id}:${org}:1`,
        ].sort(),
      );
      // The ADMIN hears of both followers of the organization (not of their own membership grant's actor twice): one row, two events, the latest actor.
      const o2 = (await inbox(owner2)).notifications.nodes;
      expect(o2.map((x) => `${x.type}:${x.eventCount}`).sort()).toEqual([
        'MEMBERSHIP_GRANTED:1',
        'NEW_FOLLOWER:2',
      ]);
      expect(o2.find((x) => x.type === 'MEMBERSHIP_GRANTED')).toMatchObject({
        actor: { id: author.id },
        organization: { id: org },
      });
      const followers = o2.find((x) => x.type === 'NEW_FOLLOWER')!;
      expect(followers.organization).toEqual({ id: org });
      expect([fan.id, author.id]).toContain(followers.actor?.id);
      expect(
        (await inbox(member)).notifications.nodes.map((x) => `${x.type}:${x.actor?.id}`),
      ).toEqual([`MEMBERSHIP_GRANTED:${author.id}`]);
      expect((await inbox(fan)).notifications.nodes).toEqual([]);
      expect((await inbox(admin)).notifications.nodes).toEqual([]);
    };
    await expectInboxes();

    // Every job that made them runs again (new job ids, as after a retry or a sweep): nothing doubles.
    const events: { id: string; type: string; payload: Record<string, unknown> }[] =
      await stack.dataSource.query(
        `SELECT id, type, payload FROM outbox_events WHERE type = ANY($1::text[])`,
        [
          [
            'followed',
            'update-commented',
            'update-reacted',
            'membership-granted',
            'organization-verified',
          ],
        ],
      );
    expect(new Set(events.map((e) => e.type)).size).toBe(5);
    const queue = stack.queue(QueueName.Events);
    await queue.addBulk(
      events.map((e) => ({
        name: e.type,
        data: { ...e.payload, eventId: e.id },
        opts: { jobId: `again-${e.id}` },
      })),
    );
    await settle();
    await eventually(
      async () =>
        (await Promise.all(events.map((e) => queue.getJob(`again-${e.id}`)))).every(
          (j) => j && j.finishedOn,
        ),
      10_000,
      'reruns finished',
    );
    await expectInboxes();
  });

  it('counts unread notifications, marks them read by id or all, and folds a burst into one row', async () => {
    const author = await signUpPerson(stack, 'aut');
    const u = await post(author);
    const crowd = await Promise.all(Array.from({ length: 12 }, () => signUpPerson(stack, 'crw')));
    await Promise.all(crowd.map((p) => stack.gql(REACT, { u }, p.token)));
    await Promise.all(crowd.slice(0, 3).map((p) => comment(p, u)));
    await settle();
    let box = await inbox(author);
    const byType = (t: string) => box.notifications.nodes.filter((x) => x.type === t);
    expect(byType('UPDATE_REACTED')).toHaveLength(1);
    expect(byType('UPDATE_REACTED')[0].eventCount).toBe(12);
    expect(byType('UPDATE_COMMENTED')).toHaveLength(1);
    expect(byType('UPDATE_COMMENTED')[0].eventCount).toBe(3);
    expect(box.viewer.unreadNotificationCount).toBe(2);

    const reacted = byType('UPDATE_REACTED')[0].id;
    expect((await ok(MARK_READ, { ids: [reacted] }, author.token)).markNotificationsRead).toBe(1);
    expect((await ok(MARK_READ, { ids: [reacted] }, author.token)).markNotificationsRead).toBe(0);
    expect((await stack.gql(MARK_READ, { ids: ['nope'] }, author.token)).codes).toEqual([
      'BAD_USER_INPUT',
    ]);
    box = await inbox(author);
    expect(box.viewer.unreadNotificationCount).toBe(1);
    expect(box.viewer.unreadNotificationCount).toBe(
      box.notifications.nodes.filter((x) => !x.read).length,
    );

    // A new reaction after reading starts a new unread row; someone else's ids change nothing.
    const late = await signUpPerson(stack, 'lat');
    await ok(REACT, { u }, late.token);
    await settle();
    box = await inbox(author);
    expect(byType('UPDATE_REACTED').map((x) => [x.read, x.eventCount, x.actor?.id])).toEqual([
      [false, 1, late.id],
      [true, 12, expect.any(String)],
    ]);
    expect(
      (await ok(MARK_READ, { ids: box.notifications.nodes.map((x) => x.id) }, late.token))
        .markNotificationsRead,
    ).toBe(0);
    expect((await ok(MARK_READ, {}, author.token)).markNotificationsRead).toBe(2);
    expect((await inbox(author)).viewer.unreadNotificationCount).toBe(0);
    expect((await stack.gql(INBOX)).codes).toContain('UNAUTHENTICATED');
    expect((await stack.gql(MARK_READ, {})).codes).toEqual(['UNAUTHENTICATED']);
  });

  it('pushes notificationAdded live, through the cross-process event bus, to each of the recipient’s subscriptions only', async () => {
    const [author, fan, other] = await Promise.all(
      ['aut', 'fan', 'oth'].map((p) => signUpPerson(stack, p)),
    );
    const SUB = `subscription { notificationAdded { type eventCount actor { id } update { id commentCount } } }`;
    const subs = [
      wsSubscribe(stack.url, SUB, {}, author.token),
      wsSubscribe(stack.url, SUB, {}, author.token),
      wsSubscribe(stack.url, SUB, {}, other.token),
    ];
    const anonymous = wsSubscribe(stack.url, SUB);
    try {
      // The worker publishes through its own event-bus connection (Redis or PostgreSQL), as from another process.
      await eventually(
        () => stack.api.get(EventBus).localSubscribers(Topics.notificationAdded) >= 3,
        10_000,
        'subscriptions live',
      );
      const u = await post(author);
      await comment(fan, u, 'first');
      const expected = {
        notificationAdded: {
          type: 'UPDATE_COMMENTED',
          eventCount: 1,
          actor: { id: fan.id },
          update: { id: u, commentCount: 1 },
        },
      };
      expect(await subs[0].next((e) => e.notificationAdded?.type === 'UPDATE_COMMENTED')).toEqual(
        expected,
      );
      expect(await subs[1].next((e) => e.notificationAdded?.type === 'UPDATE_COMMENTED')).toEqual(
        expected,
      );
      // A second comment folds into the same notification; the push shows fresh data, not the subscription's first load.
      await comment(fan, u, 'second');
      const again = await subs[0].next((e) => e.notificationAdded?.eventCount === 2);
      expect(again.notificationAdded.update.commentCount).toBe(2);
      const denied = await anonymous.next((e) => !!e.errors);
      expect(denied.errors.map((e: { extensions: { code: string } }) => e.extensions.code)).toEqual(
        ['UNAUTHENTICATED'],
      );
      await settle();
      expect(subs[2].events).toEqual([]);
    } finally {
      await Promise.all([...subs, anonymous].map((s) => s.dispose()));
    }
  });

  it('enforces who may delete comments and updates: author, update author, org ADMIN/OWNER yes; EDITOR, stranger, anonymous no', async () => {
    const people = await Promise.all(
      ['own', 'adm', 'edt', 'aut', 'cmt', 'str'].map((p) => signUpPerson(stack, p)),
    );
    const [owner, orgAdmin, editor, author, commenter, stranger] = people;
    const org = await createOrg(owner);
    await ok(ADD_MEMBER, { o: org, h: orgAdmin.handle, r: 'ADMIN' }, owner.token);
    await ok(ADD_MEMBER, { o: org, h: editor.handle, r: 'EDITOR' }, owner.token);
    await ok(ADD_MEMBER, { o: org, h: author.handle, r: 'EDITOR' }, owner.token);
    const orgUpdate = await post(author, { organizationId: org });
    const personal = await post(author);

    const count = async (u: string) =>
      (await ok(UPDATE, { id: u }, owner.token)).update?.commentCount;
    // Comments on the organization's update.
    for (const [who, allowed] of [
      [commenter, true],
      [author, true],
      [owner, true],
      [orgAdmin, true],
      [editor, false],
      [stranger, false],
      [null, false],
    ] as const) {
      const c = await comment(commenter, orgUpdate);
      const before = await count(orgUpdate);
      const r = await stack.gql(DELETE_COMMENT, { id: c }, who?.token);
      if (allowed) {
        expect(r.data?.deleteComment).toBe(true);
        expect(await count(orgUpdate)).toBe(before - 1);
        expect((await stack.gql(DELETE_COMMENT, { id: c }, who.token)).codes).toEqual([
          'NOT_FOUND',
        ]);
      } else {
        expect(r.codes).toEqual([who ? 'FORBIDDEN' : 'UNAUTHENTICATED']);
        expect(await count(orgUpdate)).toBe(before);
      }
    }
    // On a personal update, organization roles mean nothing.
    const c = await comment(commenter, personal);
    expect((await stack.gql(DELETE_COMMENT, { id: c }, owner.token)).codes).toEqual(['FORBIDDEN']);
    expect((await ok(DELETE_COMMENT, { id: c }, author.token)).deleteComment).toBe(true);
    expect((await ok(UPDATE, { id: personal }, author.token)).update.comments.nodes).toEqual([]);

    // Updates: EDITOR, stranger and anonymous cannot delete another's; OWNER/ADMIN and the author can.
    const updates = await Promise.all([
      post(author, { organizationId: org }),
      post(author, { organizationId: org }),
      post(author, { organizationId: org }),
    ]);
    expect((await stack.gql(DELETE_UPDATE, { id: updates[0] }, editor.token)).codes).toEqual([
      'FORBIDDEN',
    ]);
    expect((await stack.gql(DELETE_UPDATE, { id: updates[0] }, stranger.token)).codes).toEqual([
      'FORBIDDEN',
    ]);
    expect((await stack.gql(DELETE_UPDATE, { id: updates[0] }, commenter.token)).codes).toEqual([
      'FORBIDDEN',
    ]);
    expect((await stack.gql(DELETE_UPDATE, { id: updates[0] })).codes).toEqual(['UNAUTHENTICATED']);
    expect((await stack.gql(DELETE_UPDATE, { id: personal }, owner.token)).codes).toEqual([
      'FORBIDDEN',
    ]);
    for (const [u, who] of [
      [updates[0], owner],
      [updates[1], orgAdmin],
      [updates[2], author],
    ] as const) {
      expect((await ok(DELETE_UPDATE, { id: u }, who.token)).deleteUpdate).toBe(true);
      expect((await ok(UPDATE, { id: u }, owner.token)).update).toBeNull();
    }
  });

  it('stores reports once per reporter and subject; platform admins list and resolve them; HIDE hides everywhere', async () => {
    const [author, reporter, other, troll] = await Promise.all(
      ['aut', 'rep', 'oth', 'trl'].map((p) => signUpPerson(stack, p)),
    );
    const org = await createOrg(author);
    const u = await post(author, { organizationId: org });
    const keep = await post(author);
    const personal = await post(author);
    const bad = await comment(troll, keep, 'buy cheap watches');
    await comment(other, keep, 'thanks');

    const rep = (subject: string, id: string, by = reporter, reason = 'spam') =>
      stack.gql(REPORT, { i: { subject, id, reason } }, by.token);
    expect((await rep('UPDATE', u)).data?.report).toBe(true);
    expect((await rep('UPDATE', u)).data?.report).toBe(true);
    expect((await rep('UPDATE', u, other)).data?.report).toBe(true);
    expect((await rep('COMMENT', bad)).data?.report).toBe(true);
    expect((await rep('USER', troll.id)).data?.report).toBe(true);
    expect((await rep('ORGANIZATION', org)).data?.report).toBe(true);
    expect((await rep('USER', '00000000-0000-0000-0000-000000000000')).codes).toEqual([
      'NOT_FOUND',
    ]);
    expect((await rep('COMMENT', u)).codes).toEqual(['NOT_FOUND']);
    expect((await rep('UPDATE', u, reporter, '')).codes).toEqual(['BAD_USER_INPUT']);
    expect(
      (await stack.gql(REPORT, { i: { subject: 'UPDATE', id: u, reason: 'x' } })).codes,
    ).toEqual(['UNAUTHENTICATED']);

    expect((await stack.gql(REPORTS, {}, reporter.token)).codes).toEqual(['FORBIDDEN']);
    expect((await stack.gql(REPORTS, {})).codes).toEqual(['UNAUTHENTICATED']);
    const open = (await ok(REPORTS, {}, admin.token)).reports.nodes as ReportNode[];
    const mine = open.filter((r) => [u, bad, troll.id, org].includes(r.subjectId));
    expect(mine.map((r) => `${r.subject}:${r.reporter.id === reporter.id ? 'r' : 'o'}`)).toEqual([
      'UPDATE:r',
      'UPDATE:o',
      'COMMENT:r',
      'USER:r',
      'ORGANIZATION:r',
    ]);
    const idOf = (subjectId: string) => mine.find((r) => r.subjectId === subjectId)!.id;

    expect((await stack.gql(RESOLVE, { id: idOf(u), a: 'HIDE' }, reporter.token)).codes).toEqual([
      'FORBIDDEN',
    ]);
    expect(
      (await stack.gql(RESOLVE, { id: idOf(troll.id), a: 'HIDE' }, admin.token)).codes,
    ).toEqual(['BAD_USER_INPUT']);
    expect((await ok(RESOLVE, { id: idOf(u), a: 'HIDE' }, admin.token)).resolveReport).toEqual({
      id: idOf(u),
      status: 'RESOLVED',
      action: 'HIDE',
    });
    expect((await stack.gql(RESOLVE, { id: idOf(u), a: 'DISMISS' }, admin.token)).codes).toEqual([
      'CONFLICT',
    ]);
    expect(
      (await ok(RESOLVE, { id: idOf(bad), a: 'HIDE' }, admin.token)).resolveReport.status,
    ).toBe('RESOLVED');
    expect(
      (await ok(RESOLVE, { id: idOf(troll.id), a: 'DISMISS' }, admin.token)).resolveReport.action,
    ).toBe('DISMISS');
    const stillOpen = ((await ok(REPORTS, {}, admin.token)).reports.nodes as ReportNode[]).map(
      (r) => r.subjectId,
    );
    expect(stillOpen).toEqual(expect.arrayContaining([org]));
    expect(stillOpen).not.toEqual(expect.arrayContaining([u])); // the other reporter's report closed with it
    const resolved = (
      (await ok(REPORTS, { s: 'RESOLVED' }, admin.token)).reports.nodes as ReportNode[]
    ).filter((r) => r.subjectId === u);
    expect(resolved).toHaveLength(2);
    // The reporter may report the same subject again once the first report is closed.
    expect((await rep('USER', troll.id)).data?.report).toBe(true);

    // The hidden update: gone from update(id) and from the organization's and person's pages, for everyone.
    for (const token of [undefined, author.token, other.token]) {
      expect((await stack.gql(UPDATE, { id: u }, token)).data.update).toBeNull();
      const pages = await stack.gql(
        `query($h: String!, $id: ID!) { user(handle: $h) { updates(first: 50) { nodes { id } } } update(id: $id) { id } }`,
        { h: author.handle, id: personal },
        token,
      );
      expect(pages.data.user.updates.nodes.map((x: { id: string }) => x.id)).toEqual([
        personal,
        keep,
      ]);
    }
    const slugOf = (
      await stack.dataSource.query('SELECT slug FROM organizations WHERE id = $1', [org])
    )[0].slug;
    expect(
      (
        await ok(`query($s: String!) { organization(slug: $s) { updates { nodes { id } } } }`, {
          s: slugOf,
        })
      ).organization.updates.nodes,
    ).toEqual([]);
    expect((await stack.gql(COMMENT, { u, b: 'hello?' }, other.token)).codes).toEqual([
      'NOT_FOUND',
    ]);
    expect((await stack.gql(REACT, { u }, other.token)).codes).toEqual(['NOT_FOUND']);
    // The hidden comment: gone from Update.comments and from commentCount.
    const k = (await ok(UPDATE, { id: keep }, other.token)).update;
    expect(k.comments.nodes.map((c: { body: string }) => c.body)).toEqual(['thanks']);
    expect(k.commentCount).toBe(1);
    expect((await stack.gql(DELETE_COMMENT, { id: bad }, troll.token)).codes).toEqual([
      'NOT_FOUND',
    ]);
  });

  it('blocks: hides the blocked person’s updates and comments, forbids follows, comments and reactions, removes follows both ways', async () => {
    const [a, b, c] = await Promise.all(['bka', 'bkb', 'bkc'].map((p) => signUpPerson(stack, p)));
    await ok(FOLLOW_USER, { id: a.id }, b.token);
    await ok(FOLLOW_USER, { id: b.id }, a.token);
    const aUpdate = await post(a);
    const bUpdate = await post(b);
    const cUpdate = await post(c);
    await comment(b, cUpdate, 'from b');
    await comment(c, cUpdate, 'from c');
    await ok(REACT, { u: aUpdate }, b.token);

    expect((await stack.gql(BLOCK, { id: a.id }, a.token)).codes).toEqual(['BAD_USER_INPUT']);
    expect(
      (await stack.gql(BLOCK, { id: '00000000-0000-0000-0000-000000000000' }, a.token)).codes,
    ).toEqual(['NOT_FOUND']);
    expect((await stack.gql(BLOCK, { id: b.id })).codes).toEqual(['UNAUTHENTICATED']);
    expect((await ok(BLOCK, { id: b.id }, a.token)).blockUser).toBe(true);
    expect((await ok(BLOCK, { id: b.id }, a.token)).blockUser).toBe(true);

    // Follows either way are gone, with exact counts.
    const counts = async (p: TestPerson) =>
      (
        await ok(`query($h: String!) { user(handle: $h) { followerCount followingCount } }`, {
          h: p.handle,
        })
      ).user;
    expect(await counts(a)).toEqual({ followerCount: 0, followingCount: 0 });
    expect(await counts(b)).toEqual({ followerCount: 0, followingCount: 0 });
    // Neither may follow the other.
    expect((await stack.gql(FOLLOW_USER, { id: a.id }, b.token)).codes).toEqual(['FORBIDDEN']);
    expect((await stack.gql(FOLLOW_USER, { id: b.id }, a.token)).codes).toEqual(['FORBIDDEN']);
    // B cannot comment on or react to A's updates (nor A on B's).
    expect((await stack.gql(COMMENT, { u: aUpdate, b: 'hey' }, b.token)).codes).toEqual([
      'FORBIDDEN',
    ]);
    expect((await stack.gql(REACT, { u: aUpdate }, b.token)).codes).toEqual(['FORBIDDEN']);
    expect((await stack.gql(COMMENT, { u: bUpdate, b: 'hey' }, a.token)).codes).toEqual([
      'FORBIDDEN',
    ]);
    // B's updates and comments never appear to A; others still see them.
    expect((await ok(UPDATE, { id: bUpdate }, a.token)).update).toBeNull();
    expect(
      (
        await ok(
          `query($h: String!) { user(handle: $h) { updates { nodes { id } } } }`,
          { h: b.handle },
          a.token,
        )
      ).user.updates.nodes,
    ).toEqual([]);
    expect(
      (await ok(UPDATE, { id: cUpdate }, a.token)).update.comments.nodes.map(
        (x: { body: string }) => x.body,
      ),
    ).toEqual(['from c']);
    expect(
      (await ok(UPDATE, { id: cUpdate }, c.token)).update.comments.nodes.map(
        (x: { body: string }) => x.body,
      ),
    ).toEqual(['from b', 'from c']);
    expect((await ok(UPDATE, { id: bUpdate }, c.token)).update.id).toBe(bUpdate);
    // B taking back an earlier reaction is still allowed.
    expect((await ok(UNREACT, { u: aUpdate }, b.token)).unreact).toMatchObject({
      reactionCount: 0,
    });

    // Unblocking allows following again; the removed follows stay removed.
    expect((await ok(UNBLOCK, { id: b.id }, a.token)).unblockUser).toBe(true);
    expect((await ok(UNBLOCK, { id: b.id }, a.token)).unblockUser).toBe(true);
    expect(await counts(a)).toEqual({ followerCount: 0, followingCount: 0 });
    expect((await ok(FOLLOW_USER, { id: a.id }, b.token)).followUser).toMatchObject({
      followerCount: 1,
    });
    expect((await ok(UPDATE, { id: bUpdate }, a.token)).update.id).toBe(bUpdate);
  });

  it('keeps follows and blocks consistent when they race', async () => {
    const pairs = await Promise.all(
      Array.from(
        { length: 8 },
        async () => [await signUpPerson(stack, 'rca'), await signUpPerson(stack, 'rcb')] as const,
      ),
    );
    await Promise.all(
      pairs.flatMap(([a, b]) => [
        stack.gql(BLOCK, { id: b.id }, a.token),
        stack.gql(FOLLOW_USER, { id: a.id }, b.token),
        stack.gql(FOLLOW_USER, { id: b.id }, a.token),
      ]),
    );
    const [{ follows }] = await stack.dataSource.query(
      'SELECT count(*)::int AS follows FROM follows f JOIN user_blocks b ON (f.follower_id = b.blocker_id AND f.source_id = b.blocked_id) OR (f.follower_id = b.blocked_id AND f.source_id = b.blocker_id)',
    );
    expect(follows).toBe(0);
    const [{ drift }] = await stack.dataSource.query(
      `SELECT count(*)::int AS drift FROM users u WHERE u.follower_count <> (SELECT count(*) FROM follows f WHERE f.source_kind = 'USER' AND f.source_id = u.id)
          OR u.following_count <> (SELECT count(*) FROM follows f WHERE f.source_kind = 'USER' AND f.follower_id = u.id)`,
    );
    expect(drift).toBe(0);
  });
});
