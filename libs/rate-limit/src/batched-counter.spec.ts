import { BatchedCounter, SendBatch } from './batched-counter';

/** A shared counter standing in for Redis, counting the round trips made to it. */
function sharedStore() {
  const totals = new Map<string, number>();
  const store = { roundTrips: 0, totals, send: null as unknown as SendBatch };
  store.send = (batch) => {
    store.roundTrips++;
    return Promise.resolve(
      batch.map(({ key, n }) => {
        totals.set(key, (totals.get(key) ?? 0) + n);
        return totals.get(key)!;
      }),
    );
  };
  return store;
}

describe('BatchedCounter', () => {
  it('counts far from the limit without a round trip per hit, and sends every hit', async () => {
    const store = sharedStore();
    const counter = new BatchedCounter(store.send, 1_000);
    const counts = [];
    for (let i = 0; i < 50; i++) counts.push(await counter.hit('k', 1_000));
    expect(counts).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    // The first hit learns the shared total; then one round trip per `slack` (50) hits at most.
    expect(store.roundTrips).toBeLessThanOrEqual(2);
    await counter.close();
    expect(store.totals.get('k')).toBe(50);
  });

  it('admits at most limit + slack per other process across several processes', async () => {
    const store = sharedStore();
    const limit = 100;
    const processes = [1, 2, 3].map(() => new BatchedCounter(store.send, 1_000));
    let admitted = 0;
    for (let i = 0; i < 600; i++) {
      const count = await processes[i % 3].hit('k', limit);
      if (count <= limit) admitted++;
    }
    await Promise.all(processes.map((p) => p.close()));
    const slack = limit / 20;
    expect(admitted).toBeGreaterThanOrEqual(limit);
    expect(admitted).toBeLessThanOrEqual(limit + 2 * slack);
    expect(store.totals.get('k')).toBe(600); // every hit counted, admitted or not
  });

  it('gives the hits of a failed round trip back, to be sent with the next one', async () => {
    const store = sharedStore();
    let fail = true;
    const counter = new BatchedCounter(
      (batch) => (fail ? Promise.reject(new Error('down')) : store.send(batch)),
      1_000,
    );
    await expect(counter.hit('k', 100)).rejects.toThrow('down');
    fail = false;
    expect(await counter.hit('k', 100)).toBe(2);
    expect(store.totals.get('k')).toBe(2);
  });
});

describe('BatchedCounter below 20 per window', () => {
  it('sends every hit at once (logIn and signUp budgets stay exact)', async () => {
    const store = sharedStore();
    const counter = new BatchedCounter(store.send, 1_000);
    for (let i = 0; i < 5; i++) await counter.hit('k', 10);
    expect(store.roundTrips).toBe(5);
  });
});

describe('BatchedCounter under a burst near the limit', () => {
  it('shares round trips between the hits waiting at once, and counts every hit', async () => {
    const store = sharedStore();
    const counter = new BatchedCounter(store.send, 1_000);
    await counter.hit('k', 100); // learns the shared total
    const counts = await Promise.all(Array.from({ length: 200 }, () => counter.hit('k', 100)));
    expect(store.totals.get('k')).toBe(201);
    expect(counts.filter((c) => c <= 100)).toHaveLength(99);
    // Without sharing, each of the ~100 hits near the limit would be a round trip of its own.
    expect(store.roundTrips).toBeLessThan(10);
  });
});
