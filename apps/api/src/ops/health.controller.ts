import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ReadinessService } from '@causeway/observability';

/**
 * GET /health, as the API contract fixes it: 200 `{ status: "ok", database, queue }` once the database
 * and the queue answer, 503 otherwise. GET /health/ready: the same with every dependency named
 * (pub/sub too). GET /health/live: liveness only (the process answers; 200 always).
 */
@Controller('health')
export class HealthController {
  constructor(private readonly readiness: ReadinessService) {}

  @Get()
  async health(@Res() res: Response): Promise<void> {
    const { checks } = await this.readiness.check();
    const ok = checks.database === 'up' && checks.queue === 'up';
    res
      .status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
      .json({ status: ok ? 'ok' : 'unavailable', database: checks.database, queue: checks.queue });
  }

  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(@Res() res: Response): Promise<void> {
    const r = await this.readiness.check();
    res.status(r.status === 'ok' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json(r);
  }
}
