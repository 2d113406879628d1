import { signUpPerson, startTestStack, TestStack } from '@causeway/testing';
import { Housekeeping } from '../apps/worker/src/housekeeping/housekeeping';

describe(Housekeeping.name, () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ worker: true });
  });
  afterAll(() => stack?.close());

  it('prunes old completed outbox events, receipts and finished chunk ledgers, and nothing recent or pending', async () => {
    const owner = await signUpPerson(stack, 'hk');
    await stack.gql(`mutation { postUpdate(input: { body: "recent" }) { id } }`, {}, owner.token);
    await stack.drain();
    const q = (sql: string, params: unknown[] = []) => stack.dataSource.query(sql, params);
    await q(`INSERT INTO outbox_events (type, payload, created_at, relayed_at, completed_at) VALUES
      ('test-noop', '{}', now() - interval '9 days', now() - interval '9 days', now() - interval '8 days'),
      ('test-noop', '{}', now() - interval '9 days', now(), NULL)`);
    await q(
      `INSERT INTO notification_receipts (event_id, recipient_id, created_at) VALUES (uuid_generate_v7(), $1, now() - interval '8 days'), (uuid_generate_v7(), $1, now())`,
      [owner.id],
    );
    const old = (
      await q(
        `INSERT INTO updates (author_id, body, fanned_out_at) VALUES ($1, 'old', now() - interval '2 days') RETURNING id`,
        [owner.id],
      )
    )[0].id;
    await q(
      `INSERT INTO fanout_chunks (update_id, seq, source_kind, source_id, after_follower, done_at) VALUES ($1, 0, 'USER', $2, $2, now())`,
      [old, owner.id],
    );
    // An update still fanning out keeps its ledger whatever its age.
    const pending = (
      await q(
        `INSERT INTO updates (author_id, body, created_at) VALUES ($1, 'pending', now() - interval '3 days') RETURNING id`,
        [owner.id],
      )
    )[0].id;
    await q(
      `INSERT INTO fanout_chunks (update_id, seq, source_kind, source_id, after_follower) VALUES ($1, 0, 'USER', $2, $2)`,
      [pending, owner.id],
    );
    // Reach: one row past its age and one within it in each ledger.
    await q(
      `INSERT INTO digest_entries (user_id, created_at, update_id) VALUES ($1, now() - interval '36 days', $2), ($1, now() - interval '34 days', $2)`,
      [owner.id, old],
    );
    await q(
      `INSERT INTO digests (user_id, period_start, period_end, sent_at) VALUES
        ($1, now() - interval '100 days', now() - interval '93 days', now() - interval '91 days'),
        ($1, now() - interval '99 days', now() - interval '92 days', NULL),
        ($1, now() - interval '90 days', now() - interval '85 days', now() - interval '85 days')`,
      [owner.id],
    );
    await q(
      `INSERT INTO sent_emails (key, user_id, sent_at) VALUES ('hk-old', $1, now() - interval '31 days'), ('hk-new', $1, now() - interval '29 days')`,
      [owner.id],
    );
    await q(
      `INSERT INTO email_tokens (user_id, purpose, token_hash, expires_at) VALUES
        ($1, 'VERIFY', '\\x01', now() - interval '8 days'), ($1, 'RESET', '\\x02', now() - interval '6 days')`,
      [owner.id],
    );
    const before = await q(
      `SELECT (SELECT count(*)::int FROM outbox_events) AS o, (SELECT count(*)::int FROM notification_receipts) AS r, (SELECT count(*)::int FROM fanout_chunks) AS c`,
    );

    const removed = await stack.worker!.get(Housekeeping).run();
    expect(removed).toEqual({
      outbox_events: 1,
      notification_receipts: 1,
      fanout_chunks: 1,
      digest_entries: 1,
      digests: 1,
      sent_emails: 1,
      email_tokens: 1,
    });
    const after = await q(
      `SELECT (SELECT count(*)::int FROM outbox_events) AS o, (SELECT count(*)::int FROM notification_receipts) AS r, (SELECT count(*)::int FROM fanout_chunks) AS c`,
    );
    expect(after[0]).toEqual({ o: before[0].o - 1, r: before[0].r - 1, c: before[0].c - 1 });
    expect(
      (await q(`SELECT count(*)::int AS n FROM outbox_events WHERE completed_at IS NULL`))[0].n,
    ).toBe(1);
    expect(
      await q(
        `SELECT (SELECT count(*)::int FROM fanout_chunks WHERE update_id = $1) AS pending,
                (SELECT count(*)::int FROM digest_entries WHERE user_id = $2) AS entries,
                (SELECT count(*)::int FROM digests WHERE user_id = $2) AS digests,
                (SELECT count(*)::int FROM sent_emails WHERE key LIKE 'hk-%') AS sent,
                (SELECT count(*)::int FROM email_tokens WHERE user_id = $2 AND expires_at < now()) AS tokens`,
        [pending, owner.id],
      ),
    ).toEqual([{ pending: 1, entries: 1, digests: 2, sent: 1, tokens: 1 }]);
    // A second pass finds nothing more.
    expect(Object.values(await stack.worker!.get(Housekeeping).run()).every((n) => n === 0)).toBe(
      true,
    );
  });
});
