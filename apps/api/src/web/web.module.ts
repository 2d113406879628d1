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

/** Paths the app never answers: the API's own routes. */
const EXCLUDED = ['/graphql', '/graphql/{*rest}', '/health', '/health/{*rest}', '/auth', '/auth/{*rest}'];

/**
 * Deep links get index.html; a path that names a file (has an extension) and is not there falls
 * through to the 404 of the API. Not matched here: /graphql, /health, /auth/*.
 */
const DEEP_LINK = /^\/(?!graphql(?:\/|$)|health(?:\/|$)|auth(?:\/|$))(?:[^.]*|.*\/[^/.]*)$/;

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
          exclude: EXCLUDED,
          serveStaticOptions: { index: false, setHeaders, fallthrough: true, redirect: false },
        }),
        { module: WebCompressionModule },
      ],
    };
  }
}
