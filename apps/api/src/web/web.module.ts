import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DynamicModule, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import compression from 'compression';
import type { Response } from 'express';

/** apps/web/dist, found by walking up from this file (source under ts-jest, dist/ when built). */
export function webDistDir(from = __dirname): string | null {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'apps', 'web', 'dist');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'apps', 'web'))) return null;
  }
  return null;
}

/**
 * The web app's routes (apps/web/src/app.tsx; docs/web-app.md) get index.html, so every deep link survives a
 * reload. Everything else falls through to the API: its own paths (/graphql, /health, /auth/*,
 * /metrics, /admin/queues, /exports/*, /email/*), a missing asset, and any unknown path, which is a
 * plain JSON 404. (Not serve-static's `exclude` option: its error handler turned every error on an
 * excluded path, such as a body over 1 MiB on /graphql, into a 404.)
 */
const SPA_ROUTES =
  /^\/(?:|login|signup|forgot-password|reset-password|verify-email|welcome|causes|causes\/[^/.]+|orgs\/new|orgs\/[^/.]+|orgs\/[^/.]+\/manage|campaigns\/[^/.]+|updates\/[^/.]+|notifications|search|me\/pledges|settings|admin|@[^/.]+)\/?$/;

const setHeaders = (res: Response, path: string) => {
  // Vite names what it builds under assets/ by content hash: cache for a year. index.html: always revalidate.
  res.setHeader(
    'Cache-Control',
    /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
  );
};

class WebCompressionModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(compression()).forRoutes('{*path}');
  }
}

/** The web app (apps/web/dist), compressed; nothing when it was not built. */
@Module({})
export class WebModule {
  static register(dir = webDistDir()): DynamicModule {
    if (!dir) return { module: WebModule };
    return {
      module: WebModule,
      imports: [
        ServeStaticModule.forRoot({
          rootPath: dir,
          renderPath: SPA_ROUTES,
          serveStaticOptions: { index: false, setHeaders, fallthrough: true, redirect: false },
        }),
        { module: WebCompressionModule },
      ],
    };
  }
}
