import { Injectable } from '@nestjs/common';
import type { AuthUser } from './context';

/**
 * Every per-request DataLoader a resolver can reach as `ctx.loaders.<name>`. Empty here: each
 * feature's `<area>.loaders.ts` adds its own (`declare module '../graphql/loaders'`), so access
 * stays typed while this folder imports no feature.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface Loaders {}

/** How a feature builds one loader for one request's viewer (null: anonymous). */
export type LoaderBuilder<L = unknown> = (viewer: AuthUser | null) => L;

/** The loaders a feature's builders make: `{ name: LoaderBuilder<L> }` becomes `{ name: L }`. */
export type BuiltLoaders<B> = { [K in keyof B]: B[K] extends LoaderBuilder<infer L> ? L : never };

const VIEWER = Symbol('viewer');

/**
 * Composes the loaders the features registered into one object per request (or per subscription
 * event), never shared between requests. Each loader is built the first time a resolver touches
 * it, so a request pays only for the loaders its fields use. Features register their builders in
 * onModuleInit (`register`), before the first request.
 */
@Injectable()
export class LoadersFactory {
  private readonly builders = new Map<string, LoaderBuilder>();
  private prototype?: object;

  register(builders: { [K in keyof Loaders]?: LoaderBuilder<Loaders[K]> }): void {
    if (this.prototype) throw new Error('loaders registered after the first request');
    for (const [name, build] of Object.entries(builders) as [string, LoaderBuilder][]) {
      if (this.builders.has(name)) throw new Error(`loader ${name} registered twice`);
      this.builders.set(name, build);
    }
  }

  /** The registered loader names (for tests and diagnostics). */
  names(): string[] {
    return [...this.builders.keys()];
  }

  create(viewer: AuthUser | null = null): Loaders {
    const loaders = Object.create(this.shared()) as Loaders & { [VIEWER]: AuthUser | null };
    loaders[VIEWER] = viewer;
    return loaders;
  }

  /**
   * One prototype for every request: a getter per loader that builds it for the request's viewer
   * and keeps it on the request's object (later reads are plain property reads).
   */
  private shared(): object {
    if (this.prototype) return this.prototype;
    const prototype = {};
    for (const [name, build] of this.builders) {
      Object.defineProperty(prototype, name, {
        get(this: { [VIEWER]: AuthUser | null }) {
          const loader = build(this[VIEWER]);
          Object.defineProperty(this, name, { value: loader, enumerable: true });
          return loader;
        },
      });
    }
    return (this.prototype = prototype);
  }
}
