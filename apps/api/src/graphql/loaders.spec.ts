import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { RESOLVER_TYPE_METADATA } from '@nestjs/graphql';
import { ApiModule } from '../api.module';
import type { AuthUser } from './context';
import { LoadersFactory } from './loaders';
import { providersOf, resolversOf } from './resolvers';

const ada: AuthUser = { id: 'ada', role: 'USER' as AuthUser['role'] };

describe(LoadersFactory.name, () => {
  let built: string[];
  let sut: LoadersFactory;
  // Builders as the areas register them.
  const register = (names: string[]) =>
    sut.register(
      Object.fromEntries(
        names.map((name) => [
          name,
          (viewer: AuthUser | null) => {
            built.push(`${name}:${viewer?.id ?? 'anonymous'}`);
            return { name, viewer };
          },
        ]),
      ),
    );
  const read = (loaders: object, name: string) => (loaders as Record<string, unknown>)[name];

  beforeEach(() => {
    built = [];
    sut = new LoadersFactory();
    register(['alpha', 'beta']);
    register(['gamma']);
  });

  it('builds a loader only when a request first reads it, for that request’s viewer, once', () => {
    const loaders = sut.create(ada);
    expect(built).toEqual([]);
    expect(read(loaders, 'beta')).toEqual({ name: 'beta', viewer: ada });
    expect(read(loaders, 'beta')).toBe(read(loaders, 'beta'));
    expect(built).toEqual(['beta:ada']);
    expect(sut.names()).toEqual(['alpha', 'beta', 'gamma']);
  });

  it('never shares a loader between requests (or subscription events)', () => {
    const first = sut.create(ada);
    const second = sut.create(null);
    expect(read(first, 'gamma')).not.toBe(read(second, 'gamma'));
    expect(read(second, 'gamma')).toEqual({ name: 'gamma', viewer: null });
    expect(built).toEqual(['gamma:ada', 'gamma:anonymous']);
  });

  it('refuses a name registered twice, and registrations after the first request', () => {
    expect(() => register(['alpha'])).toThrow('loader alpha registered twice');
    sut.create(null);
    expect(() => register(['delta'])).toThrow('loaders registered after the first request');
  });
});

describe('the API assembled per feature', () => {
  const src = join(__dirname, '..');
  const exportsOf = async (suffix: string) => {
    const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.endsWith(suffix),
    );
    const modules = await Promise.all(
      files.map((f) => import(join(src, f)) as Promise<Record<string, unknown>>),
    );
    return modules.flatMap((m) =>
      Object.values(m).filter(
        (v): v is new (...args: never[]) => unknown => typeof v === 'function',
      ),
    );
  };

  it("provides every area's loaders (their types exist whether or not a module provides them)", async () => {
    const loaders = await exportsOf('.loaders.ts');
    expect(loaders.length).toBeGreaterThanOrEqual(9);
    const provided = new Set(providersOf(ApiModule));
    expect(loaders.filter((l) => !provided.has(l)).map((l) => l.name)).toEqual([]);
  });

  it('serves every resolver class in the source tree', async () => {
    const resolvers = (await exportsOf('.resolver.ts')).filter((r) =>
      Reflect.hasMetadata(RESOLVER_TYPE_METADATA, r),
    );
    const served = new Set(resolversOf(ApiModule));
    expect(resolvers.filter((r) => !served.has(r)).map((r) => r.name)).toEqual([]);
  });
});
