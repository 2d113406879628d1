import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Response } from 'express';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { QueueName } from '@causeway/queue';

const within = <T>(ms: number, p: Promise<T>) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);

/** GET /health: 200 when the database and the queue answer, 503 otherwise. */
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @InjectQueue(QueueName.System) private readonly queue: Queue,
  ) {}

  @Get()
  async health(@Res() res: Response): Promise<void> {
    const [database, queue] = await Promise.all([
      within(2000, this.dataSource.query('SELECT 1')).then(() => 'up', () => 'down'),
      within(2000, this.queue.getJobCounts('waiting')).then(() => 'up', () => 'down'),
    ]);
    const ok = database === 'up' && queue === 'up';
    res.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json({ status: ok ? 'ok' : 'unavailable', database, queue });
  }
}
