import { EventBus } from './event-bus';

/**
 * An AsyncIterableIterator over a topic, for GraphQL subscriptions. `map` may turn a message into
 * the value to yield, or return undefined to skip it. Unsubscribes when the client goes away.
 */
export function eventIterator<T>(
  bus: EventBus,
  topic: string,
  map: (message: unknown) => Promise<T | undefined> | T | undefined,
  maxBuffered = 1000,
): AsyncIterableIterator<T> {
  const buffer: T[] = [];
  const waiting: ((r: IteratorResult<T>) => void)[] = [];
  let done = false;
  let chain = Promise.resolve();
  const unsubscribe = bus.subscribe(topic, (message) => {
    chain = chain
      .then(async () => {
        const value = await map(message);
        if (value === undefined || done) return;
        const next = waiting.shift();
        if (next) next({ value, done: false });
        else if (buffer.length < maxBuffered) buffer.push(value);
      })
      .catch(() => undefined);
  });
  const finish = async (): Promise<IteratorResult<T>> => {
    if (!done) {
      done = true;
      for (const w of waiting.splice(0)) w({ value: undefined, done: true });
      await (
        await unsubscribe
      )();
    }
    return { value: undefined, done: true };
  };
  return {
    async next() {
      await unsubscribe;
      if (buffer.length > 0) return { value: buffer.shift()!, done: false };
      if (done) return { value: undefined, done: true };
      return new Promise<IteratorResult<T>>((resolve) => waiting.push(resolve));
    },
    return: finish,
    throw: async (err) => {
      await finish();
      throw err;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
