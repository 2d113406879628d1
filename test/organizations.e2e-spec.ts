import {
  ConnectionPage,
  eventually,
  grantPlatformAdmin,
  ParsedJson,
  signUpPerson,
  startTestStack,
  TestPerson,
  TestStack,
} from '@causeway/testing';

const CREATE_ORG = `mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id slug verified viewerRole causes { slug } } }`;
const UPDATE_ORG = `mutation($id: ID!, $i: UpdateOrganizationInput!) { updateOrganization(id: $id, input: $i) { mission } }`;
const ADD = `mutation($o: ID!, $h: String!, $r: OrganizationRole!) { addOrganizationMember(organizationId: $o, userHandle: $h, role: $r) { members { role user { id } } } }`;
const REMOVE = `mutation($o: ID!, $u: ID!) { removeOrganizationMember(organizationId: $o, userId: $u) { members { role user { id } } } }`;
const VERIFY = `mutation($id: ID!) { verifyOrganization(id: $id) { verified } }`;
const FOLLOW_ORG = `mutation($id: ID!) { followOrganization(id: $id) { followerCount viewerIsFollowing } }`;
const UNFOLLOW_ORG = `mutation($id: ID!) { unfollowOrganization(id: $id) { followerCount viewerIsFollowing } }`;
let n = 0;
const slug = (p = 'org') => `${p}-${Date.now().toString(36)}-${n++}`;

