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
 * Deep links get index.html; a path that names a file (has an extension) and is not there falls
 * through to the 404 of the API. The API's own paths are excluded here: /graphql, /health, /auth/*,
 * /metrics, /admin/queues and /admin/session (the queue dashboard), /exports/* (data exports) and
 * /email/* (unsubscribe). The web app's own /admin page stays a deep link.
 * (Not with the module's `exclude` option: its error handler turns every error on an excluded path,
 * such as a body over 1 MiB on /graphql, into a 404.)
 */
const DEEP_LINK = /^\/(?!(?:graphql|health|auth|metrics|exports|email|admin\/queues|admin\/session)(?:\/|$))(?:[^.]*|.*\/[^/.]*)$/;

const setHeaders = (res: Response, path: string) => {
  // Vite names what it builds under assets/ by content hash: cache for a year. index.html: always revalidate.
  res.setHeader('Cache-Control', /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
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
          renderPath: DEEP_LINK,
          serveStaticOptions: { index: false, setHeaders, fallthrough: true, redirect: false },
        }),
        { module: WebCompressionModule },
      ],
    };
  }
}
