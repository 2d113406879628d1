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
    const before = await q(
      `SELECT (SELECT count(*)::int FROM outbox_events) AS o, (SELECT count(*)::int FROM notification_receipts) AS r, (SELECT count(*)::int FROM fanout_chunks) AS c`,
    );

    const removed = await stack.worker!.get(Housekeeping).run();
    expect(removed).toEqual({
      outbox_events: 1,
      notification_receipts: 1,
      fanout_chunks: 1,
      digest_entries: 0,
      digests: 0,
      sent_emails: 0,
      email_tokens: 0,
    });
    const after = await q(
      `SELECT (SELECT count(*)::int FROM outbox_events) AS o, (SELECT count(*)::int FROM notification_receipts) AS r, (SELECT count(*)::int FROM fanout_chunks) AS c`,
    );
    expect(after[0]).toEqual({ o: before[0].o - 1, r: before[0].r - 1, c: before[0].c - 1 });
    expect(
      (await q(`SELECT count(*)::int AS n FROM outbox_events WHERE completed_at IS NULL`))[0].n,
    ).toBe(1);
  });
});
