import { Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { ConfigModule, queueConfig, QueueConfig } from '@causeway/config';
import { EventBus, PostgresEventBus, RedisEventBus } from './event-bus';

@Injectable()
class EventBusCloser implements OnApplicationShutdown {
  constructor(@Inject(EventBus) private readonly bus: EventBus) {}
  onApplicationShutdown(): Promise<void> {
    return this.bus.close();
  }
}

/** The cross-process event bus: Redis when REDIS_URL is set, PostgreSQL LISTEN/NOTIFY otherwise. */
@Module({
  imports: [ConfigModule],
  providers: [
    {
      provide: EventBus,
      inject: [queueConfig.KEY],
      useFactory: (config: QueueConfig) =>
        config.backend === 'redis'
          ? new RedisEventBus(config.redisUrl!)
          : new PostgresEventBus(config.databaseUrl),
    },
    EventBusCloser,
  ],
  exports: [EventBus],
})
export class EventBusModule {}
