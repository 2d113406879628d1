import { PRUNES, untilShort } from './retention-plan';

const DAY = 24 * 3600_000;

describe('retention plan', () => {
  it('prunes each bookkeeping table after its age, in this order', () => {
    expect(PRUNES.map((p) => [p.table, p.keptMs / DAY])).toEqual([
      ['outbox_events', 7],
      ['notification_receipts', 7],
      ['fanout_chunks', 1],
      ['digest_entries', 35],
      ['digests', 90],
      ['sent_emails', 30],
      ['email_tokens', 7],
    ]);
  });
});

describe(untilShort.name, () => {
  it('repeats full batches and stops after the first short one, summing what went', async () => {
    const batches = [10, 10, 3, 10];
    const limits: number[] = [];
    const total = await untilShort((limit) => {
      limits.push(limit);
      return Promise.resolve(batches.shift()!);
    }, 10);
    expect(total).toBe(23);
    expect(limits).toEqual([10, 10, 10]);
  });

  it('runs once when nothing is due', async () => {
    let calls = 0;
    expect(
      await untilShort(() => {
        calls++;
        return Promise.resolve(0);
      }, 10),
    ).toBe(0);
    expect(calls).toBe(1);
  });
});
