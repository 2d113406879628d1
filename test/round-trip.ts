import { randomUUID } from 'node:crypto';
import { EventBus, Topics } from '@causeway/queue';
import { TestStack } from '@causeway/testing';
import { SystemProducer } from '../apps/api/src/system/system.producer';

/**
 * The wiring proof: the API enqueues a ping, the worker consumes it and publishes a pong on the
 * event bus, and the API process's own bus delivers it to a subscriber there.
 */
export async function pingRoundTrip(
  stack: TestStack,
  timeoutMs = 10_000,
): Promise<{ pingId: string }> {
  const bus = stack.api.get(EventBus);
  const pingId = randomUUID();
  let unsubscribe: (() => Promise<void>) | undefined;
  const pong = new Promise<{ pingId: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no pong within ${timeoutMs} ms`)), timeoutMs);
    void bus
      .subscribe(Topics.systemPong, (m) => {
        if ((m as { pingId: string }).pingId !== pingId) return;
        clearTimeout(timer);
        resolve(m as { pingId: string });
      })
      .then((u) => (unsubscribe = u));
  });
  // Subscribe first (LISTEN/SUBSCRIBE acknowledged), then produce.
  while (!unsubscribe) await new Promise((r) => setImmediate(r));
  await stack.api.get(SystemProducer).ping(pingId);
  try {
    return await pong;
  } finally {
    await unsubscribe();
  }
}
