import {
  grantPlatformAdmin,
  signUpPerson,
  startTestStack,
  TestPerson,
  TestStack,
} from '@causeway/testing';

/**
 * The authorization matrix: every mutation and viewer-only field, asked by each kind of person,
 * against the policy below (`ok`, or the error code the contract gives). Each case gets fresh
 * subjects (its own update, pledge, member...), so no case depends on another's outcome.
 */
type Actor = 'anonymous' | 'stranger' | 'editor' | 'admin' | 'owner' | 'blocked' | 'platformAdmin';
type Outcome = 'ok' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'BAD_USER_INPUT';
const ACTORS: Actor[] = [
  'anonymous',
  'stranger',
  'editor',
  'admin',
  'owner',
  'blocked',
  'platformAdmin',
];

/** Shorthands: who may, everyone else signed in is FORBIDDEN, anonymous is UNAUTHENTICATED. */
const only = (...allowed: Actor[]): Record<Actor, Outcome> =>
  Object.fromEntries(
    ACTORS.map((a) => [
      a,
      a === 'anonymous' ? 'UNAUTHENTICATED' : allowed.includes(a) ? 'ok' : 'FORBIDDEN',
    ]),
  ) as Record<Actor, Outcome>;
const SIGNED_IN = only('stranger', 'editor', 'admin', 'owner', 'blocked', 'platformAdmin');
const NOT_BLOCKED = only('stranger', 'editor', 'admin', 'owner', 'platformAdmin');
const PUBLISHERS = only('editor', 'admin', 'owner');
const MANAGERS = only('admin', 'owner');
const PLATFORM = only('platformAdmin');

interface Case {
  name: string;
  policy: Record<Actor, Outcome>;
  /** Makes the case's own subjects and returns the operation to send. */
  run():
    | { query: string; variables?: Record<string, unknown> }
    | Promise<{ query: string; variables?: Record<string, unknown> }>;
}

