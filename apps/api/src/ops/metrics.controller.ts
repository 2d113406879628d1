import { Controller, Get, Headers, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { appConfig, AppConfig } from '@causeway/config';
import { metricsAllowed, metricsText } from '@causeway/observability';

/** GET /metrics: Prometheus text; with METRICS_TOKEN set, only for `Authorization: Bearer <METRICS_TOKEN>`. */
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(appConfig.KEY) private readonly app: AppConfig) {}

  @Get()
  async metrics(
    @Headers('authorization') authorization: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    if (!metricsAllowed(authorization, this.app.metricsToken)) {
      res
        .status(401)
        .set('www-authenticate', 'Bearer')
        .json({ statusCode: 401, message: 'METRICS_TOKEN required' });
      return;
    }
    const { contentType, body } = await metricsText();
    res.status(200).type(contentType).send(body);
  }
}
