import { Queue } from 'bullmq';

/**
 * Waits until the queues have nothing waiting, delayed (but a job scheduler's next run),
 * prioritized or active, or fails after
 * `timeoutMs`. A bounded wait for the worker, never a bare sleep.
 */
export async function drainQueues(queues: Queue[], timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const counts = await Promise.all(
      queues.map((q) =>
        q.getJobCounts('waiting', 'delayed', 'prioritized', 'active', 'waiting-children'),
      ),
    );
    let pending = counts.reduce((n, c) => n + Object.values(c).reduce((a, b) => a + b, 0), 0);
    // The next run of a job scheduler (e.g. the digest planner) always waits, delayed: it is not work left.
    for (const [i, c] of counts.entries()) {
      if (c.delayed > 0)
        pending -= (await queues[i].getDelayed(0, c.delayed)).filter((j) =>
          j.id?.startsWith('repeat:'),
        ).length;
    }
    if (pending === 0) return;
    if (Date.now() > deadline)
      throw new Error(`queues still hold ${pending} job(s) after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Polls `probe` (sync or async) until it returns a truthy value, or fails after `timeoutMs`. */
export async function eventually<T>(
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`${what} not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
