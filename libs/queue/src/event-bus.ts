import { Logger } from '@nestjs/common';
import IORedis from 'ioredis';
import { Client, Pool } from 'pg';
import { redisOutage, redisUnavailable, watchRedis } from './redis-outage';

export type EventHandler = (message: unknown) => void;
export interface Publication {
  topic: string;
  message: unknown;
}

/**
 * Cross-process pub/sub for live events: the worker publishes, every API process delivers to its
 * own subscribers. Messages carry ids, never whole payloads (PostgreSQL NOTIFY caps them at 8 kB).
 */
export abstract class EventBus {
  protected readonly handlers = new Map<string, Set<EventHandler>>();

  abstract publishMany(items: Publication[]): Promise<void>;
  abstract close(): Promise<void>;
  /** Readiness: resolves when the transport answers now, throws otherwise. */
  abstract check(): Promise<void>;
  /** Starts listening for a topic on the transport (first local subscriber). */
  protected abstract listen(topic: string): Promise<void>;
  /** Stops listening for a topic (last local subscriber gone). */
  protected abstract unlisten(topic: string): Promise<void>;

  publish(topic: string, message: unknown): Promise<void> {
    return this.publishMany([{ topic, message }]);
  }

  /** Calls `handler` for each message on `topic` until the returned function is called. */
  async subscribe(topic: string, handler: EventHandler): Promise<() => Promise<void>> {
    let set = this.handlers.get(topic);
    if (!set) {
      set = new Set();
      this.handlers.set(topic, set);
      try {
        await this.listen(topic);
      } catch (err) {
        this.handlers.delete(topic); // the next subscriber tries again
        throw err;
      }
    }
    set.add(handler);
    return async () => {
      const current = this.handlers.get(topic);
      if (!current?.delete(handler) || current.size > 0) return;
      this.handlers.delete(topic);
      await this.unlisten(topic);
    };
  }

  /** How many local subscriptions a topic has (used to skip work nobody here is waiting for). */
  localSubscribers(topic: string): number {
    return this.handlers.get(topic)?.size ?? 0;
  }

  protected dispatch(topic: string, message: unknown): void {
    for (const handler of this.handlers.get(topic) ?? []) {
      try {
        handler(message);
      } catch (err) {
        new Logger('EventBus').error(`handler for ${topic} failed: ${(err as Error).message}`);
      }
    }
  }
}

const PREFIX = 'causeway:';

/** Redis pub/sub: one SUBSCRIBE per topic with local subscribers. */
export class RedisEventBus extends EventBus {
  private readonly pub: IORedis;
  private readonly sub: IORedis;

  constructor(url: string) {
    super();
    this.pub = new IORedis(url, { maxRetriesPerRequest: 1, connectTimeout: 2000 });
    this.sub = new IORedis(url, { maxRetriesPerRequest: null });
    for (const c of [this.pub, this.sub]) watchRedis(c);
    this.sub.on('message', (channel: string, raw: string) => {
      if (!channel.startsWith(PREFIX)) return;
      this.dispatch(channel.slice(PREFIX.length), JSON.parse(raw));
    });
  }

  async publishMany(items: Publication[]): Promise<void> {
    if (items.length === 0) return;
    if (redisOutage.down && this.pub.status !== 'ready') throw redisUnavailable();
    const pipeline = this.pub.pipeline();
    for (const { topic, message } of items)
      pipeline.publish(PREFIX + topic, JSON.stringify(message));
    const results = await pipeline.exec();
    const failed = results?.find(([err]) => err)?.[0];
    if (failed) throw failed;
  }

  protected async listen(topic: string): Promise<void> {
    // While Redis is down a subscription fails at once (SERVICE_UNAVAILABLE) instead of hanging;
    // topics already subscribed are re-subscribed by ioredis when it reconnects.
    if (redisOutage.down && this.sub.status !== 'ready') throw redisUnavailable();
    await this.sub.subscribe(PREFIX + topic);
  }
  async check(): Promise<void> {
    if (this.sub.status !== 'ready') throw new Error(`subscriber ${this.sub.status}`);
    await this.pub.ping();
  }
  protected async unlisten(topic: string): Promise<void> {
    await this.sub.unsubscribe(PREFIX + topic);
  }
  close(): Promise<void> {
    // disconnect(), not quit(): a queued command while Redis is down would hold quit() forever.
    this.pub.disconnect();
    this.sub.disconnect();
    return Promise.resolve();
  }
}

const PG_CHANNEL = 'causeway_events';

/**
 * PostgreSQL LISTEN/NOTIFY: one channel for all topics; each process dispatches only the topics it
 * has subscribers for. The listening connection reconnects after an outage.
 */
export class PostgresEventBus extends EventBus {
  private readonly pool: Pool;
  private listener?: Client;
  private closed = false;
  private connecting?: Promise<void>;
  private readonly logger = new Logger('PostgresEventBus');

  constructor(private readonly url: string) {
    super();
    this.pool = new Pool({ connectionString: url, max: 2 });
    this.pool.on('error', () => undefined);
  }

  async publishMany(items: Publication[]): Promise<void> {
    if (items.length === 0) return;
    const payloads = items.map(({ topic, message }) => JSON.stringify({ t: topic, m: message }));
    await this.pool.query(`SELECT pg_notify('${PG_CHANNEL}', p) FROM unnest($1::text[]) AS p`, [
      payloads,
    ]);
  }

  private ensureListening(): Promise<void> {
    this.connecting ??= this.connect().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async connect(): Promise<void> {
    if (this.listener || this.closed) return;
    const client = new Client({ connectionString: this.url });
    client.on('notification', (n) => {
      if (!n.payload) return;
      const { t, m } = JSON.parse(n.payload) as { t: string; m: unknown };
      if (this.handlers.has(t)) this.dispatch(t, m);
    });
    client.on('error', () => this.reconnectSoon(client));
    client.on('end', () => this.reconnectSoon(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${PG_CHANNEL}`);
    } catch (err) {
      await client.end().catch(() => undefined);
      throw err;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.listener = client;
  }

  private reconnectSoon(client: Client): void {
    if (this.listener !== client) return;
    this.listener = undefined;
    if (this.closed || this.handlers.size === 0) return;
    this.logger.warn('listening connection lost; reconnecting');
    const retry = (delay: number) =>
      setTimeout(() => {
        this.ensureListening().catch(() => retry(Math.min(delay * 2, 5000)));
      }, delay).unref();
    retry(200);
  }

  protected async listen(): Promise<void> {
    await this.ensureListening();
  }
  async check(): Promise<void> {
    await this.pool.query('SELECT 1');
    if (this.handlers.size > 0 && !this.listener) throw new Error('listening connection lost');
  }
  protected async unlisten(): Promise<void> {
    // One shared channel: keep listening while the process lives.
  }
  async close(): Promise<void> {
    this.closed = true;
    await this.connecting?.catch(() => undefined);
    const l = this.listener;
    this.listener = undefined;
    await Promise.allSettled([l?.end(), this.pool.end()]);
  }
}