/** Walks a connection page by page and returns every node's key. */
async function walk(
  stack: TestStack,
  query: string,
  pick: (data: ParsedJson) => ConnectionPage,
  vars: Record<string, unknown> = {},
  token?: string,
  first = 2,
) {
  const seen: string[] = [];
  let after: string | null = null;
  for (let i = 0; i < 500; i++) {
    const r = await stack.gql(query, { ...vars, first, after }, token);
    expect(r.errors).toBeNull();
    const conn = pick(r.data);
    expect(conn.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(
      conn.nodes.map((x: { id: string }) => x.id),
    );
    seen.push(...conn.nodes.map((x: { id: string }) => x.id));
    if (!conn.pageInfo.hasNextPage) return seen;
    after = conn.pageInfo.endCursor;
  }
  throw new Error('too many pages');
}
const PAGE = 'edges { cursor node { id } } nodes { id } pageInfo { hasNextPage endCursor }';

describe('causes, organizations and follows (end to end)', () => {
  let stack: TestStack;
  let owner: TestPerson;
  let admin: TestPerson;
  beforeAll(async () => {
    stack = await startTestStack({ worker: true });
    [owner, admin] = await Promise.all([signUpPerson(stack, 'own'), signUpPerson(stack, 'adm')]);
    await grantPlatformAdmin(stack, admin.id);
  });
  afterAll(() => stack?.close());

  const createOrg = async (by: TestPerson, input: Record<string, unknown> = {}) => {
    const r = await stack.gql(
      CREATE_ORG,
      { i: { name: 'River Trust', slug: slug(), ...input } },
      by.token,
    );
    expect(r.errors).toBeNull();
    return r.data.createOrganization as { id: string; slug: string; causes: { slug: string }[] };
  };

  it('ships the starter taxonomy with education > girls-education; only platform admins create causes', async () => {
    const all = await stack.gql(`{ causes(first: 100) { nodes { slug description } } }`);
    const slugs = all.data.causes.nodes.map((c: { slug: string }) => c.slug);
    for (const s of [
      'education',
      'climate',
      'health',
      'hunger',
      'poverty',
      'human-rights',
      'animals',
      'environment',
      'water',
      'refugees',
      'gender-equality',
      'disaster-relief',
    ]) {
      expect(slugs).toContain(s);
    }
    expect(
      all.data.causes.nodes.every((c: { description: string }) => c.description.length > 0),
    ).toBe(true);
    const ge = await stack.gql(
      `{ cause(slug: "girls-education") { parent { slug } } education: cause(slug: "education") { children { slug } parent { slug } } }`,
    );
    expect(ge.data.cause.parent.slug).toBe('education');
    expect(ge.data.education.children.map((c: { slug: string }) => c.slug)).toContain(
      'girls-education',
    );
    expect(ge.data.education.parent).toBeNull();

    const CREATE = `mutation($i: CreateCauseInput!) { createCause(input: $i) { slug parent { slug } } }`;
    const input = { slug: slug('ocean-plastic'), name: 'Ocean plastic', parentSlug: 'oceans' };
    expect((await stack.gql(CREATE, { i: input })).codes).toEqual(['UNAUTHENTICATED']);
    expect((await stack.gql(CREATE, { i: input }, owner.token)).codes).toEqual(['FORBIDDEN']);
    const made = await stack.gql(CREATE, { i: input }, admin.token);
    expect(made.data.createCause).toEqual({ slug: input.slug, parent: { slug: 'oceans' } });
    expect((await stack.gql(CREATE, { i: input }, admin.token)).codes).toEqual(['CONFLICT']);
    expect(
      (
        await stack.gql(
          CREATE,
          { i: { ...input, slug: slug('x'), parentSlug: 'no-such-cause' } },
          admin.token,
        )
      ).codes,
    ).toEqual(['BAD_USER_INPUT']);
    expect(
      (await stack.gql(CREATE, { i: { ...input, slug: 'Bad Slug!' } }, admin.token)).codes,
    ).toEqual(['BAD_USER_INPUT']);
  });

  it('creates organizations with their causes; slugs are unique; input is validated', async () => {
    const org = await createOrg(owner, {
      causeSlugs: ['water', 'health'],
      websiteUrl: 'https://river.example.org',
    });
    expect(org).toMatchObject({ verified: false, viewerRole: 'OWNER' });
    expect(org.causes.map((c) => c.slug).sort()).toEqual(['health', 'water']);
    expect(
      (await stack.gql(CREATE_ORG, { i: { name: 'Dupe', slug: org.slug } }, admin.token)).codes,
    ).toEqual(['CONFLICT']);
    const bad = await stack.gql(
      CREATE_ORG,
      {
        i: {
          name: ' ',
          slug: slug(),
          websiteUrl: 'javascript:alert(1)',
          causeSlugs: ['no-such-cause'],
        },
      },
      owner.token,
    );
    expect(bad.codes).toEqual(['BAD_USER_INPUT']);
    expect(Object.keys(bad.errors![0].extensions!.fields as object).sort()).toEqual([
      'name',
      'websiteUrl',
    ]);
    const unknownCause = await stack.gql(
      CREATE_ORG,
      { i: { name: 'X', slug: slug(), causeSlugs: ['no-such-cause'] } },
      owner.token,
    );
    expect(unknownCause.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { causeSlugs: expect.any(String) },
    });
    expect((await stack.gql(CREATE_ORG, { i: { name: 'A', slug: slug() } })).codes).toEqual([
      'UNAUTHENTICATED',
    ]);
  });

  it('enforces the permission matrix of organization mutations', async () => {
    const org = await createOrg(owner);
    const [editor, orgAdmin, stranger, target, target2] = await Promise.all(
      ['edt', 'oad', 'str', 'tgt', 'tg2'].map((p) => signUpPerson(stack, p)),
    );
    expect(
      (await stack.gql(ADD, { o: org.id, h: editor.handle, r: 'EDITOR' }, owner.token)).errors,
    ).toBeNull();
    expect(
      (await stack.gql(ADD, { o: org.id, h: orgAdmin.handle, r: 'ADMIN' }, owner.token)).errors,
    ).toBeNull();
    const actors: [string, TestPerson | null][] = [
      ['anonymous', null],
      ['stranger', stranger],
      ['EDITOR', editor],
      ['platform admin', admin],
      ['ADMIN', orgAdmin],
      ['OWNER', owner],
    ];
    const codeOf = (r: { codes: string[]; errors: unknown }) => (r.errors ? r.codes[0] : 'ok');
    const matrix: Record<string, Record<string, string>> = {};
    for (const [name, who] of actors) {
      const t = who?.token;
      matrix[name] = {
        update: codeOf(
          await stack.gql(UPDATE_ORG, { id: org.id, i: { mission: `by ${name}` } }, t),
        ),
        addEditor: codeOf(await stack.gql(ADD, { o: org.id, h: target.handle, r: 'EDITOR' }, t)),
        grantOwner: codeOf(await stack.gql(ADD, { o: org.id, h: target2.handle, r: 'OWNER' }, t)),
        removeEditor: codeOf(await stack.gql(REMOVE, { o: org.id, u: target.id }, t)),
        verify: codeOf(await stack.gql(VERIFY, { id: org.id }, t)),
      };
      // Reset what succeeded so every actor meets the same state.
      if (matrix[name].grantOwner === 'ok')
        await stack.gql(REMOVE, { o: org.id, u: target2.id }, owner.token);
    }
    expect(matrix).toEqual({
      anonymous: {
        update: 'UNAUTHENTICATED',
        addEditor: 'UNAUTHENTICATED',
        grantOwner: 'UNAUTHENTICATED',
        removeEditor: 'UNAUTHENTICATED',
        verify: 'UNAUTHENTICATED',
      },
      stranger: {
        update: 'FORBIDDEN',
        addEditor: 'FORBIDDEN',
        grantOwner: 'FORBIDDEN',
        removeEditor: 'FORBIDDEN',
        verify: 'FORBIDDEN',
      },
      EDITOR: {
        update: 'FORBIDDEN',
        addEditor: 'FORBIDDEN',
        grantOwner: 'FORBIDDEN',
        removeEditor: 'FORBIDDEN',
        verify: 'FORBIDDEN',
      },
      'platform admin': {
        update: 'FORBIDDEN',
        addEditor: 'FORBIDDEN',
        grantOwner: 'FORBIDDEN',
        removeEditor: 'FORBIDDEN',
        verify: 'ok',
      },
      ADMIN: {
        update: 'ok',
        addEditor: 'ok',
        grantOwner: 'FORBIDDEN',
        removeEditor: 'ok',
        verify: 'FORBIDDEN',
      },
      OWNER: {
        update: 'ok',
        addEditor: 'ok',
        grantOwner: 'ok',
        removeEditor: 'ok',
        verify: 'FORBIDDEN',
      },
    });
    // An ADMIN cannot remove or demote an OWNER; a member may leave; unknown people are NOT_FOUND.
    expect((await stack.gql(REMOVE, { o: org.id, u: owner.id }, orgAdmin.token)).codes).toEqual([
      'FORBIDDEN',
    ]);
    expect(
      (await stack.gql(ADD, { o: org.id, h: owner.handle, r: 'EDITOR' }, orgAdmin.token)).codes,
    ).toEqual(['FORBIDDEN']);
    expect(
      (await stack.gql(ADD, { o: org.id, h: 'nobody_at_all', r: 'EDITOR' }, owner.token)).codes,
    ).toEqual(['NOT_FOUND']);
    expect((await stack.gql(REMOVE, { o: org.id, u: stranger.id }, owner.token)).codes).toEqual([
      'NOT_FOUND',
    ]);
    expect((await stack.gql(REMOVE, { o: org.id, u: editor.id }, editor.token)).errors).toBeNull();
    const roles = await stack.gql(
      `query($s: String!) { organization(slug: $s) { viewerRole members { role user { id } } } }`,
      { s: org.slug },
      orgAdmin.token,
    );
    expect(roles.data.organization.viewerRole).toBe('ADMIN');
    expect(roles.data.organization.members.map((m: { role: string }) => m.role)).toEqual([
      'OWNER',
      'ADMIN',
    ]);
    const mine = await stack.gql(
      `{ viewer { organizations { role organization { id } } } }`,
      {},
      orgAdmin.token,
    );
    expect(mine.data.viewer.organizations).toEqual([
      { role: 'ADMIN', organization: { id: org.id } },
    ]);
    // Verification is idempotent and emits one event.
    expect(
      (await stack.gql(VERIFY, { id: org.id }, admin.token)).data.verifyOrganization.verified,
    ).toBe(true);
    const events = await stack.dataSource.query(
      `SELECT type FROM outbox_events WHERE payload->>'organizationId' = $1 ORDER BY id`,
      [org.id],
    );
    expect(
      events
        .map((e: { type: string }) => e.type)
        .filter((t: string) => t === 'organization-verified'),
    ).toHaveLength(1);
    expect(
      events.filter((e: { type: string }) => e.type === 'membership-granted').length,
    ).toBeGreaterThanOrEqual(3);
  });

  it('never loses the last OWNER, also when two owners demote each other at the same moment', async () => {
    const org = await createOrg(owner);
    expect((await stack.gql(REMOVE, { o: org.id, u: owner.id }, owner.token)).codes).toEqual([
      'CONFLICT',
    ]);
    expect(
      (await stack.gql(ADD, { o: org.id, h: owner.handle, r: 'ADMIN' }, owner.token)).codes,
    ).toEqual(['CONFLICT']);
    const ownersOf = async (id: string) =>
      (
        await stack.dataSource.query(
          `SELECT count(*)::int AS n FROM organization_members WHERE organization_id = $1 AND role = 'OWNER'`,
          [id],
        )
      )[0].n;
    for (let round = 0; round < 4; round++) {
      const o = await createOrg(owner);
      const other = await signUpPerson(stack, 'co');
      await stack.gql(ADD, { o: o.id, h: other.handle, r: 'OWNER' }, owner.token);
      // Each demotes the other: the second no longer holds OWNER when its turn comes.
      const mutual = await Promise.all([
        stack.gql(ADD, { o: o.id, h: other.handle, r: 'ADMIN' }, owner.token),
        stack.gql(ADD, { o: o.id, h: owner.handle, r: 'ADMIN' }, other.token),
      ]);
      expect(mutual.filter((r) => r.errors === null)).toHaveLength(1);
      expect(await ownersOf(o.id)).toBe(1);
      // Both step down (or leave) at once: exactly one may, the other is the last OWNER.
      await stack.gql(ADD, { o: o.id, h: other.handle, r: 'OWNER' }, owner.token);
      await stack.gql(ADD, { o: o.id, h: owner.handle, r: 'OWNER' }, other.token);
      expect(await ownersOf(o.id)).toBe(2);
      const selves = await Promise.all(
        round % 2 === 0
          ? [
              stack.gql(ADD, { o: o.id, h: owner.handle, r: 'EDITOR' }, owner.token),
              stack.gql(ADD, { o: o.id, h: other.handle, r: 'EDITOR' }, other.token),
            ]
          : [
              stack.gql(REMOVE, { o: o.id, u: owner.id }, owner.token),
              stack.gql(REMOVE, { o: o.id, u: other.id }, other.token),
            ],
      );
      expect(selves.filter((r) => r.errors === null)).toHaveLength(1);
      expect(selves.flatMap((r) => r.codes)).toEqual(['CONFLICT']);
      expect(await ownersOf(o.id)).toBe(1);
    }
  });

  it('counts follows exactly: 50 concurrent followers, follow twice, unfollow', async () => {
    const org = await createOrg(owner);
    const fans = await Promise.all(Array.from({ length: 50 }, () => signUpPerson(stack, 'fan')));
    const results = await Promise.all(
      fans.map((f) => stack.gql(FOLLOW_ORG, { id: org.id }, f.token)),
    );
    expect(
      results.every((r) => r.errors === null && r.data.followOrganization.viewerIsFollowing),
    ).toBe(true);
    const count = async () =>
      (
        await stack.gql(`query($s: String!) { organization(slug: $s) { followerCount } }`, {
          s: org.slug,
        })
      ).data.organization.followerCount;
    expect(await count()).toBe(50);
    expect(
      (await stack.gql(FOLLOW_ORG, { id: org.id }, fans[0].token)).data.followOrganization,
    ).toEqual({ followerCount: 50, viewerIsFollowing: true });
    await Promise.all(
      fans.slice(0, 10).map((f) => stack.gql(UNFOLLOW_ORG, { id: org.id }, f.token)),
    );
    expect(
      (await stack.gql(UNFOLLOW_ORG, { id: org.id }, fans[0].token)).data.unfollowOrganization,
    ).toEqual({ followerCount: 40, viewerIsFollowing: false });

    // Causes and people count the same way; people also count who they follow.
    const water = (await stack.gql(`{ cause(slug: "water") { id followerCount } }`)).data.cause;
    const fc = await stack.gql(
      `mutation($id: ID!) { followCause(id: $id) { followerCount viewerIsFollowing } }`,
      { id: water.id },
      fans[1].token,
    );
    expect(fc.data.followCause).toEqual({
      followerCount: water.followerCount + 1,
      viewerIsFollowing: true,
    });
    const FU = `mutation($id: ID!) { followUser(id: $id) { followerCount viewerIsFollowing } }`;
    await Promise.all(fans.slice(0, 20).map((f) => stack.gql(FU, { id: owner.id }, f.token)));
    expect((await stack.gql(FU, { id: owner.id }, fans[0].token)).data.followUser).toEqual({
      followerCount: 20,
      viewerIsFollowing: true,
    });
    const me = await stack.gql(`query($h: String!) { user(handle: $h) { followingCount } }`, {
      h: fans[0].handle,
    });
    expect(me.data.user.followingCount).toBe(1);
    expect((await stack.gql(FU, { id: fans[0].id }, fans[0].token)).codes).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(
      (await stack.gql(FU, { id: '00000000-0000-7000-8000-000000000000' }, fans[0].token)).codes,
    ).toEqual(['NOT_FOUND']);
    expect((await stack.gql(FOLLOW_ORG, { id: org.id })).codes).toEqual(['UNAUTHENTICATED']);
    // Each real change is one outbox event, relayed and handled by the worker.
    const [{ followed }] = await stack.dataSource.query(
      `SELECT count(*)::int AS followed FROM outbox_events WHERE type = 'followed' AND payload->>'sourceId' = $1`,
      [org.id],
    );
    expect(followed).toBe(50);
    await stack.drain();
    await eventually(
      async () => {
        const [{ open }] = await stack.dataSource.query(
          `SELECT count(*)::int AS open FROM outbox_events WHERE completed_at IS NULL`,
        );
        return open === 0;
      },
      20_000,
      'every outbox event completed',
    );
  });

  it('searches organizations by mission words, prefixes and cause, through the GIN index', async () => {
    const org = await createOrg(owner, {
      name: 'Delta Wells',
      mission: 'Safe drinking water and sanitation for riverside villages',
      causeSlugs: ['water'],
    });
    const other = await createOrg(owner, {
      name: 'Sanitation First',
      mission: 'Toilets for schools',
      causeSlugs: ['health'],
    });
    const find = async (args: string) =>
      (
        await stack.gql(`{ organizations(first: 20, ${args}) { nodes { id } } }`)
      ).data.organizations.nodes.map((o: { id: string }) => o.id);
    expect(await find('query: "villages sanitation"')).toEqual([org.id]);
    expect(await find('query: "riversi"')).toEqual([org.id]);
    // Name (weight A) ranks above mission (weight B).
    expect((await find('query: "sanitation"')).slice(0, 2)).toEqual([other.id, org.id]);
    expect(await find('causeSlug: "water"')).toContain(org.id);
    expect(await find('causeSlug: "water"')).not.toContain(other.id);
    expect(await find('causeSlug: "no-such-cause"')).toEqual([]);
    const search = await stack.gql(
      `{ search(query: "wat", first: 20) { __typename ... on Organization { id } ... on Cause { slug } ... on User { id } } }`,
    );
    const types = new Set(search.data.search.map((x: { __typename: string }) => x.__typename));
    expect(types).toEqual(new Set(['Cause', 'Organization']));
    const people = await stack.gql(
      `query($q: String!) { search(query: $q) { __typename ... on User { id } } }`,
      { q: owner.handle.slice(0, 6) },
    );
    expect(people.data.search).toContainEqual({ __typename: 'User', id: owner.id });
    expect((await stack.gql(`{ search(query: "!!") { __typename } }`)).data.search).toEqual([]);
    const causes = (
      await stack.gql(`{ causes(query: "girls educ") { nodes { slug } } }`)
    ).data.causes.nodes.map((c: { slug: string }) => c.slug);
    expect(causes[0]).toBe('girls-education');

    // The plans: each search predicate is answered by its GIN index, never a scan of the table.
    const runner = stack.dataSource.createQueryRunner();
    try {
      await runner.startTransaction();
      await runner.query('SET LOCAL enable_seqscan = off');
      for (const table of ['organizations', 'causes', 'users']) {
        const plan: { 'QUERY PLAN': string }[] = await runner.query(
          `EXPLAIN SELECT id FROM ${table} WHERE search @@ to_tsquery('english', 'sanit:* & villag:*')`,
        );
        const text = plan.map((p) => p['QUERY PLAN']).join('\n');
        expect(text).toContain(`Bitmap Index Scan on ${table}_search_idx`);
      }
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });

  it('suggests what co-followers follow, never what the viewer follows, the most followed otherwise', async () => {
    const [me, peer, newbie] = await Promise.all(
      ['me', 'peer', 'new'].map((p) => signUpPerson(stack, p)),
    );
    const ids = async (slugs: string[]) =>
      Promise.all(
        slugs.map(
          async (s) =>
            (await stack.gql(`query($s: String!) { cause(slug: $s) { id } }`, { s })).data.cause.id,
        ),
      );
    const [refugees, animals, literacy] = await ids(['refugees', 'animals', 'literacy']);
    const FC = `mutation($id: ID!) { followCause(id: $id) { id } }`;
    await stack.gql(FC, { id: refugees }, me.token);
    await stack.gql(FC, { id: refugees }, peer.token);
    await stack.gql(FC, { id: literacy }, peer.token);
    const mine = (
      await stack.gql(`{ suggestedCauses(first: 5) { id } }`, {}, me.token)
    ).data.suggestedCauses.map((c: { id: string }) => c.id);
    expect(mine[0]).toBe(literacy);
    expect(mine).not.toContain(refugees);
    // Anonymous and new viewers get the most followed first.
    const anon = (await stack.gql(`{ suggestedCauses(first: 3) { id followerCount } }`)).data
      .suggestedCauses;
    expect(anon[0].followerCount).toBeGreaterThanOrEqual(anon[1].followerCount);
    expect(
      (await stack.gql(`{ suggestedCauses(first: 3) { id } }`, {}, newbie.token)).data
        .suggestedCauses,
    ).toHaveLength(3);
    expect(animals).toBeDefined();
    const orgs = await stack.gql(`{ suggestedOrganizations(first: 5) { id } }`, {}, me.token);
    expect(orgs.errors).toBeNull();
    expect((await stack.gql(`{ suggestedCauses(first: 0) { id } }`)).codes).toEqual([
      'BAD_USER_INPUT',
    ]);
  });

  it('pages every connection exactly once; refuses forged cursors and first over 100', async () => {
    const fan = await signUpPerson(stack, 'pager');
    const orgs = [];
    for (let i = 0; i < 7; i++)
      orgs.push(
        await createOrg(owner, {
          name: `Pager ${i}`,
          mission: 'paging test mission',
          causeSlugs: ['refugees'],
        }),
      );
    for (const o of orgs) await stack.gql(FOLLOW_ORG, { id: o.id }, fan.token);
    const causeIds = (
      await stack.gql(`{ causes(first: 6) { nodes { id } } }`)
    ).data.causes.nodes.map((c: { id: string }) => c.id);
    for (const id of causeIds)
      await stack.gql(`mutation($id: ID!) { followCause(id: $id) { id } }`, { id }, fan.token);
    const followers = await Promise.all(
      Array.from({ length: 5 }, () => signUpPerson(stack, 'flw')),
    );
    for (const f of followers)
      await stack.gql(`mutation($id: ID!) { followUser(id: $id) { id } }`, { id: fan.id }, f.token);

    const allCauses = await walk(
      stack,
      `query($first: Int, $after: String) { causes(first: $first, after: $after) { ${PAGE} } }`,
      (d) => d.causes,
      {},
      undefined,
      3,
    );
    const [{ n: causeCount }] = await stack.dataSource.query(
      'SELECT count(*)::int AS n FROM causes',
    );
    expect(new Set(allCauses).size).toBe(causeCount);
    expect(allCauses).toHaveLength(causeCount);
    const cases: [string, (d: ParsedJson) => ConnectionPage, string[]][] = [
      [
        `query($first: Int, $after: String) { organizations(first: $first, after: $after, query: "paging mission") { ${PAGE} } }`,
        (d) => d.organizations,
        orgs.map((o) => o.id),
      ],
      [
        `query($first: Int, $after: String) { cause(slug: "refugees") { organizations(first: $first, after: $after) { ${PAGE} } } }`,
        (d) => d.cause.organizations,
        orgs.map((o) => o.id),
      ],
      [
        `query($first: Int, $after: String) { viewer { followedOrganizations(first: $first, after: $after) { ${PAGE} } } }`,
        (d) => d.viewer.followedOrganizations,
        orgs.map((o) => o.id),
      ],
      [
        `query($first: Int, $after: String) { viewer { followedCauses(first: $first, after: $after) { ${PAGE} } } }`,
        (d) => d.viewer.followedCauses,
        causeIds,
      ],
      [
        `query($first: Int, $after: String) { user(handle: "${fan.handle}") { followers(first: $first, after: $after) { ${PAGE} } } }`,
        (d) => d.user.followers,
        followers.map((f) => f.id),
      ],
    ];
    for (const [query, pick, expected] of cases) {
      const seen = await walk(stack, query, pick, {}, fan.token);
      expect([...seen].sort()).toEqual([...expected].sort());
      expect(seen).toHaveLength(expected.length);
    }
    const recent = await stack.gql(
      `{ viewer { followedOrganizations(first: 1) { nodes { id } } } }`,
      {},
      fan.token,
    );
    expect(recent.data.viewer.followedOrganizations.nodes[0].id).toBe(orgs[6].id);
    const allOrgs = await walk(
      stack,
      `query($first: Int, $after: String) { organizations(first: $first, after: $after) { ${PAGE} } }`,
      (d) => d.organizations,
      {},
      undefined,
      4,
    );
    expect(new Set(allOrgs).size).toBe(allOrgs.length);
    for (const q of [
      `{ causes(first: 3, after: "garbage!!") { nodes { id } } }`,
      `{ organizations(first: 3, after: "eyJ4IjoxfQ.AAAAAAAAAAAA") { nodes { id } } }`,
      `{ causes(first: 1000) { nodes { id } } }`,
      `{ causes(first: 0) { nodes { id } } }`,
      `{ organizations(first: -1) { nodes { id } } }`,
    ]) {
      expect((await stack.gql(q)).codes).toEqual(['BAD_USER_INPUT']);
    }
    // A cursor from one ordering is refused by another.
    const ranked = await stack.gql(
      `{ organizations(first: 1, query: "paging") { pageInfo { endCursor } } }`,
    );
    expect(
      (
        await stack.gql(
          `query($a: String) { organizations(first: 1, after: $a) { nodes { id } } }`,
          { a: ranked.data.organizations.pageInfo.endCursor },
        )
      ).codes,
    ).toEqual(['BAD_USER_INPUT']);
  });
});
