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
    if (!entry) this.entries.set(key, (entry = { known: 0, pending: 0, synced: false }));
    else if (
      entry.synced &&
      entry.pending < slack &&
      entry.known + entry.pending + 1 <= limit - slack
    ) {
      entry.pending++;
      this.schedule();
      return entry.known + entry.pending;
    }
    entry.pending++;
    const own = entry;
    await this.flush();
    return own.known;
  }

  /** Sends every pending hit now (waits for a round trip already under way, then sends the rest). */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch: { key: string; n: number; entry: Entry }[] = [];
    for (const [key, entry] of this.entries) {
      if (entry.pending > 0) batch.push({ key, n: entry.pending, entry });
      entry.pending = 0;
    }
    if (batch.length === 0) return;
    this.flushing = this.send(batch.map(({ key, n }) => ({ key, n }))).then(
      (totals) => {
        batch.forEach(({ entry }, i) => {
          entry.known = totals[i];
          entry.synced = true;
        });
      },
      (err: unknown) => {
        // Not counted: give the hits back, so that the next round trip sends them.
        for (const { entry, n } of batch) entry.pending += n;
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
