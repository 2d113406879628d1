import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DigestsService, endPeriodNow } from '@causeway/digest';
import { DigestJob, QueueName } from '@causeway/queue';
import {
  BuiltProcess,
  eventually,
  ReceivedMail,
  signUpPerson,
  startBuiltProcess,
  startSmtpServer,
  startTestStack,
  TestMailbox,
  TestPerson,
  TestStack,
} from '@causeway/testing';

const APP = 'https://app.causeway.test';
const POST = `mutation($i: PostUpdateInput!) { postUpdate(input: $i) { id } }`;
/** A header as sent (unfolded), from the raw header lines. */
const header = (m: ReceivedMail, name: string) => {
  const line = m.parsed.headerLines.find((h) => h.key === name)?.line ?? '';
  return line
    .slice(line.indexOf(':') + 1)
    .replace(/\r?\n[ \t]+/g, '')
    .trim();
};
const unsubscribeLink = (m: ReceivedMail) => header(m, 'list-unsubscribe').replace(/^<|>$/g, '');
const isDigest = (m: ReceivedMail) => (m.parsed.messageId ?? '').startsWith('<digest-');
const cli = (...args: string[]) =>
  promisify(execFile)(
    process.execPath,
    [join(__dirname, '../dist/apps/cli/src/main.js'), ...args],
    { env: { ...process.env, LOG_LEVEL: 'warn' }, timeout: 30_000 },
  );