describe('authorization matrix (every mutation and viewer-only field, by who asks)', () => {
  let stack: TestStack;
  const people = {} as Record<Exclude<Actor, 'anonymous'>, TestPerson> & {
    pledger: TestPerson;
    commenter: TestPerson;
  };
  let orgId: string;
  let orgSlug: string;
  let campaignId: string;
  let seq = 0;
  const fresh = (p: string) => `${p}${Date.now().toString(36)}${seq++}`;
  const as = (who: TestPerson, query: string, variables: Record<string, unknown> = {}) =>
    stack.gql(query, variables, who.token);
  const must = async (p: ReturnType<typeof as>) => {
    const r = await p;
    if (r.errors) throw new Error(`setup failed: ${JSON.stringify(r.errors)}`);
    return r.data;
  };
  const orgUpdate = async (by: TestPerson = people.owner) =>
    (
      await must(
        as(by, 'mutation($i: PostUpdateInput!) { postUpdate(input: $i) { id } }', {
          i: { body: `update ${seq++}`, organizationId: orgId },
        }),
      )
    ).postUpdate.id as string;
  const pledge = async () =>
    (
      await must(
        as(people.pledger, 'mutation($i: PledgeInput!) { pledge(input: $i) { id } }', {
          i: { campaignId, amount: '5', idempotencyKey: fresh('k') },
        }),
      )
    ).pledge.id as string;
  const addMember = async (role: string) => {
    const p = await signUpPerson(stack, 'mem');
    await must(
      as(
        people.owner,
        'mutation($o: ID!, $h: String!, $r: OrganizationRole!) { addOrganizationMember(organizationId: $o, userHandle: $h, role: $r) { id } }',
        { o: orgId, h: p.handle, r: role },
      ),
    );
    return p;
  };

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    for (const k of [
      'stranger',
      'editor',
      'admin',
      'owner',
      'blocked',
      'platformAdmin',
      'pledger',
      'commenter',
    ] as const)
      people[k] = await signUpPerson(stack, k.slice(0, 3));
    await grantPlatformAdmin(stack, people.platformAdmin.id);
    orgSlug = fresh('authz-');
    orgId = (
      await must(
        as(
          people.owner,
          'mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id } }',
          { i: { name: 'Authz Org', slug: orgSlug } },
        ),
      )
    ).createOrganization.id;
    for (const [who, role] of [
      [people.admin, 'ADMIN'],
      [people.editor, 'EDITOR'],
    ] as const) {
      await must(
        as(
          people.owner,
          'mutation($o: ID!, $h: String!, $r: OrganizationRole!) { addOrganizationMember(organizationId: $o, userHandle: $h, role: $r) { id } }',
          { o: orgId, h: who.handle, r: role },
        ),
      );
    }
    await must(
      as(people.owner, 'mutation($id: ID!) { blockUser(id: $id) }', { id: people.blocked.id }),
    );
    campaignId = (
      await must(
        as(
          people.owner,
          'mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { id } }',
          {
            i: { organizationId: orgId, title: 'Authz', goalKind: 'ACTION', goalAmount: '1000000' },
          },
        ),
      )
    ).createCampaign.id;
  }, 60_000);
  afterAll(() => stack?.close());

  const CASES: Case[] = [
    {
      name: 'createOrganization',
      policy: SIGNED_IN,
      run: () => ({
        query: 'mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id } }',
        variables: { i: { name: 'New Org', slug: fresh('new-') } },
      }),
    },
    {
      name: 'updateOrganization',
      policy: MANAGERS,
      run: () => ({
        query:
          'mutation($id: ID!) { updateOrganization(id: $id, input: { mission: "Wells for all" }) { id } }',
        variables: { id: orgId },
      }),
    },
    {
      name: 'addOrganizationMember',
      policy: MANAGERS,
      run: async () => ({
        query:
          'mutation($o: ID!, $h: String!) { addOrganizationMember(organizationId: $o, userHandle: $h, role: EDITOR) { id } }',
        variables: { o: orgId, h: (await signUpPerson(stack, 'add')).handle },
      }),
    },
    {
      name: 'removeOrganizationMember (an EDITOR)',
      policy: MANAGERS,
      run: async () => ({
        query:
          'mutation($o: ID!, $u: ID!) { removeOrganizationMember(organizationId: $o, userId: $u) { id } }',
        variables: { o: orgId, u: (await addMember('EDITOR')).id },
      }),
    },
    {
      name: 'verifyOrganization',
      policy: PLATFORM,
      run: () => ({
        query: 'mutation($id: ID!) { verifyOrganization(id: $id) { id } }',
        variables: { id: orgId },
      }),
    },
    {
      name: 'createCause',
      policy: PLATFORM,
      run: () => ({
        query: 'mutation($i: CreateCauseInput!) { createCause(input: $i) { id } }',
        variables: { i: { name: 'New cause', slug: fresh('cause-') } },
      }),
    },
    {
      name: 'postUpdate for the organization',
      policy: PUBLISHERS,
      run: () => ({
        query:
          'mutation($o: ID!) { postUpdate(input: { body: "News", organizationId: $o }) { id } }',
        variables: { o: orgId },
      }),
    },
    {
      name: 'postUpdate (personal)',
      policy: SIGNED_IN,
      run: () => ({ query: 'mutation { postUpdate(input: { body: "My news" }) { id } }' }),
    },
    {
      name: "deleteUpdate (an EDITOR's update)",
      policy: only('editor', 'admin', 'owner'),
      run: async () => ({
        query: 'mutation($id: ID!) { deleteUpdate(id: $id) }',
        variables: { id: await orgUpdate(people.editor) },
      }),
    },
    {
      name: 'createCampaign',
      policy: PUBLISHERS,
      run: () => ({
        query:
          'mutation($o: ID!) { createCampaign(input: { organizationId: $o, title: "More", goalKind: ACTION, goalAmount: "10" }) { id } }',
        variables: { o: orgId },
      }),
    },
    {
      name: 'pledge',
      policy: SIGNED_IN,
      run: () => ({
        query: 'mutation($i: PledgeInput!) { pledge(input: $i) { id } }',
        variables: { i: { campaignId, amount: '1', idempotencyKey: fresh('p') } },
      }),
    },
    {
      name: "markPledgeFulfilled (someone's pledge)",
      policy: MANAGERS,
      run: async () => ({
        query: 'mutation($id: ID!) { markPledgeFulfilled(id: $id) { id } }',
        variables: { id: await pledge() },
      }),
    },
    {
      name: "cancelPledge (someone else's pledge)",
      policy: only(),
      run: async () => ({
        query: 'mutation($id: ID!) { cancelPledge(id: $id) { id } }',
        variables: { id: await pledge() },
      }),
    },
    {
      name: 'followOrganization',
      policy: SIGNED_IN,
      run: () => ({
        query: 'mutation($id: ID!) { followOrganization(id: $id) { id } }',
        variables: { id: orgId },
      }),
    },
    {
      name: 'followUser (the pledger)',
      policy: SIGNED_IN,
      run: () => ({
        query: 'mutation($id: ID!) { followUser(id: $id) { id } }',
        variables: { id: people.pledger.id },
      }),
    },
    {
      name: 'followUser (the OWNER, who blocked one person)',
      policy: { ...NOT_BLOCKED, owner: 'BAD_USER_INPUT' /* following oneself */ },
      run: () => ({
        query: 'mutation($id: ID!) { followUser(id: $id) { id } }',
        variables: { id: people.owner.id },
      }),
    },
    {
      name: "addComment (the OWNER's update)",
      policy: NOT_BLOCKED,
      run: async () => ({
        query: 'mutation($u: ID!) { addComment(updateId: $u, body: "Nice") { id } }',
        variables: { u: await orgUpdate() },
      }),
    },
    {
      name: "react (the OWNER's update)",
      policy: NOT_BLOCKED,
      run: async () => ({
        query: 'mutation($u: ID!) { react(updateId: $u) { id } }',
        variables: { u: await orgUpdate() },
      }),
    },
    {
      name: "deleteComment (someone's comment on the OWNER's update)",
      policy: only('admin', 'owner'),
      run: async () => {
        const u = await orgUpdate();
        const c = (
          await must(
            as(
              people.commenter,
              'mutation($u: ID!) { addComment(updateId: $u, body: "hi") { id } }',
              { u },
            ),
          )
        ).addComment.id;
        return { query: 'mutation($id: ID!) { deleteComment(id: $id) }', variables: { id: c } };
      },
    },
    {
      name: 'report (an update)',
      policy: SIGNED_IN,
      run: async () => ({
        query: 'mutation($id: ID!) { report(input: { subject: UPDATE, id: $id, reason: "spam" }) }',
        variables: { id: await orgUpdate() },
      }),
    },
    {
      name: 'resolveReport',
      policy: PLATFORM,
      run: async () => {
        await must(
          as(
            people.stranger,
            'mutation($id: ID!) { report(input: { subject: UPDATE, id: $id, reason: "spam" }) }',
            { id: await orgUpdate() },
          ),
        );
        const reports = await must(
          as(people.platformAdmin, '{ reports(first: 100) { nodes { id } } }'),
        );
        return {
          query: 'mutation($id: ID!) { resolveReport(id: $id, action: DISMISS) { id } }',
          variables: { id: reports.reports.nodes.at(-1).id },
        };
      },
    },
    {
      name: 'blockUser',
      policy: SIGNED_IN,
      run: async () => ({
        query: 'mutation($id: ID!) { blockUser(id: $id) }',
        variables: { id: (await signUpPerson(stack, 'blk')).id },
      }),
    },
    {
      name: 'updateProfile',
      policy: SIGNED_IN,
      run: () => ({ query: 'mutation { updateProfile(input: { bio: "Hello" }) { id } }' }),
    },
    {
      name: 'markNotificationsRead',
      policy: SIGNED_IN,
      run: () => ({ query: 'mutation { markNotificationsRead }' }),
    },
    {
      name: 'feed',
      policy: SIGNED_IN,
      run: () => ({ query: '{ feed(first: 1) { nodes { id } } }' }),
    },
    {
      name: 'notifications',
      policy: SIGNED_IN,
      run: () => ({ query: '{ notifications(first: 1) { nodes { id } } }' }),
    },
    {
      name: 'reports',
      policy: PLATFORM,
      run: () => ({ query: '{ reports(first: 1) { nodes { id } } }' }),
    },
    {
      name: "Campaign.pledges (the organization's members only)",
      policy: { ...PUBLISHERS, anonymous: 'FORBIDDEN' },
      run: () => ({
        query: 'query($id: ID!) { campaign(id: $id) { pledges(first: 1) { nodes { id } } } }',
        variables: { id: campaignId },
      }),
    },
  ];

  it.each(
    CASES.flatMap((c) => ACTORS.map((actor) => [c.name, actor, c.policy[actor], c] as const)),
  )('%s by %s: %s', async (_name, actor, expected, c) => {
    const { query, variables } = await c.run();
    const r = await stack.gql(
      query,
      variables,
      actor === 'anonymous' ? undefined : people[actor].token,
    );
    expect(r.errors ? r.codes[0] : 'ok').toBe(expected);
  });
});
