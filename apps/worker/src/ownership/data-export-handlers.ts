import {
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  OnModuleInit,
} from '@nestjs/common';
import { DomainEvent, EventHandlers } from '@causeway/outbox';
import { DataExportBuilder } from '@causeway/ownership';

/** How often expired archives are deleted (the API already stops serving them at expiry). */
const EXPIRE_EVERY_MS = 60_000;

/** Builds requested data exports (from their outbox event) and deletes archives past their 24 hours. */
@Injectable()
export class DataExportHandlers
  implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger(DataExportHandlers.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly handlers: EventHandlers,
    private readonly builder: DataExportBuilder,
  ) {}

  onModuleInit(): void {
    this.handlers.on(DomainEvent.DataExportRequested, ({ exportId }) =>
      this.builder.build(exportId),
    );
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.expire(), EXPIRE_EVERY_MS);
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async expire(): Promise<number> {
    try {
      const n = await this.builder.expire();
      if (n > 0) this.logger.log(`${n} data export(s) expired`);
      return n;
    } catch (err) {
      this.logger.warn(`expiring data exports failed: ${(err as Error).message}`);
      return 0;
    }
  }
}