describe('the digest (end to end, real SMTP)', () => {
  let stack: TestStack;
  let mailbox: TestMailbox;
  let owner: TestPerson;
  let org: { id: string; slug: string };
  const env = { ...process.env };

  beforeAll(async () => {
    mailbox = await startSmtpServer();
    process.env.SMTP_URL = mailbox.url;
    process.env.APP_URL = APP;
    stack = await startTestStack({ worker: true });
    owner = await signUpPerson(stack, 'own');
    org = (
      await stack.gql(
        `mutation($i: CreateOrganizationInput!) { createOrganization(input: $i) { id slug } }`,
        {
          i: {
            name: 'Digest Org',
            slug: `digest-org-${Date.now().toString(36)}`,
            causeSlugs: ['water'],
          },
        },
        owner.token,
      )
    ).data.createOrganization;
  });
  afterAll(async () => {
    await stack?.close();
    await mailbox?.close();
    process.env = env;
  });

  const person = async (prefix: string, { verified = true, locale = 'en' } = {}) => {
    const p = await signUpPerson(stack, prefix);
    if (verified)
      await stack.dataSource.query(
        'UPDATE users SET email_verified_at = now(), locale = $2 WHERE id = $1',
        [p.id, locale],
      );
    return p;
  };
  const follow = async (
    p: TestPerson,
    kind: 'Organization' | 'Cause' | 'User',
    id: string,
    delivery?: string,
  ) => {
    expect(
      (await stack.gql(`mutation($id: ID!) { follow${kind}(id: $id) { id } }`, { id }, p.token))
        .errors,
    ).toBeNull();
    if (delivery)
      expect(
        (
          await stack.gql(
            `mutation($id: ID!, $d: Delivery!) { set${kind}Delivery(id: $id, delivery: $d) { id } }`,
            { id, d: delivery },
            p.token,
          )
        ).errors,
      ).toBeNull();
  };
  const causeId = async (slug: string) =>
    (await stack.gql(`query($s: String!) { cause(slug: $s) { id } }`, { s: slug })).data.cause
      .id as string;
  const post = async (input: Record<string, unknown>) =>
    (await stack.gql(POST, { i: input }, owner.token)).data.postUpdate.id as string;
  const digestsTo = (p: TestPerson) => mailbox.to(p.email).filter(isDigest);

  it('send-digests --now sends each verified person their DIGEST updates not already in their home feed, grouped, once', async () => {
    const water = await causeId('water');
    const reader = await person('rd');
    const mixed = await person('mx');
    const german = await person('de', { locale: 'de' });
    const unverified = await person('uv', { verified: false });
    const off = await person('off');
    await follow(reader, 'Organization', org.id, 'DIGEST');
    await follow(mixed, 'Organization', org.id, 'DIGEST');
    await follow(mixed, 'Cause', water, 'HOME');
    await follow(german, 'Organization', org.id, 'DIGEST');
    await follow(unverified, 'Organization', org.id, 'DIGEST');
    await follow(off, 'Organization', org.id, 'DIGEST');
    expect(
      (
        await stack.gql(
          `mutation { setDigestFrequency(frequency: OFF) { digestFrequency } }`,
          {},
          off.token,
        )
      ).data.setDigestFrequency,
    ).toEqual({ digestFrequency: 'OFF' });

    const campaign = (
      await stack.gql(
        `mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { id } }`,
        {
          i: {
            organizationId: org.id,
            title: 'Wells for the valley',
            goalKind: 'MONEY',
            goalAmount: '1000000',
            currency: 'EUR',
          },
        },
        owner.token,
      )
    ).data.createCampaign.id;
    const tagged = await post({
      organizationId: org.id,
      causeSlugs: ['water'],
      body: 'We dug <three> new wells & more',
    });
    const plain = await post({ organizationId: org.id, body: 'Our yearly report is out.' });
    await stack.gql(
      `mutation($i: PledgeInput!) { pledge(input: $i) { id } }`,
      {
        i: { campaignId: campaign, amount: '250000', currency: 'EUR', idempotencyKey: 'digest-k1' },
      },
      mixed.token,
    );
    await stack.drain();

    const { stdout } = await cli('send-digests', '--now');
    expect(stdout).toMatch(/^3 digest period\(s\) ended/);
    await eventually(
      () =>
        digestsTo(reader).length === 1 &&
        digestsTo(mixed).length === 1 &&
        digestsTo(german).length === 1,
      20_000,
      'digests arrived',
    );
    await stack.drain();
    const [digest] = digestsTo(reader);
    expect(digest.parsed.subject).toBe('Your Causeway digest: 2 new updates');
    expect(digest.parsed.text).toContain(`${APP}/updates/${tagged}`);
    expect(digest.parsed.text).toContain(`${APP}/updates/${plain}`);
    expect(digest.parsed.text).toContain('== Water · Digest Org ==');
    expect(digest.parsed.text).toContain(
      'Wells for the valley (Digest Org): €2,500.00 of €10,000.00 pledged (25%)',
    );
    expect(digest.parsed.html).toContain('We dug &lt;three&gt; new wells &amp; more');
    expect(digest.parsed.html).not.toMatch(/<script/i);
    expect(unsubscribeLink(digest)).toMatch(
      new RegExp(`^${APP}/email/unsubscribe\\?u=${reader.id}&s=[A-Za-z0-9_-]+$`),
    );
    expect(header(digest, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(digest.parsed.text).toContain(unsubscribeLink(digest));

    // The tagged update reached `mixed` through a HOME follow: only the other one is in the digest.
    const [mixedDigest] = digestsTo(mixed);
    expect(mixedDigest.parsed.subject).toBe('Your Causeway digest: 1 new update');
    expect(mixedDigest.parsed.text).toContain(`${APP}/updates/${plain}`);
    expect(mixedDigest.parsed.text).not.toContain(tagged);

    expect(digestsTo(german)[0].parsed.subject).toBe(
      'Deine Causeway-Zusammenfassung: 2 neue Beiträge',
    );
    expect(digestsTo(unverified)).toHaveLength(0);
    expect(digestsTo(off)).toHaveLength(0);

    // Nothing new since: the next run ends the period and sends nothing.
    expect((await cli('send-digests', '--now')).stdout).toMatch(/^3 digest period\(s\) ended/);
    await stack.drain();
    for (const p of [reader, mixed, german]) expect(digestsTo(p)).toHaveLength(1);
    const ledger = await stack.dataSource.query(
      'SELECT item_count FROM digests WHERE user_id = $1 ORDER BY period_end',
      [reader.id],
    );
    expect(ledger).toEqual([{ item_count: 2 }, { item_count: 0 }]);
    await expect(cli('send-digests')).rejects.toMatchObject({
      stderr: expect.stringContaining('usage: npm run cli -- send-digests --now'),
    });
  });

  it('one-click unsubscribe: GET asks, POST (RFC 8058) turns the digest off without signing in; a forged link changes nothing', async () => {
    const p = await person('un');
    await follow(p, 'Organization', org.id, 'DIGEST');
    await post({ organizationId: org.id, body: 'Something for the digest' });
    await stack.drain();
    await endPeriodNow(stack.dataSource);
    await eventually(() => digestsTo(p).length === 1, 20_000, 'digest arrived');
    const url = unsubscribeLink(digestsTo(p)[0]);
    const local = url.replace(APP, stack.url);

    const page = await fetch(local);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toMatch(/<form method="post"/);
    expect(html).not.toMatch(/<script/i);
    const frequency = async () =>
      (await stack.gql(`{ viewer { digestFrequency } }`, {}, p.token)).data.viewer.digestFrequency;
    expect(await frequency()).toBe('WEEKLY');

    const forged = await fetch(local.replace(/s=[^&]+/, 's=AAAA'), {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(forged.status).toBe(400);
    const other = await signUpPerson(stack, 'ot');
    expect(
      (await fetch(local.replace(/u=[^&]+/, `u=${other.id}`), { method: 'POST' })).status,
    ).toBe(400);
    expect(await frequency()).toBe('WEEKLY');

    const done = await fetch(local, {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(done.status).toBe(200);
    expect(await frequency()).toBe('OFF');
    // Again: still fine.
    expect((await fetch(local, { method: 'POST' })).status).toBe(200);
    await post({ organizationId: org.id, body: 'Not for someone who unsubscribed' });
    await stack.drain();
    await endPeriodNow(stack.dataSource);
    await stack.drain();
    expect(digestsTo(p)).toHaveLength(1);
  });

  it('the scheduled plan makes each period due at the local morning of each time zone, once', async () => {
    const auckland = await person('nz');
    const berlin = await person('be');
    await stack.dataSource.query(
      `UPDATE users SET time_zone = 'Pacific/Auckland', digest_frequency = 'DAILY' WHERE id = $1`,
      [auckland.id],
    );
    await stack.dataSource.query(`UPDATE users SET time_zone = 'Europe/Berlin' WHERE id = $1`, [
      berlin.id,
    ]);
    const plan = async () => {
      await stack.queue(QueueName.Digest).add(DigestJob.Plan, {});
      await stack.drain();
    };
    await plan();
    const periods = async (p: TestPerson) =>
      stack.dataSource.query(
        `SELECT extract(hour FROM period_end AT TIME ZONE u.time_zone)::int AS hour, extract(isodow FROM period_end AT TIME ZONE u.time_zone)::int AS dow,
                period_end <= now() AS past, period_end > now() - CASE u.digest_frequency WHEN 'DAILY' THEN interval '1 day' ELSE interval '7 days' END AS current,
                sent_at IS NOT NULL AS sent
         FROM digests d JOIN users u ON u.id = d.user_id WHERE d.user_id = $1`,
        [p.id],
      );
    expect(await periods(auckland)).toEqual([
      { hour: 8, dow: expect.any(Number), past: true, current: true, sent: true },
    ]);
    expect(await periods(berlin)).toEqual([
      { hour: 8, dow: 1, past: true, current: true, sent: true },
    ]);
    await plan();
    expect(await periods(berlin)).toHaveLength(1);
    expect(await stack.worker!.get(DigestsService).planDue()).toEqual([]);
    // The job scheduler is registered once, however many workers start.
    expect((await stack.queue(QueueName.Digest).getJobSchedulers()).map((s) => s.key)).toEqual([
      'digest-planner',
    ]);
  });
});

describe('the digest with two worker processes, one killed mid-run: exactly once per person and period', () => {
  const PEOPLE = 40;
  let stack: TestStack;
  let a: TestMailbox;
  let b: TestMailbox;
  let workers: BuiltProcess[] = [];
  const env = { ...process.env };

  beforeAll(async () => {
    [a, b] = await Promise.all([startSmtpServer(), startSmtpServer()]);
    a.delayMs = b.delayMs = 30; // a slow server, so that the run takes a while
    stack = await startTestStack({ worker: false });
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.kill()));
    await stack?.close();
    await Promise.all([a?.close(), b?.close()]);
    process.env = env;
  });

  it('sends every digest once', async () => {
    const owner = await signUpPerson(stack, 'own');
    const orgId = (
      await stack.gql(
        `mutation { createOrganization(input: { name: "Twice Org", slug: "twice-org-digest" }) { id } }`,
        {},
        owner.token,
      )
    ).data.createOrganization.id;
    await stack.dataSource.query(
      `INSERT INTO users (email, handle, display_name, password_hash, email_verified_at)
       SELECT 'twice' || g || '@example.org', 'twice' || g, 'Reader ' || g, 'not-a-hash', now() FROM generate_series(1, ${PEOPLE}) g`,
    );
    await stack.dataSource.query(
      `INSERT INTO follows (source_kind, source_id, follower_id, delivery) SELECT 'ORGANIZATION', $1, id, 'DIGEST' FROM users WHERE handle LIKE 'twice%'`,
      [orgId],
    );
    const common = {
      DATABASE_URL: process.env.DATABASE_URL!,
      APP_URL: APP,
      OUTBOX_SWEEP_AFTER_SECONDS: '2',
    };
    workers = [
      startBuiltProcess('worker', { ...common, SMTP_URL: a.url }),
      startBuiltProcess('worker', { ...common, SMTP_URL: b.url }),
    ];
    const updateId = (
      await stack.gql(
        POST,
        { i: { organizationId: orgId, body: 'For forty digests' } },
        owner.token,
      )
    ).data.postUpdate.id;
    await eventually(
      async () =>
        (
          await stack.dataSource.query(
            'SELECT 1 FROM updates WHERE id = $1 AND fanned_out_at IS NOT NULL',
            [updateId],
          )
        ).length === 1,
      60_000,
      'fan-out done',
    );

    await endPeriodNow(stack.dataSource);
    // Worker A is killed while a message of its is on the wire, unanswered: it delivered nothing.
    await eventually(() => a.received.filter(isDigest).length >= 2, 60_000, 'worker A sending');
    a.hold = true;
    await eventually(() => a.held >= 1, 30_000, 'worker A waiting on the server');
    await workers[0].kill();
    await eventually(
      async () =>
        (await stack.dataSource.query('SELECT 1 FROM digests WHERE sent_at IS NULL LIMIT 1'))
          .length === 0,
      90_000,
      'every digest sent',
    );

    const all = [...a.received, ...b.received].filter(isDigest);
    const perPerson = new Map<string, number>();
    for (const m of all) for (const to of m.to) perPerson.set(to, (perPerson.get(to) ?? 0) + 1);
    expect(perPerson.size).toBe(PEOPLE);
    expect([...perPerson.values()].every((n) => n === 1)).toBe(true);
    expect(b.received.filter(isDigest).length).toBeGreaterThan(0);
    // One ledger row with the update per person (the scheduled plan at the workers' start may have
    // written an earlier, empty period too).
    const ledger = await stack.dataSource.query(
      `SELECT count(*) FILTER (WHERE item_count = 1)::int AS with_items, count(*) FILTER (WHERE sent_at IS NULL)::int AS unsent
       FROM digests d JOIN users u ON u.id = d.user_id WHERE u.handle LIKE 'twice%' GROUP BY d.user_id`,
    );
    expect(ledger).toHaveLength(PEOPLE);
    expect(
      ledger.every(
        (r: { with_items: number; unsent: number }) => r.with_items === 1 && r.unsent === 0,
      ),
    ).toBe(true);
  }, 180_000);
});
