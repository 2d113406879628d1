/**
 * Adds `n` to each key in the shared store in one round trip and returns each key's new total.
 * (Plain data in, plain data out: the benchmark's raw server runs this very class.)
 */
export type SendBatch = (batch: { key: string; n: number }[]) => Promise<number[]>;

interface Entry {
  /** The shared total as of this process's last round trip (own hits included). */
  known: number;
  /** Hits counted here and not yet sent. */
  pending: number;
  /** Whether a round trip has told this process the shared total yet. */
  synced: boolean;
  /** Hits of this key counted by this process so far (each hit's index is its place in this order). */
  queued: number;
  /** Hits of this key sent so far (the first `sent` indices). */
  sent: number;
  /** The last batch that came back: its first hit's index and that hit's place in the shared count. */
  last: { index: number; position: number };
}

/**
 * Per-process counting against a shared counter, without a round trip per hit (docs/limits.md,
 * "Rate limits across API processes"). A key's first hit in this process, every hit within `slack`
 * of the limit, and any hit that finds `slack` hits of its key unsent go to the store at once
 * (with everything pending), so the count they see is the shared one; the others are counted
 * here and sent together every `intervalMs`. `slack` is a twentieth of the limit (rounded down): each other
 * process can have at most that many hits of a key not yet counted, and only for `intervalMs`.
 */
export class BatchedCounter {
  private entries = new Map<string, Entry>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly send: SendBatch,
    private readonly intervalMs = 50,
  ) {}

  /** The key's count with this hit, as far as this process knows (the shared one near the limit). */
  async hit(key: string, limit: number): Promise<number> {
    // Below 20 per window (logIn and signUp's 10) nothing is counted locally: every hit is exact.
    const slack = Math.floor(limit / 20);
    let entry = this.entries.get(key);
    if (!entry) {
      entry = {
        known: 0,
        pending: 0,
        synced: false,
        queued: 0,
        sent: 0,
        last: { index: 0, position: 0 },
      };
      this.entries.set(key, entry);
    } else if (
      entry.synced &&
      entry.pending < slack &&
      entry.known + entry.pending + 1 <= limit - slack
    ) {
      entry.queued++;
      entry.pending++;
      this.schedule();
      return entry.known + entry.pending;
    }
    const index = entry.queued++;
    entry.pending++;
    const own = entry;
    await this.flush();
    // The batch that held this hit is the last one back: its place in the shared count is its own
    // (hits sent together each get theirs, so a burst near the limit admits up to the limit exactly).
    return own.last.position + (index - own.last.index);
  }

  /**
   * Sends every hit pending when it is called: waits for a round trip already under way, then joins
   * the next one if another caller has started it (it holds these hits too), or starts it. Many
   * callers waiting at once (a burst near the limit) so share one round trip instead of queueing one each.
   */
  async flush(): Promise<void> {
    if (this.flushing !== null) {
      await this.flushing;
      if (this.flushing !== null) return this.flushing;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch: { key: string; n: number; index: number; entry: Entry }[] = [];
    for (const [key, entry] of this.entries) {
      if (entry.pending === 0) continue;
      batch.push({ key, n: entry.pending, index: entry.sent, entry });
      entry.sent += entry.pending;
      entry.pending = 0;
    }
    if (batch.length === 0) return;
    this.flushing = this.send(batch.map(({ key, n }) => ({ key, n }))).then(
      (totals) => {
        batch.forEach(({ entry, n, index }, i) => {
          entry.known = totals[i];
          entry.synced = true;
          entry.last = { index, position: totals[i] - n + 1 };
        });
      },
      (err: unknown) => {
        // Not counted: give the hits back, so that the next round trip sends them.
        for (const { entry, n } of batch) {
          entry.pending += n;
          entry.sent -= n; // round trips never overlap: nothing was sent after these
        }
        throw err;
      },
    );
    try {
      await this.flushing;
    } finally {
      this.flushing = null;
    }
  }

  /** Forgets the keys of windows that are over (their totals expire in the store too). */
  forgetExcept(keep: (key: string) => boolean): void {
    for (const [key, entry] of this.entries)
      if (entry.pending === 0 && !keep(key)) this.entries.delete(key);
  }

  /** Sends what is pending and stops the timer. */
  async close(): Promise<void> {
    await this.flush().catch(() => undefined);
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      // A failed batch keeps its hits pending (sent with the next one); the store logs the outage.
      this.flush().catch(() => undefined);
    }, this.intervalMs);
    this.timer.unref();
  }
}
