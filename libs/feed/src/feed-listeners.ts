import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';

const TTL_SECONDS = 90;
const HEARTBEAT_MS = 30_000;

/**
 * Who has a live feed open, shared by every API process (an UNLOGGED table): the fan-out publishes
 * only for receivers listed here, so its pub/sub cost follows connected viewers, not followers.
 * Each API process refreshes its listeners' rows while their subscriptions last.
 */
@Injectable()
export class FeedListeners implements OnApplicationShutdown {
  private readonly logger = new Logger(FeedListeners.name);
  private readonly instanceId = randomUUID();
  private readonly local = new Map<string, number>();
  private timer?: NodeJS.Timeout;

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async add(userId: string): Promise<void> {
    this.local.set(userId, (this.local.get(userId) ?? 0) + 1);
    this.timer ??= setInterval(() => void this.refresh(), HEARTBEAT_MS).unref();
    await this.upsert([userId]);
  }

  async remove(userId: string): Promise<void> {
    const left = (this.local.get(userId) ?? 1) - 1;
    if (left > 0) {
      this.local.set(userId, left);
      return;
    }
    this.local.delete(userId);
    await this.db
      .query('DELETE FROM feed_listeners WHERE user_id = $1 AND instance_id = $2', [
        userId,
        this.instanceId,
      ])
      .catch(() => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    if (this.local.size > 0)
      await this.db
        .query('DELETE FROM feed_listeners WHERE instance_id = $1', [this.instanceId])
        .catch(() => undefined);
  }

  private async refresh(): Promise<void> {
    if (this.local.size === 0) return;
    await this.upsert([...this.local.keys()]).catch((err: Error) =>
      this.logger.warn(`listener refresh failed: ${err.message}`),
    );
  }

  private async upsert(userIds: string[]): Promise<void> {
    await this.db.query(
      `INSERT INTO feed_listeners (user_id, instance_id, expires_at)
       SELECT unnest($1::uuid[]), $2, now() + make_interval(secs => ${TTL_SECONDS})
       ON CONFLICT (user_id, instance_id) DO UPDATE SET expires_at = EXCLUDED.expires_at`,
      [userIds, this.instanceId],
    );
  }
}
