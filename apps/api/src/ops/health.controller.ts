import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ReadinessService } from '@causeway/observability';

/**
 * GET /health: liveness (the process answers; 200 always). GET /health/ready: 200 when the
 * database, the queue and pub/sub all answer, 503 otherwise, each named in the body.
 */
@Controller('health')
export class HealthController {
  constructor(private readonly readiness: ReadinessService) {}

  @Get()
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(@Res() res: Response): Promise<void> {
    const r = await this.readiness.check();
    res.status(r.status === 'ok' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json(r);
  }
}
