import { EventBus, PostgresEventBus, RedisEventBus } from './event-bus';

const backends: [string, () => EventBus][] = [
  ['PostgreSQL LISTEN/NOTIFY', () => new PostgresEventBus(process.env.DATABASE_URL!)],
];
if (process.env.REDIS_URL)
  backends.push(['Redis pub/sub', () => new RedisEventBus(process.env.REDIS_URL!)]);

const nextMessage = (bus: EventBus, topic: string, timeoutMs = 5000) =>
  new Promise<unknown>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`nothing on ${topic} within ${timeoutMs} ms`)),
      timeoutMs,
    );
    void bus.subscribe(topic, (m) => {
      clearTimeout(timer);
      resolve(m);
    });
  });

describe.each(backends)('EventBus over %s', (_name, make) => {
  let publisher: EventBus;
  let subscriber: EventBus;
  beforeEach(() => {
    publisher = make();
    subscriber = make();
  });
  afterEach(async () => {
    await publisher.close();
    await subscriber.close();
  });

  it('delivers a message published by another connection (another process) to local subscribers', async () => {
    const received: unknown[] = [];
    const unsubscribe = await subscriber.subscribe('t.one', (m) => received.push(m));
    const second = nextMessage(subscriber, 't.one');
    await publisher.publish('t.one', { id: 'a' });
    await expect(second).resolves.toEqual({ id: 'a' });
    expect(received).toEqual([{ id: 'a' }]);
    await unsubscribe();
    expect(subscriber.localSubscribers('t.one')).toBe(1); // the nextMessage handler is still there
  });

  it('routes each topic only to its own subscribers, and publishes many at once', async () => {
    const a: unknown[] = [];
    const b: unknown[] = [];
    await subscriber.subscribe('t.a', (m) => a.push(m));
    await subscriber.subscribe('t.b', (m) => b.push(m));
    const last = nextMessage(subscriber, 't.b');
    await publisher.publishMany([
      { topic: 't.a', message: 1 },
      { topic: 't.c', message: 3 },
      { topic: 't.b', message: 2 },
    ]);
    await last;
    expect(a).toEqual([1]);
    expect(b).toEqual([2]);
  });
});
