import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { appConfig, AppConfig } from '@causeway/config';
import { metricsAllowed, metricsText, ReadinessService } from '@causeway/observability';

/**
 * The worker's small HTTP listener on HOST:WORKER_HTTP_PORT: GET /health (liveness),
 * GET /health/ready (database, queue, pub/sub) and GET /metrics (METRICS_TOKEN when set).
 */
@Injectable()
export class WorkerHttp implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('WorkerHttp');
  private server?: Server;

  constructor(
    private readonly readiness: ReadinessService,
    @Inject(appConfig.KEY) private readonly app: AppConfig,
  ) {}

  /** The bound port (tests use WORKER_HTTP_PORT=0). */
  get port(): number | undefined {
    return (this.server?.address() as AddressInfo | null)?.port;
  }

  async onApplicationBootstrap(): Promise<void> {
    const server = createServer((req, res) => {
      const json = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      };
      const path = (req.url ?? '/').split('?')[0];
      if (req.method !== 'GET')
        return json(405, { statusCode: 405, message: 'Method not allowed' });
      if (path === '/health' || path === '/health/live') return json(200, { status: 'ok' });
      if (path === '/health/ready') {
        void this.readiness.check().then((r) => json(r.status === 'ok' ? 200 : 503, r));
        return;
      }
      if (path === '/metrics') {
        if (!metricsAllowed(req.headers.authorization, this.app.metricsToken))
          return json(401, { statusCode: 401, message: 'METRICS_TOKEN required' });
        void metricsText().then(({ contentType, body }) =>
          res.writeHead(200, { 'content-type': contentType }).end(body),
        );
        return;
      }
      json(404, { statusCode: 404, message: 'Not found' });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.app.workerHttpPort, this.app.host, () => resolve());
    });
    this.server = server;
    const a = server.address() as AddressInfo;
    this.logger.log(
      `health and metrics on http://${a.family === 'IPv6' ? `[${a.address}]` : a.address}:${a.port} (/health, /health/ready, /metrics)`,
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
